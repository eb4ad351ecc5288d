package org.jptables.live.hooks;

import java.nio.file.Path;
import java.util.Optional;

/**
 * The kernel rules that send packets to the daemon's NFQUEUE queues, owned by the daemon: put in
 * place on start, replaced on reload, removed on stop, and removed on the next start when a crashed
 * daemon left them. They are recognisable as the daemon's (an nft table of its own, or iptables
 * chains named JPTABLES-DAEMON-* reached by rules commented "jptables-daemon"), so removal takes
 * exactly those and nothing else of the host's. One daemon per network namespace: a second
 * instance's {@link #removeStale()} would take the first one's rules.
 */
public interface KernelHooks {
    /**
     * Puts {@code plan}'s rules in place, replacing whatever of the daemon's is there (this
     * instance's earlier plan, or a crashed daemon's). All or nothing: on failure the rules are as
     * before and the exception says why in the tool's words. The nft backend replaces in one
     * transaction; the iptables one replaces each table atomically (raw, then mangle) and on a later
     * table's failure puts the earlier tables back as they were.
     */
    void install(QueuePlan plan);

    /** Removes the daemon's rules, if any; the host's other tables, chains and rules stay untouched. */
    void remove();

    /**
     * Removes what a previous daemon left (one that died without {@link #remove()}); called at start.
     * Returns whether there was anything, so that the daemon can say so in its log.
     */
    boolean removeStale();

    /** What of the daemon's is in the kernel now, as the tool lists it: for logs and status. */
    String describe();

    /** The plan this instance installed last, empty before the first install and after remove. */
    Optional<QueuePlan> installed();

    /** Which backend: "nft" or the iptables binary's name. */
    String backend();

    /**
     * The backend {@code jptables daemon --hooks} names: auto ({@link #detect()}), nft (refused
     * with the reason when its queue does not work here) or iptables (the host's {@code iptables}).
     */
    static KernelHooks named(String backend) {
        ToolRunner runner = ToolRunner.direct();
        return switch (backend) {
            case "nft" -> {
                Path nft = runner.find("nft").orElseThrow(() -> new HookException("--hooks nft: no nft on PATH, /usr/sbin or /sbin"));
                NftHooks hooks = new NftHooks(runner, nft);
                hooks.unusable().ifPresent(problem -> {
                    throw new HookException("--hooks nft: " + problem);
                });
                yield hooks;
            }
            case "iptables" -> new IptablesHooks(runner, runner.find("iptables")
                    .orElseThrow(() -> new HookException("--hooks iptables: no iptables on PATH, /usr/sbin or /sbin")));
            default -> detect(runner);
        };
    }

    /** {@link #detect(ToolRunner)} for this process's own namespace. */
    static KernelHooks detect() {
        return detect(ToolRunner.direct());
    }

    /**
     * The backend for this host: nft when the nft binary is there and its kernel takes a queue rule
     * (a checked, never committed transaction: nf_tables may lack the queue expression, CONFIG_NFT_QUEUE),
     * else the host's iptables (legacy or nft flavour, whichever {@code iptables} is), else a
     * failure naming what is missing.
     */
    static KernelHooks detect(ToolRunner runner) {
        Optional<Path> nft = runner.find("nft");
        String nftProblem = "no nft on PATH, /usr/sbin or /sbin";
        if (nft.isPresent()) {
            NftHooks hooks = new NftHooks(runner, nft.get());
            Optional<String> problem = hooks.unusable();
            if (problem.isEmpty()) {
                return hooks;
            }
            nftProblem = problem.get();
        }
        Optional<Path> iptables = runner.find("iptables");
        if (iptables.isPresent()) {
            return new IptablesHooks(runner, iptables.get());
        }
        throw new HookException("no way to queue packets to the daemon: " + nftProblem
                + "; no iptables on PATH, /usr/sbin or /sbin either");
    }
}
