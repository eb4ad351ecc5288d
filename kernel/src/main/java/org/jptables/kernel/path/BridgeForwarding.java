package org.jptables.kernel.path;

import java.util.Arrays;
import org.jptables.kernel.host.Host;
import org.jptables.kernel.packet.PacketView;

/**
 * Where a bridge sends a frame it forwards (br_handle_frame_finish, br_forward, br_flood): to the
 * port its forwarding database names, nowhere when that is the port the frame came by, else to
 * every other port, each copy (br_flood's clone) starting from the packet as PREROUTING left it.
 * Each copy goes on through {@link Port}: FORWARD and POSTROUTING.
 */
final class BridgeForwarding {
    /** The rest of a bridged copy's way, out of port {@code out}: whether it left. */
    interface Port {
        boolean forward(int ct, int bridge, int in, int out);
    }

    private final Host host;
    private final PacketView view;
    private final Port port;
    private final ViewSnapshot copy = new ViewSnapshot();

    BridgeForwarding(Host host, PacketView view, Port port) {
        this.host = host;
        this.view = view;
        this.port = port;
    }

    /** Forwards the frame on the view, which came in by port {@code in} of {@code bridge}: whether a copy left. */
    boolean forward(int ct, int bridge, int in) {
        int known = host.bridgePortOf(bridge, view.destinationMac());
        if (known >= 0) {
            return known != in && port.forward(ct, bridge, in, known);
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
            sent |= port.forward(ct, bridge, in, out);
        }
        return sent;
    }
}
