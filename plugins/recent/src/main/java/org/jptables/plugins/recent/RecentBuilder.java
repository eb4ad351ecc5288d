package org.jptables.plugins.recent;

import java.util.List;
import org.jptables.api.InetAton;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.Numbers;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;

/**
 * Collects the recent options, then checks them in iptables' order: libxt_recent's own check,
 * the option table's exclusions and companions (in table order), then the kernel module's
 * checkentry, whose refusals iptables reports as "Invalid argument".
 */
final class RecentBuilder implements MatchBuilder {
    static final String KERNEL_REFUSAL = "Invalid argument. Run `dmesg' for more information.";
    /** The name field is 200 bytes with its terminating zero: longer names are cut. */
    private static final int NAME_MAX = 199;
    /** XT_RECENT_MAX_NSTAMPS of the reference kernel: hit counts up to 65535. */
    private static final long MAX_HITCOUNT = 65535;
    private static final String[] OPERATIONS = {"--set", "--rcheck", "--update", "--remove"};

    private final RuleContext rule;
    private final boolean[] operations = new boolean[4];
    private boolean inverted;
    private long seconds;
    private boolean secondsGiven;
    private boolean reap;
    private long hitCount;
    private boolean rttl;
    private String name = "DEFAULT";
    private boolean destination;
    private int mask = -1;

    RecentBuilder(RuleContext rule) {
        this.rule = rule;
    }

    @Override
    public void option(String option, List<String> args, boolean invert) throws RuleException {
        switch (option) {
            case "--set", "--rcheck", "--update", "--remove" -> {
                operations[List.of(OPERATIONS).indexOf(option)] = true;
                inverted |= invert;
            }
            case "--seconds" -> {
                seconds = Numbers.parse(args.get(0), 1, 0xFFFFFFFFL);
                if (seconds < 0) {
                    throw new RuleException(
                            "recent: bad value for option \"--seconds\", or out of range (1-4294967295).\n");
                }
                secondsGiven = true;
            }
            case "--reap" -> reap = true;
            case "--hitcount" -> {
                hitCount = Numbers.parse(args.get(0), 0, 0xFFFFFFFFL);
                if (hitCount < 0) {
                    throw new RuleException(
                            "recent: bad value for option \"--hitcount\", or out of range (0-4294967295).\n");
                }
            }
            case "--rttl" -> rttl = true;
            case "--name" -> {
                String n = args.get(0);
                name = n.length() > NAME_MAX ? n.substring(0, NAME_MAX) : n;
            }
            case "--rsource" -> destination = false;
            case "--rdest" -> destination = true;
            case "--mask" -> mask = InetAton.resolve(args.get(0), rule == null ? null : rule.names());
            default -> throw new IllegalArgumentException(option);
        }
    }

    @Override
    public Match build() throws RuleException {
        int operation = -1;
        for (int i = 0; i < OPERATIONS.length; i++) {
            if (operations[i]) {
                if (operation < 0) {
                    operation = i;
                }
            }
        }
        if (operation < 0) {
            throw new RuleException("recent: you must specify one of `--set', `--rcheck' `--update' or `--remove'");
        }
        for (int i = 0; i < OPERATIONS.length; i++) {
            for (int j = 0; j < OPERATIONS.length; j++) {
                if (i != j && operations[i] && operations[j]) {
                    throw new RuleException("recent: option \"" + OPERATIONS[i]
                            + "\" cannot be used together with \"" + OPERATIONS[j] + "\".\n");
                }
            }
        }
        if (reap && !secondsGiven) {
            throw new RuleException("recent: option \"--reap\" also requires \"--seconds\".\n");
        }
        boolean setOrRemove = operation == RecentMatch.SET || operation == RecentMatch.REMOVE;
        if (rttl && setOrRemove) {
            throw new RuleException("recent: option \"--rttl\" cannot be used together with \""
                    + OPERATIONS[operation] + "\".\n");
        }
        // xt_recent's checkentry.
        if (setOrRemove && (seconds != 0 || hitCount != 0 || reap)) {
            throw RuleException.refusedByKernel(KERNEL_REFUSAL);
        }
        if (hitCount > MAX_HITCOUNT) {
            throw RuleException.refusedByKernel(KERNEL_REFUSAL);
        }
        if (name.isEmpty() || name.equals(".") || name.equals("..") || name.indexOf('/') >= 0) {
            throw RuleException.refusedByKernel(KERNEL_REFUSAL);
        }
        // With ip_pkt_list_tot at its default (0), the rings hold the next power of two of the
        // hit count, 32 stamps when no hit count is given.
        int stampMask = hitCount == 0 ? 31 : Integer.highestOneBit((int) hitCount * 2 - 1) - 1;
        int listMask = mask;
        RecentTable table = rule.shared("recent:" + name, () -> new RecentTable(listMask, stampMask));
        table.ensureStamps(stampMask);
        return new RecentMatch(table, operation, inverted, seconds, reap, hitCount, rttl, name, destination, mask);
    }
}
