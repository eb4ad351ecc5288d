package org.jptables.live.hooks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The daemon's hooks as iptables rules, through the host's iptables (legacy or nft flavour,
 * whichever binary it is given): per hook point a chain JPTABLES-DAEMON-* in that point's table,
 * reached from the built-in chain by a rule commented "jptables-daemon". Every change goes through
 * {@code iptables-restore --noflush}, which commits a table whole or not at all, computed against
 * the table as listed just before, so a crashed daemon's leftovers are replaced or removed alike.
 * Across tables (raw, then mangle) a failure puts the tables already changed back as they were.
 */
public final class IptablesHooks implements KernelHooks {
    private static final Pattern FAILED_LINE = Pattern.compile("line (\\d+)");

    private final ToolRunner runner;
    private final Path iptables;
    private final Path restore;
    private QueuePlan installed;

    /** The backend with the iptables at {@code iptables} and the iptables-restore beside it. */
    public IptablesHooks(ToolRunner runner, Path iptables) {
        this.runner = runner;
        this.iptables = iptables;
        String restoreName = iptables.getFileName() + "-restore";
        Path sibling = iptables.resolveSibling(restoreName);
        this.restore = Files.isExecutable(sibling) ? sibling : runner.find(restoreName)
                .orElseThrow(() -> new HookException("no " + restoreName + " beside " + iptables + " nor on PATH"));
    }

    @Override
    public synchronized void install(QueuePlan plan) {
        apply(IptablesRuleset.wanted(plan), "installing the daemon's queue rules (" + plan + ")");
        installed = plan;
    }

    @Override
    public synchronized void remove() {
        Map<String, OwnedRules> nothing = new LinkedHashMap<>();
        IptablesRuleset.TABLES.forEach(table -> nothing.put(table, OwnedRules.none(table)));
        apply(nothing, "removing the daemon's queue rules");
        installed = null;
    }

    @Override
    public synchronized boolean removeStale() {
        boolean present = IptablesRuleset.TABLES.stream().anyMatch(table -> !list(table).isEmpty());
        if (present) {
            remove();
        }
        return present;
    }

    @Override
    public synchronized String describe() {
        StringBuilder s = new StringBuilder();
        for (String table : IptablesRuleset.TABLES) {
            OwnedRules ours = list(table);
            if (!ours.isEmpty()) {
                s.append(s.isEmpty() ? "" : "\n").append(iptables.getFileName()).append(" -t ").append(table)
                        .append(":\n").append(String.join("\n", ours.lines()));
            }
        }
        return s.isEmpty() ? iptables.getFileName() + ": no chains " + OwnedRules.CHAIN_PREFIX
                + "* (no queue rules of the daemon)" : s.toString();
    }

    @Override
    public synchronized Optional<QueuePlan> installed() {
        return Optional.ofNullable(installed);
    }

    @Override
    public String backend() {
        return iptables.getFileName().toString();
    }

    /**
     * Brings each table's part of the daemon to {@code wanted}, table by table; when a table fails,
     * the tables already changed go back to what they were before, and the failure names both.
     */
    private void apply(Map<String, OwnedRules> wanted, String doing) {
        Map<String, OwnedRules> before = new LinkedHashMap<>();
        for (String table : IptablesRuleset.TABLES) {
            before.put(table, list(table));
        }
        List<String> changed = new ArrayList<>();
        for (String table : IptablesRuleset.TABLES) {
            OwnedRules now = before.get(table);
            OwnedRules want = wanted.get(table);
            if (now.isEmpty() && want.isEmpty()) {
                continue;
            }
            String section = now.transition(want);
            ToolResult result = restore(section);
            if (!result.ok()) {
                String rollback = rollBack(changed, before);
                throw new HookException(doing + ": table " + table + ": " + String.join(" ", result.command()) + ": "
                        + result.complaint() + failedLine(result, section) + rollback);
            }
            changed.add(table);
        }
    }

    /** iptables-restore names the failing line by number only: " [line N: its text]", when it does. */
    private static String failedLine(ToolResult result, String section) {
        Matcher m = FAILED_LINE.matcher(result.stderr());
        if (m.find()) {
            List<String> lines = section.lines().toList();
            int n = Integer.parseInt(m.group(1));
            if (n >= 1 && n <= lines.size()) {
                return " [line " + n + ": " + lines.get(n - 1) + "]";
            }
        }
        return "";
    }

    /** Puts the {@code changed} tables' part back to {@code before}; says how that went. */
    private String rollBack(List<String> changed, Map<String, OwnedRules> before) {
        if (changed.isEmpty()) {
            return " (nothing was changed)";
        }
        List<String> failures = new ArrayList<>();
        for (String table : changed.reversed()) {
            try {
                ToolResult undo = restore(list(table).transition(before.get(table)));
                if (!undo.ok()) {
                    failures.add("table " + table + ": " + undo.complaint());
                }
            } catch (HookException e) {
                failures.add("table " + table + ": " + e.getMessage());
            }
        }
        return failures.isEmpty() ? " (table " + String.join(", ", changed) + " put back as it was)"
                : " (and putting back failed, the rules may be half changed: " + String.join("; ", failures) + ")";
    }

    /** The daemon's part of {@code table} as it is in the kernel now. */
    private OwnedRules list(String table) {
        ToolResult listing = runner.run(iptables, List.of("-w", "10", "-t", table, "-S"), "")
                .orThrow("listing table " + table);
        return OwnedRules.parse(table, listing.stdout());
    }

    private ToolResult restore(String section) {
        return runner.run(restore, List.of("-w", "10", "--noflush"), section);
    }

    @Override
    public String toString() {
        return "iptables hooks (" + iptables + ", " + runner + ")";
    }
}
