package org.jptables.plugins.ct;

import java.util.List;
import org.jptables.api.ConntrackHelpers;
import org.jptables.api.ListingFormat;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;
import org.jptables.api.Target;
import org.jptables.api.Verdict;

/**
 * One rule's CT (or NOTRACK) target: xt_ct_target_info_v1's fields. The notrack flag, the zone and
 * the helper act on packets; see {@link CtExtension} for the others (events and timeouts do
 * nothing in jptables).
 */
final class CtTarget implements Target {
    /** XT_CT_* flags. */
    static final int NOTRACK = 1;
    static final int NOTRACK_ALIAS = 1 << 1;
    static final int ZONE_DIR_ORIG = 1 << 2;
    static final int ZONE_DIR_REPL = 1 << 3;
    static final int ZONE_MARK = 1 << 4;

    /** Conntrack event names by bit (IPCT_NEW ... IPCT_SECMARK), in libxt_CT's table order. */
    static final List<String> CT_EVENTS = List.of("new", "related", "destroy", "reply", "assured", "protoinfo",
            "helper", "mark", "natseqinfo", "secmark");
    /** Expectation event names by bit (IPEXP_NEW). */
    static final List<String> EXP_EVENTS = List.of("new");

    private final int flags;
    private final int zone;
    private final int ctEvents;
    private final int expEvents;
    private final String helper;
    /** The helper's ConntrackHelpers id, resolved when the rule was loaded (NONE: none). */
    private final int helperId;
    private final String timeout;

    CtTarget(int flags, int zone, int ctEvents, int expEvents, String helper, int helperId, String timeout) {
        this.flags = flags;
        this.zone = zone;
        this.ctEvents = ctEvents;
        this.expEvents = expEvents;
        this.helper = helper;
        this.helperId = helperId;
        this.timeout = timeout;
    }

    /** {@code -j NOTRACK}. */
    static CtTarget notrackAlias() {
        return new CtTarget(NOTRACK | NOTRACK_ALIAS, 0, 0, 0, "", ConntrackHelpers.NONE, "");
    }

    int flags() {
        return flags;
    }

    int zone() {
        return zone;
    }

    int ctEvents() {
        return ctEvents;
    }

    int expEvents() {
        return expEvents;
    }

    String helper() {
        return helper;
    }

    int helperId() {
        return helperId;
    }

    String timeout() {
        return timeout;
    }

    boolean notrack() {
        return (flags & NOTRACK) != 0;
    }

    @Override
    public int apply(Packet packet) {
        if ((flags & NOTRACK) != 0) {
            packet.untrack();
            return Verdict.CONTINUE;
        }
        int dir = flags & (ZONE_DIR_ORIG | ZONE_DIR_REPL);
        int directions = dir == ZONE_DIR_ORIG ? 1 : dir == ZONE_DIR_REPL ? 2 : 3;
        int id = (flags & ZONE_MARK) != 0 ? packet.mark() & 0xFFFF : zone;
        // the template, also with no option that acts: it keeps a later CT or NOTRACK from acting
        packet.conntrackTemplate(id, directions, helperId);
        return Verdict.CONTINUE;
    }

    /**
     * xt_CT takes a conntrack reference (nf_ct_netns_get) only for a rule without the notrack flag:
     * on the recording kernel a ruleset whose only conntrack user is {@code CT --notrack} or
     * {@code NOTRACK} creates no conntrack entries, one with a plain {@code CT} does.
     */
    @Override
    public boolean needsConnectionTracking() {
        return (flags & NOTRACK) == 0;
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        if ((flags & NOTRACK_ALIAS) != 0) {
            out.append(" NOTRACK");
            return;
        }
        out.append(" CT");
        options(out, " ");
    }

    @Override
    public void save(StringBuilder out) {
        if ((flags & NOTRACK_ALIAS) != 0) {
            return;
        }
        options(out, " --");
    }

    /** ct_print_v1 / ct_save_v1: each option set, {@code pfx} before its name. */
    private void options(StringBuilder out, String pfx) {
        if ((flags & NOTRACK) != 0) {
            out.append(pfx).append("notrack");
        }
        if (!helper.isEmpty()) {
            out.append(pfx).append("helper ").append(helper);
        }
        if (!timeout.isEmpty()) {
            out.append(pfx).append("timeout ").append(timeout);
        }
        if (ctEvents != 0) {
            out.append(pfx).append("ctevents ");
            events(out, CT_EVENTS, ctEvents);
        }
        if (expEvents != 0) {
            out.append(pfx).append("expevents ");
            events(out, EXP_EVENTS, expEvents);
        }
        if ((flags & ZONE_MARK) != 0 || zone != 0) {
            out.append(pfx).append("zone");
            int dir = flags & (ZONE_DIR_ORIG | ZONE_DIR_REPL);
            if (dir == ZONE_DIR_ORIG) {
                out.append("-orig");
            } else if (dir == ZONE_DIR_REPL) {
                out.append("-reply");
            }
            if ((flags & ZONE_MARK) != 0) {
                out.append(" mark");
            } else {
                out.append(' ').append(zone);
            }
        }
    }

    private static void events(StringBuilder out, List<String> names, int mask) {
        String sep = "";
        for (int i = 0; i < names.size(); i++) {
            if ((mask & (1 << i)) != 0) {
                out.append(sep).append(names.get(i));
                sep = ",";
            }
        }
    }

    /**
     * Zones, notrack and the entry's template apply to this packet's connection; helpers and timeouts are
     * not modelled.
     */
    @Override
    public StateScope stateScope() {
        return StateScope.CONNECTION;
    }
}
