package org.jptables.kernel.path;

/**
 * The key under which a replay split by connection groups packets: the conversation, that is the
 * unordered pair of addresses and the protocol, the same for both directions of a flow. It is
 * coarser than a connection on purpose: a later fragment carries no ports, but its addresses and
 * protocol are its datagram's; an ICMP error (destination unreachable, source quench, redirect,
 * time exceeded, parameter problem) is keyed by the packet it quotes, whose connection conntrack
 * relates it to, wherever the error came from. Several connections under one key run through one
 * kernel, which is as exact as one each; so is a hash collision of two conversations.
 *
 * <p>A fragmented ICMP error cannot be keyed by what it quotes (its later fragments do not hold
 * it): {@link #isFragmentedIcmpError} tells the caller, which counts them and refuses to call the
 * split exact if any was seen.
 */
public final class ConnectionKey {
    private static final long MIX = 0x9E3779B97F4A7C15L;

    private ConnectionKey() {
    }

    /**
     * The key of the IPv4 packet at {@code at} in {@code b}, {@code length} bytes of it; 0 for
     * anything too short to have addresses (such a packet meets no connection).
     */
    public static long of(byte[] b, int at, int length) {
        if (length < 20 || (b[at] & 0xF0) != 0x40) {
            return 0;
        }
        int ihl = (b[at] & 0x0F) * 4;
        int protocol = b[at + 9] & 0xFF;
        if (protocol == 1 && !fragment(b, at) && length >= ihl + 8 + 20 && error(b[at + ihl] & 0xFF)) {
            int inner = at + ihl + 8;
            if ((b[inner] & 0xF0) == 0x40) {
                return key(int32(b, inner + 12), int32(b, inner + 16), b[inner + 9] & 0xFF);
            }
        }
        return key(int32(b, at + 12), int32(b, at + 16), protocol);
    }

    /** Whether the packet is a fragment of an ICMP datagram that may be an error (its type unknown on later fragments). */
    public static boolean isFragmentedIcmpError(byte[] b, int at, int length) {
        if (length < 20 || (b[at + 9] & 0xFF) != 1 || !fragment(b, at)) {
            return false;
        }
        boolean first = (((b[at + 6] & 0x1F) << 8) | (b[at + 7] & 0xFF)) == 0;
        int ihl = (b[at] & 0x0F) * 4;
        return !first || length <= ihl || error(b[at + ihl] & 0xFF);
    }

    private static boolean error(int type) {
        return type == 3 || type == 4 || type == 5 || type == 11 || type == 12;
    }

    private static boolean fragment(byte[] b, int at) {
        return ((((b[at + 6] & 0xFF) << 8) | (b[at + 7] & 0xFF)) & 0x3FFF) != 0;
    }

    private static long key(int a, int b, int protocol) {
        long lo = Integer.toUnsignedLong(Math.min(a ^ Integer.MIN_VALUE, b ^ Integer.MIN_VALUE) ^ Integer.MIN_VALUE);
        long hi = Integer.toUnsignedLong(Math.max(a ^ Integer.MIN_VALUE, b ^ Integer.MIN_VALUE) ^ Integer.MIN_VALUE);
        long k = (lo << 32 | hi) * MIX + protocol;
        return (k ^ (k >>> 31)) * MIX;
    }

    private static int int32(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }
}
