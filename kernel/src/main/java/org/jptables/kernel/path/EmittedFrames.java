package org.jptables.kernel.path;

import org.jptables.kernel.host.Host;

/**
 * What the report records of a packet leaving by a device: the Ethernet frame as it goes on the
 * wire, and for a datagram the path reassembled, the fragments it arrived in. Only a path asked
 * for a report comes here, so the frames it allocates cost the hot path nothing. A frame leaving
 * by a bridge goes out of the port (or, flooded, the ports) the bridge chooses.
 */
final class EmittedFrames {
    private EmittedFrames() {
    }

    /** Records {@code ip} leaving by {@code out} towards {@code destination}'s next hop. */
    static void record(PacketResult report, Host host, Defragmenter.Datagram fragments, byte[] ip, int length,
            int out, int destination) {
        long dstMac = host.neighbourMac(host.nextHop(destination));
        // addressed to the next hop's MAC, or to broadcast while the host does not know it
        long to = dstMac < 0 ? 0xFFFFFFFFFFFFL : dstMac;
        int ports = host.bridgePortCount(out);
        if (ports == 0) {
            record(report, fragments, ip, length, host.name(out), to, host.mac(out));
            return;
        }
        for (int i = 0; i < ports; i++) {
            int port = host.bridgePort(out, i);
            if (BridgeFrames.leavesBy(host, out, to, port, -1)) {
                record(report, fragments, ip, length, host.name(port), to, host.mac(out));
            }
        }
    }

    /** Records {@code ip} leaving by device {@code on} in a frame from {@code srcMac} to {@code dstMac}. */
    static void record(PacketResult report, Defragmenter.Datagram fragments, byte[] ip, int length, String on,
            long dstMac, long srcMac) {
        if (fragments != null && fragments.ip() == ip) {
            // a reassembled datagram leaves in the fragments it came in
            for (byte[] f : Defragmenter.fragment(ip, length, fragments.offsets(), fragments.lengths())) {
                report.emitted.add(new PacketResult.Emitted(on, frame(f, f.length, dstMac, srcMac), "forward"));
            }
        } else {
            report.emitted.add(new PacketResult.Emitted(on, frame(ip, length, dstMac, srcMac), "forward"));
        }
    }

    private static byte[] frame(byte[] ip, int length, long dstMac, long srcMac) {
        byte[] f = new byte[14 + length];
        putMac(f, 0, dstMac);
        putMac(f, 6, srcMac);
        f[12] = 0x08;
        System.arraycopy(ip, 0, f, 14, length);
        return f;
    }

    private static void putMac(byte[] f, int at, long mac) {
        for (int i = 0; i < 6; i++) {
            f[at + i] = (byte) (mac >>> (8 * (5 - i)));
        }
    }
}
