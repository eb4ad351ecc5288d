package org.jptables.live.hooks;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The daemon's hooks as one nftables table of its own ({@code table ip jptables_daemon}), with a
 * base chain per hook point at that point's priority, each ending in a queue rule. The table is
 * the daemon's alone, so install replaces it whole in one {@code nft -f -} transaction and remove
 * deletes it whole; the host's tables (its own nft ones and iptables-nft's) are never read or
 * written.
 */
public final class NftHooks implements KernelHooks {
    private final ToolRunner runner;
    private final Path nft;
    private final NftRuleset ruleset;
    private QueuePlan installed;

    /** The backend with the nft at {@code nft}, run through {@code runner}. */
    public NftHooks(ToolRunner runner, Path nft) {
        this(runner, nft, new NftRuleset(NftRuleset.DEFAULT_TABLE));
    }

    NftHooks(ToolRunner runner, Path nft, NftRuleset ruleset) {
        this.runner = runner;
        this.nft = nft;
        this.ruleset = ruleset;
    }

    /** Why this nft cannot queue packets here (it fails, or its kernel lacks the queue expression), if it cannot. */
    Optional<String> unusable() {
        ToolResult check = runner.run(nft, List.of("--check", "-f", "-"), ruleset.probe());
        return check.ok() ? Optional.empty() : Optional.of("nft cannot queue packets here: " + check.complaint());
    }

    @Override
    public synchronized void install(QueuePlan plan) {
        run(ruleset.replace(plan)).orThrow("installing the daemon's queue rules (" + plan + ") as table "
                + ruleset.qualifiedTable());
        installed = plan;
    }

    @Override
    public synchronized void remove() {
        run(ruleset.removal()).orThrow("removing the daemon's table " + ruleset.qualifiedTable());
        installed = null;
    }

    @Override
    public synchronized boolean removeStale() {
        boolean present = listing().isPresent();
        if (present) {
            remove();
        }
        return present;
    }

    @Override
    public synchronized String describe() {
        return listing().map(text -> "nft table " + ruleset.qualifiedTable() + ":\n" + text.stripTrailing())
                .orElse("nft: no table " + ruleset.qualifiedTable() + " (no queue rules of the daemon)");
    }

    @Override
    public synchronized Optional<QueuePlan> installed() {
        return Optional.ofNullable(installed);
    }

    @Override
    public String backend() {
        return "nft";
    }

    /** The table as nft lists it, or empty when there is none. */
    private Optional<String> listing() {
        ToolResult list = runner.run(nft, List.of("list", "table", "ip", ruleset.table()), "");
        if (list.ok()) {
            return Optional.of(list.stdout());
        }
        if (list.stderr().contains("No such file or directory")) {
            return Optional.empty();
        }
        throw new HookException("listing table " + ruleset.qualifiedTable() + ": " + String.join(" ", list.command())
                + ": " + list.complaint());
    }

    private ToolResult run(String script) {
        return runner.run(nft, List.of("-f", "-"), script);
    }

    @Override
    public String toString() {
        return "nft hooks (table " + ruleset.qualifiedTable() + ", " + runner + ")";
    }
}
