package org.jptables.kernel.conntrack;

import org.jptables.kernel.nat.PacketRewriter;
import org.jptables.kernel.packet.Checksums;

/**
 * Undoes a connection's NAT binding on a packet the host's stack answered, for replaying recorded
 * traffic: the recording has the answer as it left after NAT, the path must be given it as the stack
 * wrote it. Not on the packet path: it may allocate.
 */
final class NatReversal {
    private static final int ICMP = IcmpTracker.PROTOCOL;
    private static final int TCP = TcpTracker.PROTOCOL;
    private static final int UDP = UdpTracker.PROTOCOL;

    private final ConntrackTable table;

    NatReversal(ConntrackTable table) {
        this.table = table;
    }

    /** Rewrites a TCP or UDP packet (ICMP: see unNatIcmp) in place; false if no NATed connection has it. */
    boolean unNat(byte[] ip, int length) {
        if (length < 20) {
            return false;
        }
        int protocol = ip[9] & 0xff;
        int l4 = (ip[0] & 0x0f) * 4;
        if (protocol == ICMP) {
            return unNatIcmp(ip, length, l4);
        }
        if ((protocol != TCP && protocol != UDP) || length < l4 + 4) {
            return false;
        }
        int src = get32(ip, 12);
        int dst = get32(ip, 16);
        int sport = ((ip[l4] & 0xff) << 8) | (ip[l4 + 1] & 0xff);
        int dport = ((ip[l4 + 2] & 0xff) << 8) | (ip[l4 + 3] & 0xff);
        // a packet on the wire is the inverse of the other direction's tuple
        int ref = table.hash.find(dst, src, dport, sport, protocol);
        if (ref < 0 || (table.status[ref >> 1] & (EntryStatus.SRC_NAT | EntryStatus.DST_NAT)) == 0) {
            return false;
        }
        int[] t = new int[4];
        table.tuple(ref >> 1, (ref & 1) == 0, t);
        PacketRewriter.address(ip, 0, length, true, t[0]);
        PacketRewriter.address(ip, 0, length, false, t[1]);
        PacketRewriter.port(ip, 0, length, true, t[2]);
        PacketRewriter.port(ip, 0, length, false, t[3]);
        return true;
    }

    /**
     * {@link #unNat} for ICMP: a query answer (echo reply) goes back to the addresses of its entry's
     * other tuple; an error gets the outer destination and the quoted packet's source as they were
     * before the binding rewrote them, and its checksum again.
     */
    private boolean unNatIcmp(byte[] ip, int length, int l4) {
        if (length < l4 + 8) {
            return false;
        }
        int type = ip[l4] & 0xff;
        int inverse = IcmpTracker.inverse(type);
        int[] t = new int[4];
        if (inverse >= 0) {
            int id = ((ip[l4 + 4] & 0xff) << 8) | (ip[l4 + 5] & 0xff);
            int ref = table.hash.find(get32(ip, 16), get32(ip, 12), id, (inverse << 8) | (ip[l4 + 1] & 0xff), ICMP);
            if (ref < 0 || (table.status[ref >> 1] & (EntryStatus.SRC_NAT | EntryStatus.DST_NAT)) == 0) {
                return false;
            }
            table.tuple(ref >> 1, (ref & 1) == 0, t);
            PacketRewriter.address(ip, 0, length, true, t[0]);
            PacketRewriter.address(ip, 0, length, false, t[1]);
            return true;
        }
        if (type != 3 && type != 11 && type != 12 && type != 4 && type != 5) {
            return false;
        }
        int inner = l4 + 8;
        if (length < inner + 20) {
            return false;
        }
        int innerL4 = inner + (ip[inner] & 0x0f) * 4;
        int innerProto = ip[inner + 9] & 0xff;
        if ((innerProto != TCP && innerProto != UDP) || length < innerL4 + 4) {
            return false;
        }
        int sport = ((ip[innerL4] & 0xff) << 8) | (ip[innerL4 + 1] & 0xff);
        int dport = ((ip[innerL4 + 2] & 0xff) << 8) | (ip[innerL4 + 3] & 0xff);
        int ref = table.hash.find(get32(ip, inner + 12), get32(ip, inner + 16), sport, dport, innerProto);
        if (ref < 0 || (table.status[ref >> 1] & (EntryStatus.SRC_NAT | EntryStatus.DST_NAT)) == 0) {
            return false;
        }
        // the quoted packet as it went out after NAT: the inverse of the other direction's tuple
        table.tuple(ref >> 1, (ref & 1) == 0, t);
        int innerLength = length - inner;
        PacketRewriter.address(ip, inner, innerLength, true, t[1]);
        PacketRewriter.address(ip, inner, innerLength, false, t[0]);
        PacketRewriter.port(ip, inner, innerLength, true, t[3]);
        PacketRewriter.port(ip, inner, innerLength, false, t[2]);
        ip[l4 + 2] = 0;
        ip[l4 + 3] = 0;
        int sum = Checksums.finish(Checksums.sum(ip, l4, length - l4, 0));
        ip[l4 + 2] = (byte) (sum >>> 8);
        ip[l4 + 3] = (byte) sum;
        PacketRewriter.address(ip, 0, length, false, t[1]);
        return true;
    }

    private static int get32(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }
}
