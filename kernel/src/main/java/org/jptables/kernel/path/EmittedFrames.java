package org.jptables.kernel.path;

import org.jptables.kernel.host.Host;

/**
 * What the report records of a packet leaving by a device: the Ethernet frame as it goes on the
 * wire, and for a datagram the path reassembled, the fragments it arrived in. Only a path asked
 * for a report comes here, so the frames it allocates cost the hot path nothing.
 */
final class EmittedFrames {
    private EmittedFrames() {
    }

    /** Records {@code ip} leaving by {@code out} towards {@code destination}'s next hop. */
    static void record(PacketResult report, Host host, Defragmenter.Datagram fragments, byte[] ip, int length,
            int out, int destination) {
        if (fragments != null && fragments.ip() == ip) {
            // a reassembled datagram leaves in the fragments it came in
            for (byte[] f : Defragmenter.fragment(ip, length, fragments.offsets(), fragments.lengths())) {
                report.emitted.add(new PacketResult.Emitted(host.name(out), frame(host, f, f.length, out, destination),
                        "forward"));
            }
        } else {
            report.emitted.add(new PacketResult.Emitted(host.name(out), frame(host, ip, length, out, destination),
                    "forward"));
        }
    }

    /** Addressed to the next hop's MAC, or to broadcast while the host does not know it. */
    private static byte[] frame(Host host, byte[] ip, int length, int out, int destination) {
        byte[] f = new byte[14 + length];
        long dstMac = host.neighbourMac(host.nextHop(destination));
        putMac(f, 0, dstMac < 0 ? 0xFFFFFFFFFFFFL : dstMac);
        putMac(f, 6, host.mac(out));
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
