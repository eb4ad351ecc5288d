package org.jptables.kernel.path;

import org.jptables.api.ConnState;
import org.jptables.api.Hook;
import org.jptables.api.Verdict;
import org.jptables.kernel.host.Host;
import org.jptables.kernel.model.TableKind;
import org.jptables.kernel.packet.LocalSocket;
import org.jptables.kernel.packet.PacketView;

/**
 * TEE's copies: the ones the table at work made, and how each leaves once that table is done
 * with the packet it was copied from.
 */
final class TeeCopies {
    private final Host host;
    private final PacketView view;
    private final HookRunner tables;
    /** TEE's copies made in the table at work, sent once it is done. */
    private final PacketDuplicates made = new PacketDuplicates();
    /** A TEE copy is on its way out (nf_skb_duplicated): TEE does not copy it again. */
    private boolean sending;

    TeeCopies(Host host, PacketView view, HookRunner tables) {
        this.host = host;
        this.view = view;
        this.tables = tables;
    }

    /** TEE asked for a copy of {@code packet}; a quiet host sends nothing. */
    void add(PacketView packet, int gateway, String device, boolean quietHost) {
        // nf_skb_duplicated: a copy on its way out is never copied again
        if (!sending && !quietHost) {
            made.add(packet, gateway, device);
        }
    }

    boolean isEmpty() {
        return made.isEmpty();
    }

    /** The copies made so far, forgotten here. */
    PacketDuplicates.Copy[] take() {
        return made.take();
    }

    /**
     * A TEE copy leaving as ip_local_out sends it: routed to its gateway, untracked (so conntrack
     * and the nat table leave it alone), through OUTPUT and POSTROUTING, then out by the
     * gateway's device to the gateway's link address. A gateway without a route, or one of the
     * host's own addresses (on Linux the copy loops back through lo and is copied again without
     * end: not modelled), gets no copy. The caller puts the view's packet aside first.
     */
    void send(PacketDuplicates.Copy copy, PacketResult report) {
        int byDevice = copy.device() == null ? -1 : host.indexOf(copy.device());
        int out = byDevice >= 0 ? byDevice : host.routeDevice(copy.gateway());
        if (out < 0 || out == host.indexOf("lo") || host.isLocal(copy.gateway())) {
            return;
        }
        byte[] ip = copy.ip();
        view.wrap(ip, 0, ip.length).inInterface("").outInterface(host.name(out)).socket(LocalSocket.NONE)
                .traced(copy.traced());
        view.setMark(copy.mark());
        view.setPriority(copy.priority());
        view.linkHeader(-1, -1);
        view.conntrack(ConnState.UNTRACKED, 0, 0, 0, 0, 0, 0);
        view.template().keep();
        sending = true;
        try {
            if (tables.run(TableKind.RAW, Hook.OUTPUT) != Verdict.ACCEPT
                    || tables.run(TableKind.MANGLE, Hook.OUTPUT) != Verdict.ACCEPT
                    || tables.run(TableKind.FILTER, Hook.OUTPUT) != Verdict.ACCEPT
                    || tables.run(TableKind.SECURITY, Hook.OUTPUT) != Verdict.ACCEPT
                    || tables.run(TableKind.MANGLE, Hook.POSTROUTING) != Verdict.ACCEPT) {
                return;
            }
        } finally {
            sending = false;
        }
        if (report != null) {
            EmittedFrames.record(report, host, null, view.bytes(), view.length(), out, copy.gateway());
        }
        // live mode's observer sends the host's own packets by a raw socket, routed by their
        // destination: a copy meant for the gateway would go to the packet's own destination
        // instead, so live mode sends none (docs/live.md)
    }
}
