package org.jptables.kernel.conntrack;

import org.jptables.kernel.packet.PacketView;

/**
 * nf_ct_helper_log: why a helper drops a packet, in the kernel log with the packet as nf_log's
 * default IPv4 logger writes it (no devices: {@code IN= OUT=}). Only on a drop, so it may allocate.
 */
final class HelperLog {
    /** KERN_NOTICE, nf_log's default level. */
    private static final int LEVEL = 5;
    /** NF_LOG_DEFAULT_MASK: TCP sequence and options, IP options, the socket's uid. */
    private static final int FLAGS = 0x0f;

    private HelperLog() {
    }

    static void dropping(PacketView p, String helper, String why) {
        String in = p.inInterface();
        String out = p.outInterface();
        p.inInterface("").outInterface("");
        try {
            p.log(LEVEL, "nf_ct_" + helper + ": dropping packet: " + why + " ", FLAGS);
        } finally {
            p.inInterface(in).outInterface(out);
        }
    }
}
