package org.jptables.kernel.classify;

import org.jptables.api.Packet;

/**
 * The fields of one packet that rules declare constraints on, read once per traversal (and again
 * after a target that continues, which may have changed the mark or the ports). A packet that is
 * not classifiable in the sense of {@link org.jptables.api.Constraints} (a fragment, a truncated
 * transport header) is left to the linear walk, where each match decides and may hotdrop.
 * One per evaluator, reused: loading allocates nothing.
 */
public final class PacketKey {
    static final int NO_PORT = -1;

    private static final int ICMP = 1;
    private static final int TCP = 6;
    private static final int UDP = 17;
    private static final int DCCP = 33;
    private static final int SCTP = 132;
    private static final int UDPLITE = 136;

    int source;
    int destination;
    int protocol;
    int sourcePort;
    int destinationPort;
    int mark;
    int ctState;
    String in;
    String out;
    /** The evaluator's own generator for declared random draws (xorshift64*): no lock, no sharing. */
    private long random = System.nanoTime() ^ 0x9E3779B97F4A7C15L | 1;

    /** Reads the packet's fields; false when the packet is not classifiable. */
    public boolean load(Packet packet) {
        if (packet.fragmentOffset() != 0) {
            return false;
        }
        protocol = packet.protocol();
        sourcePort = NO_PORT;
        destinationPort = NO_PORT;
        int th = packet.transportOffset();
        switch (protocol) {
            case TCP -> {
                if (packet.u32(th + 16) < 0) {
                    return false;
                }
                int headerLength = (packet.u8(th + 12) >>> 4) * 4;
                if (headerLength < 20 || packet.u8(th + headerLength - 1) < 0) {
                    return false;
                }
                ports(packet, th);
            }
            case UDP, UDPLITE -> {
                if (packet.u32(th + 4) < 0) {
                    return false;
                }
                ports(packet, th);
            }
            case SCTP, DCCP -> {
                if (packet.u32(th) < 0) {
                    return false;
                }
                ports(packet, th);
            }
            case ICMP -> {
                if (packet.u32(th + 4) < 0) {
                    return false;
                }
            }
            default -> {
            }
        }
        source = packet.source();
        destination = packet.destination();
        mark = packet.mark();
        ctState = packet.ctState();
        in = packet.inInterface();
        out = packet.outInterface();
        return true;
    }

    /** A fresh uniform 31-bit number, for a rule's declared random draw. */
    int random31() {
        long x = random;
        x ^= x >>> 12;
        x ^= x << 25;
        x ^= x >>> 27;
        random = x;
        return (int) ((x * 0x2545F4914F6CDD1DL) >>> 33);
    }

    private void ports(Packet packet, int th) {
        sourcePort = packet.u16(th);
        destinationPort = packet.u16(th + 2);
    }
}
