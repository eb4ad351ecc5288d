package org.jptables.plugins.ct;

import java.util.List;
import org.jptables.api.ConntrackHelpers;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;
import org.jptables.api.Target;
import org.jptables.api.TargetBuilder;

/**
 * Reads CT's options as libxt_CT's ct_parse_v1 does, then makes the kernel's checks of
 * xt_ct_tg_check (helper and timeout lookups) for a rule without {@code --notrack}.
 */
final class CtBuilder implements TargetBuilder {
    /** The room iptables leaves for the names: helper[16] less the NUL; the timeout as 1.8.9 keeps it. */
    static final int HELPER_MAX = 15;
    static final int TIMEOUT_MAX = 4;

    static final String NO_SUCH_NAME = "No chain/target/match by that name.";
    static final String INVALID = "Invalid argument. Run `dmesg' for more information.";

    private final RuleContext rule;
    private int flags;
    private int zone;
    private int ctEvents;
    private int expEvents;
    private String helper = "";
    private String timeout = "";

    CtBuilder(RuleContext rule) {
        this.rule = rule;
    }

    @Override
    public void option(String option, List<String> args, boolean inverted) throws RuleException {
        switch (option) {
            case "--notrack" -> flags |= CtTarget.NOTRACK;
            case "--helper" -> helper = truncate(args.get(0), HELPER_MAX);
            case "--timeout" -> timeout = truncate(args.get(0), TIMEOUT_MAX);
            case "--ctevents" -> ctEvents = events(CtTarget.CT_EVENTS, args.get(0));
            case "--expevents" -> expEvents = events(CtTarget.EXP_EVENTS, args.get(0));
            case "--zone-orig" -> zone(args.get(0), CtTarget.ZONE_DIR_ORIG);
            case "--zone-reply" -> zone(args.get(0), CtTarget.ZONE_DIR_REPL);
            default -> zone(args.get(0), 0);
        }
    }

    @Override
    public Target build() throws RuleException {
        // xt_ct_find_proto: the rule's protocol, none when it is inverted
        int proto = rule.protocolInverted() ? 0 : rule.protocol();
        int helperId = helper.isEmpty() ? ConntrackHelpers.NONE : ConntrackHelpers.find(helper, proto);
        CtTarget target = new CtTarget(flags, zone, ctEvents, expEvents, helper, helperId, timeout);
        // out of the raw table the placement check refuses first (xt_check_target before checkentry)
        if ((flags & CtTarget.NOTRACK) == 0 && "raw".equals(rule.table())) {
            if (!helper.isEmpty() && helperId == ConntrackHelpers.NONE) {
                // "You must specify a L4 protocol..." or "No such helper": both ENOENT
                throw RuleException.refusedByKernel(NO_SUCH_NAME);
            }
            if (!timeout.isEmpty()) {
                // no timeout policy exists: without a protocol xt_ct_set_timeout gives EINVAL first
                throw RuleException.refusedByKernel(proto == 0 ? INVALID : NO_SUCH_NAME);
            }
        }
        return target;
    }

    private static String truncate(String s, int max) {
        return s.length() > max ? s.substring(0, max) : s;
    }

    /** ct_parse_events: every comma-separated word must be a known event name, empty ones too. */
    private static int events(List<String> names, String arg) throws RuleException {
        int mask = 0;
        for (String word : arg.split(",", -1)) {
            int bit = names.indexOf(word);
            if (bit < 0) {
                throw new RuleException("Unknown event type \"" + word + "\"");
            }
            mask |= 1 << bit;
        }
        return mask;
    }

    /** ct_parse_zone_id: the direction and mark flags add up, the ID is replaced (0 for mark). */
    private void zone(String arg, int direction) throws RuleException {
        flags |= direction;
        zone = 0;
        if (arg.equalsIgnoreCase("mark")) {
            flags |= CtTarget.ZONE_MARK;
            return;
        }
        long v = strtoul(arg);
        if (v < 0 || v > 0xFFFF) {
            throw new RuleException("Cannot parse " + arg + " as a zone ID");
        }
        zone = (int) v;
    }

    /**
     * xtables_strtoul on the whole string: leading blanks and {@code +} allowed, {@code -}
     * refused, base 0 (hex, octal, decimal); -1 when it is not a number.
     */
    static long strtoul(String s) {
        int i = 0;
        int n = s.length();
        while (i < n && (s.charAt(i) == ' ' || (s.charAt(i) >= '\t' && s.charAt(i) <= '\r'))) {
            i++;
        }
        if (i < n && s.charAt(i) == '-') {
            return -1;
        }
        if (i < n && s.charAt(i) == '+') {
            i++;
        }
        int radix = 10;
        if (i + 2 < n && s.charAt(i) == '0' && (s.charAt(i + 1) | 0x20) == 'x' && digit(s.charAt(i + 2), 16) >= 0) {
            radix = 16;
            i += 2;
        } else if (i < n && s.charAt(i) == '0') {
            radix = 8;
        }
        int start = i;
        long v = 0;
        while (i < n && digit(s.charAt(i), radix) >= 0) {
            v = v * radix + digit(s.charAt(i), radix);
            if (v > 0xFFFFFFFFL) {
                return -1;
            }
            i++;
        }
        return i == start || i != n ? -1 : v;
    }

    private static int digit(char c, int radix) {
        return c > 0x7F ? -1 : Character.digit(c, radix);
    }
}
