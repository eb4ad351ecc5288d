package org.jptables.plugins.hashlimit;

import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;

/**
 * One rule's -m hashlimit: the flow key of a packet (hashlimit_init_dst, from the table's mode
 * and masks) and the table's answer for it. A packet whose ports cannot be read, or that would
 * need an entry in a full table, is dropped as the kernel's hotdrop.
 */
final class HashlimitMatch implements Match {
    private static final int TCP = 6;
    private static final int UDP = 17;
    private static final int DCCP = 33;
    private static final int ESP = 50;
    private static final int AH = 51;
    private static final int SCTP = 132;
    private static final int UDPLITE = 136;

    private final HashlimitConfig cfg;
    private final HashlimitTable table;
    private final int tableMode;
    private final long srcMask;
    private final long dstMask;

    HashlimitMatch(HashlimitConfig cfg, HashlimitTable table) {
        this.cfg = cfg;
        this.table = table;
        this.tableMode = table.cfg.mode();
        this.srcMask = prefixMask(table.cfg.srcmask());
        this.dstMask = prefixMask(table.cfg.dstmask());
    }

    private static long prefixMask(int bits) {
        return bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
    }

    HashlimitConfig config() {
        return cfg;
    }

    HashlimitTable table() {
        return table;
    }

    @Override
    public boolean matches(Packet packet) {
        long src = (tableMode & HashlimitConfig.HASH_SIP) != 0 ? (packet.source() & 0xFFFFFFFFL) & srcMask : 0;
        long dst = (tableMode & HashlimitConfig.HASH_DIP) != 0 ? (packet.destination() & 0xFFFFFFFFL) & dstMask : 0;
        int portKey = 0;
        if ((tableMode & (HashlimitConfig.HASH_SPT | HashlimitConfig.HASH_DPT)) != 0) {
            int offset = portsOffset(packet.protocol());
            if (offset >= 0) {
                // read whatever the header holds, fragment or not, as the kernel does
                long both = packet.u32(packet.transportOffset() + offset);
                if (both < 0) {
                    packet.hotdrop();
                    return false;
                }
                int sport = (tableMode & HashlimitConfig.HASH_SPT) != 0 ? (int) (both >>> 16) : 0;
                int dport = (tableMode & HashlimitConfig.HASH_DPT) != 0 ? (int) (both & 0xFFFF) : 0;
                portKey = sport << 16 | dport;
            }
        }
        long now = Credits.jiffies(packet.timeNanos());
        int answer = table.admit(src << 32 | dst, portKey, now, cfg.mode(), packet.totalLength());
        if (answer < 0) {
            packet.hotdrop();
            return false;
        }
        return answer == 1;
    }

    /** proto_ports_offset: where a protocol keeps two 16-bit "ports" (ESP and AH: halves of the SPI). */
    private static int portsOffset(int protocol) {
        return switch (protocol) {
            case TCP, UDP, DCCP, ESP, SCTP, UDPLITE -> 0;
            case AH -> 4;
            default -> -1;
        };
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        cfg.print(out);
    }

    @Override
    public void save(StringBuilder out) {
        cfg.save(out);
    }

    /** Buckets per group of addresses or ports, drained by every connection in the group. */
    @Override
    public StateScope stateScope() {
        return StateScope.SHARED;
    }
}
