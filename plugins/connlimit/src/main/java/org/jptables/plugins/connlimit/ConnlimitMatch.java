package org.jptables.plugins.connlimit;

import org.jptables.api.ConnState;
import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;

/**
 * xt_connlimit's connlimit_mt: the packet's connection is identified by its conntrack entry's
 * original tuple, or, for a packet without one (INVALID, untracked), by the tuple read from its
 * headers (a packet too short for it, or a fragment, is dropped: hotdrop); the key is the packet's
 * own source (or destination) address under the mask; the match holds when the key's count is
 * above the limit ({@code --connlimit-above}) or not ({@code --connlimit-upto}). Every rule keeps
 * its own lists (nf_conncount_init at checkentry).
 */
final class ConnlimitMatch implements Match {
    private static final int ICMP = 1;
    private static final int TCP = 6;
    private static final int UDP = 17;
    private static final int DCCP = 33;
    private static final int SCTP = 132;
    private static final int UDPLITE = 136;
    private static final int TRACKED = ConnState.NEW | ConnState.ESTABLISHED | ConnState.RELATED;

    private final long limit;
    private final boolean upto;
    private final int mask;
    private final boolean daddr;
    private final ConnectionLists lists = new ConnectionLists();

    /**
     * @param limit the limit, an unsigned 32-bit number
     * @param upto  whether the match holds up to the limit (XT_CONNLIMIT_INVERT) rather than above it
     * @param mask  the address mask
     * @param daddr whether the destination address is the key (XT_CONNLIMIT_DADDR)
     */
    ConnlimitMatch(int limit, boolean upto, int mask, boolean daddr) {
        this.limit = limit & 0xFFFFFFFFL;
        this.upto = upto;
        this.mask = mask;
        this.daddr = daddr;
    }

    @Override
    public boolean matches(Packet p) {
        int key = (daddr ? p.destination() : p.source()) & mask;
        int connections;
        if ((p.ctState() & TRACKED) != 0) {
            connections = lists.count(p, key, p.ctProtocol(), p.ctOriginalSource(), p.ctOriginalDestination(),
                    p.ctOriginalSourcePort(), p.ctOriginalDestinationPort());
        } else {
            connections = countFromHeaders(p, key);
            if (connections < 0) {
                p.hotdrop();
                return false;
            }
        }
        return (connections > limit) != upto;
    }

    /** nf_ct_get_tuplepr: the tuple the packet's headers give; -1 when they give none. */
    private int countFromHeaders(Packet p, int key) {
        if (p.fragmentOffset() != 0 || p.headerLength() > p.length()) {
            return -1;
        }
        int proto = p.protocol();
        int l4 = p.transportOffset();
        int sport = 0;
        int dport = 0;
        switch (proto) {
            case TCP, UDP -> {
                sport = p.u16(l4);
                dport = p.u16(l4 + 2);
                if (dport < 0) {
                    return -1;
                }
            }
            case ICMP -> {
                if (p.u8(l4 + 7) < 0) {
                    return -1;
                }
                sport = p.u16(l4 + 4);
                dport = p.u16(l4);
            }
            case DCCP, SCTP, UDPLITE -> {
                // their ports are part of the kernel's tuple; the tracker here keeps them by addresses
                if (p.u16(l4 + 2) < 0) {
                    return -1;
                }
            }
            default -> {
            }
        }
        return lists.count(p, key, proto, p.source(), p.destination(), sport, dport);
    }

    @Override
    public boolean needsConnectionTracking() {
        return true;
    }

    /** One connection's packets change what another's get: they share the key's count. */
    @Override
    public StateScope stateScope() {
        return StateScope.SHARED;
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(" #conn ").append(daddr ? "dst" : "src").append('/').append(prefixLength())
                .append(upto ? " <= " : " > ").append(limit);
    }

    @Override
    public void save(StringBuilder out) {
        out.append(upto ? " --connlimit-upto " : " --connlimit-above ").append(limit)
                .append(" --connlimit-mask ").append(prefixLength())
                .append(daddr ? " --connlimit-daddr" : " --connlimit-saddr");
    }

    /** libxt_connlimit's count_bits4: 32 less the bits up to the highest clear one. */
    private int prefixLength() {
        return Integer.numberOfLeadingZeros(~mask);
    }

    /** Tuples the rule's lists hold (for tests). */
    int tuplesHeld() {
        return lists.size();
    }
}
