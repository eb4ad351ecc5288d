package org.jptables.plugins.set;

import java.util.List;
import org.jptables.api.IpSet;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;
import org.jptables.api.SetLookup;
import org.jptables.api.Target;
import org.jptables.api.TargetBuilder;

/**
 * Collects the SET target's options as libxt_SET's revision 3 parses them, then its final check
 * (set_target_check_v3) and the kernel's checkentry: {@code --map-set} only in the mangle table.
 */
final class SetTargetBuilder implements TargetBuilder {
    static final String KERNEL_REFUSAL = "Invalid argument. Run `dmesg' for more information.";
    /** UINT32_MAX: no timeout given, the set's own applies. */
    private static final long NO_TIMEOUT = 0xFFFFFFFFL;

    private final RuleContext rule;
    private IpSet add;
    private SetLookup addDirections;
    private IpSet del;
    private SetLookup delDirections;
    private IpSet map;
    private SetLookup mapDirections;
    private boolean exist;
    private boolean timeoutGiven;
    private long timeout = NO_TIMEOUT;
    private int mapFlags;

    SetTargetBuilder(RuleContext rule) {
        this.rule = rule;
    }

    @Override
    public void option(String option, List<String> args, boolean inverted) throws RuleException {
        switch (option) {
            case "--add-set" -> {
                if (addDirections != null) {
                    throw new RuleException("--add-set can be specified only once");
                }
                add = SetNames.find(rule, args.get(0));
                addDirections = Directions.parse(args.get(1));
            }
            case "--del-set" -> {
                if (delDirections != null) {
                    throw new RuleException("--del-set can be specified only once");
                }
                del = SetNames.find(rule, args.get(0));
                delDirections = Directions.parse(args.get(1));
            }
            case "--map-set" -> {
                if (mapDirections != null) {
                    throw new RuleException("--map-set can be specified only once");
                }
                map = SetNames.find(rule, args.get(0));
                mapDirections = Directions.parse(args.get(1));
            }
            case "--exist" -> exist = true;
            case "--timeout" -> {
                timeout = parseTimeout(args.get(0));
                timeoutGiven = true;
            }
            case "--map-mark" -> mapFlags |= SetLookup.FLAG_MAP_SKBMARK;
            case "--map-prio" -> mapFlags |= SetLookup.FLAG_MAP_SKBPRIO;
            default -> mapFlags |= SetLookup.FLAG_MAP_SKBQUEUE;
        }
    }

    /** xtables_strtoui in 0..UINT32_MAX - 1. */
    private static long parseTimeout(String text) throws RuleException {
        String t = text.strip();
        int radix = 10;
        if (t.startsWith("+")) {
            t = t.substring(1);
        }
        if (t.length() > 2 && (t.startsWith("0x") || t.startsWith("0X"))) {
            radix = 16;
            t = t.substring(2);
        } else if (t.length() > 1 && t.startsWith("0")) {
            radix = 8;
        }
        try {
            long v = t.isEmpty() || text.strip().startsWith("-") ? -1 : Long.parseLong(t, radix);
            if (v >= 0 && v <= NO_TIMEOUT - 1) {
                return v;
            }
        } catch (NumberFormatException e) {
            // refused below
        }
        throw new RuleException("Invalid value for option --timeout or out of range 0-4294967294");
    }

    @Override
    public Target build() throws RuleException {
        if (addDirections == null && delDirections == null && mapDirections == null) {
            throw new RuleException("You must specify either `--add-set' or `--del-set' or `--map-set'");
        }
        if (addDirections == null) {
            if (exist) {
                throw new RuleException("Flag `--exist' can be used with `--add-set' only");
            }
            if (timeoutGiven) {
                throw new RuleException("Option `--timeout' can be used with `--add-set' only");
            }
        }
        if (mapDirections == null) {
            if ((mapFlags & SetLookup.FLAG_MAP_SKBMARK) != 0) {
                throw new RuleException("Flag `--map-mark' can be used with `--map-set' only");
            }
            if ((mapFlags & SetLookup.FLAG_MAP_SKBPRIO) != 0) {
                throw new RuleException("Flag `--map-prio' can be used with `--map-set' only");
            }
            if ((mapFlags & SetLookup.FLAG_MAP_SKBQUEUE) != 0) {
                throw new RuleException("Flag `--map-queue' can be used with `--map-set' only");
            }
        } else if (mapFlags == 0) {
            throw new RuleException("You must specify flags `--map-mark' or '--map-prio` or `--map-queue'");
        }
        if (mapDirections != null && !rule.table().equals("mangle")) {
            throw RuleException.refusedByKernel(KERNEL_REFUSAL);
        }
        int addFlags = (exist ? SetLookup.FLAG_EXIST : 0) | mapFlags;
        // set_target_v3 normalizes a timeout to what jiffies hold in milliseconds
        long addTimeout = timeout != NO_TIMEOUT && timeout > NO_TIMEOUT / 1000 ? NO_TIMEOUT / 1000 : timeout;
        SetLookup addLookup = addDirections == null ? null : new SetLookup(addDirections.dimension(),
                addDirections.sourceBits(), addFlags, addTimeout == NO_TIMEOUT ? SetLookup.SET_TIMEOUT : addTimeout,
                SetLookup.COUNTER_NONE, 0, SetLookup.COUNTER_NONE, 0);
        SetLookup mapLookup = mapDirections == null ? null : new SetLookup(mapDirections.dimension(),
                mapDirections.sourceBits(), mapFlags, SetLookup.SET_TIMEOUT, SetLookup.COUNTER_NONE, 0,
                SetLookup.COUNTER_NONE, 0);
        return new SetTarget(add, addLookup, del, delDirections, map, mapLookup, exist, timeout);
    }
}
