package org.jptables.kernel.path;

import java.util.Arrays;
import org.jptables.api.Hook;
import org.jptables.api.Verdict;
import org.jptables.kernel.host.Host;
import org.jptables.kernel.model.TableKind;
import org.jptables.kernel.packet.PacketView;

/**
 * Where a bridge sends a frame it forwards (br_handle_frame_finish, br_forward, br_flood): to the
 * port its forwarding database names, nowhere when that is the port the frame came by, else to
 * every other port, each copy (br_flood's clone) starting from the packet as PREROUTING left it.
 * Each copy goes through FORWARD here, then on through {@link Postrouting}.
 */
final class BridgeForwarding {
    /** The rest of a bridged copy's way after FORWARD: POSTROUTING, out of port {@code out}; whether it left. */
    interface Postrouting {
        boolean leave(int ct, int bridge, int out);
    }

    private final Host host;
    private final PacketView view;
    private final HookRunner tables;
    private final Postrouting postrouting;
    private final ViewSnapshot copy = new ViewSnapshot();

    BridgeForwarding(Host host, PacketView view, HookRunner tables, Postrouting postrouting) {
        this.host = host;
        this.view = view;
        this.tables = tables;
        this.postrouting = postrouting;
    }

    /** Forwards the frame on the view, which came in by port {@code in} of {@code bridge}: whether a copy left. */
    boolean forward(int ct, int bridge, int in) {
        int known = host.bridgePortOf(bridge, view.destinationMac());
        if (known >= 0) {
            return known != in && copyOut(ct, bridge, in, known);
        }
        // only a bridge of three ports or more floods more than one copy: only then is one kept
        byte[] original = host.bridgePortCount(bridge) > 2
                ? Arrays.copyOfRange(view.bytes(), view.offset(), view.offset() + view.length()) : null;
        if (original != null) {
            copy.take(view);
        }
        boolean sent = false;
        int copies = 0;
        for (int i = 0; i < host.bridgePortCount(bridge); i++) {
            int out = host.bridgePort(bridge, i);
            if (out == in) {
                continue;
            }
            if (copies++ > 0) {
                copy.restore(view);
                view.wrap(original.clone(), 0, original.length);
                copy.take(view);
            }
            sent |= copyOut(ct, bridge, in, out);
        }
        return sent;
    }

    /**
     * A bridged copy of a frame from port {@code in} out of port {@code out}: FORWARD with the bridge
     * as -i and -o and the ports as physindev and physoutdev, then POSTROUTING, called from the bridge
     * (no -i). No routing, no TTL and no ip_forward checks: the frame leaves as it came, MACs and all.
     */
    private boolean copyOut(int ct, int bridge, int in, int out) {
        view.outInterface(host.name(bridge)).bridgePorts(host.name(in), host.name(out)).hook(Hook.FORWARD);
        view.routeRealm(0); // br_netfilter's fake route of the bridge names no realm
        if (tables.run(TableKind.MANGLE, Hook.FORWARD) != Verdict.ACCEPT
                || tables.run(TableKind.FILTER, Hook.FORWARD) != Verdict.ACCEPT
                || tables.run(TableKind.SECURITY, Hook.FORWARD) != Verdict.ACCEPT) {
            return false; // a flooded copy's drop leaves the connection to the others (the caller aborts it)
        }
        view.inInterface(""); // br_nf_post_routing passes the hook no input device
        return postrouting.leave(ct, bridge, out);
    }
}
