package org.jptables.plugins.set;

import org.jptables.api.Constraints;
import org.jptables.api.IpSet;
import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.api.SetLookup;

/**
 * One rule's set match (xt_set's set_match_v4): the set is asked about the packet, the answer
 * flipped by {@code !}. The set counts the packet on the entry it finds unless the rule says
 * {@code ! --update-counters}.
 */
final class SetMatch implements Match {
    private final IpSet set;
    private final SetLookup lookup;
    private final boolean inverted;

    SetMatch(IpSet set, SetLookup lookup, boolean inverted) {
        this.set = set;
        this.lookup = lookup;
        this.inverted = inverted;
    }

    @Override
    public boolean matches(Packet packet) {
        return set.test(packet, lookup) != inverted;
    }

    @Override
    public void declare(Constraints constraints) {
        // a test changes nothing but the entries' counters; without their updates it only answers
        int quiet = SetLookup.FLAG_SKIP_COUNTER_UPDATE | SetLookup.FLAG_SKIP_SUBCOUNTER_UPDATE;
        if ((lookup.flags() & quiet) == quiet) {
            constraints.sideEffectFree();
        }
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        describe(out, "", "match-set");
    }

    @Override
    public void save(StringBuilder out) {
        describe(out, "--", "--match-set");
    }

    /** set_print_v4_matchinfo. */
    private void describe(StringBuilder out, String sep, String option) {
        out.append(inverted ? " !" : "").append(' ').append(option).append(' ').append(set.name());
        Directions.print(out, lookup);
        int flags = lookup.flags();
        if ((flags & SetLookup.FLAG_RETURN_NOMATCH) != 0) {
            out.append(' ').append(sep).append("return-nomatch");
        }
        if ((flags & SetLookup.FLAG_SKIP_COUNTER_UPDATE) != 0) {
            out.append(" ! ").append(sep).append("update-counters");
        }
        if ((flags & SetLookup.FLAG_SKIP_SUBCOUNTER_UPDATE) != 0) {
            out.append(" ! ").append(sep).append("update-subcounters");
        }
        counter(out, lookup.packetsOp(), lookup.packets(), "packets", sep);
        counter(out, lookup.bytesOp(), lookup.bytes(), "bytes", sep);
    }

    private static void counter(StringBuilder out, int op, long value, String name, String sep) {
        String v = Long.toUnsignedString(value);
        switch (op) {
            case SetLookup.COUNTER_EQ -> out.append(' ').append(sep).append(name).append("-eq ").append(v);
            case SetLookup.COUNTER_NE -> out.append(" ! ").append(sep).append(name).append("-eq ").append(v);
            case SetLookup.COUNTER_LT -> out.append(' ').append(sep).append(name).append("-lt ").append(v);
            case SetLookup.COUNTER_GT -> out.append(' ').append(sep).append(name).append("-gt ").append(v);
            default -> {
            }
        }
    }
}
