package org.jptables.fleet;

import java.io.Serializable;
import org.jptables.kernel.eval.EvalMode;

/**
 * What every task of the job needs besides its host: the mode, where the plugins are (each task
 * builds its own kernel and loads the plugins from there, as {@code jptables replay} does), the
 * replay's switches, and where differing packets go.
 *
 * @param diff        run the candidate ruleset beside the host's own and report the packets that differ
 * @param plugins     the plugins directory (on every machine that runs a task)
 * @param checksums   check IPv4, TCP, UDP and ICMP checksums (false: captures taken with checksum offload)
 * @param quietHost   the host makes no answers of its own (the capture holds them already)
 * @param diffPcaps   folder for each host's differing packets as HOST.pcap, or null for none
 * @param progress    tell on standard error as each host starts and ends
 * @param eval        how chains are evaluated (the results are the same either way)
 * @param rangeBytes  the size of the byte ranges a host split by connection is read in
 */
public record FleetOptions(boolean diff, String plugins, boolean checksums, boolean quietHost, String diffPcaps,
                           boolean progress, EvalMode eval, long rangeBytes) implements Serializable {
    /** 32 MiB ranges: a few per core for a host of some GB, each read in well under a second. */
    public static final long RANGE_BYTES = 32L << 20;

    public FleetOptions(boolean diff, String plugins, boolean checksums, boolean quietHost, String diffPcaps,
                        boolean progress, EvalMode eval) {
        this(diff, plugins, checksums, quietHost, diffPcaps, progress, eval, RANGE_BYTES);
    }

    /** The same options with ranges of {@code bytes}. */
    public FleetOptions withRangeBytes(long bytes) {
        return new FleetOptions(diff, plugins, checksums, quietHost, diffPcaps, progress, eval, bytes);
    }

    /** With chains compiled, the default. */
    public FleetOptions(boolean diff, String plugins, boolean checksums, boolean quietHost, String diffPcaps,
                        boolean progress) {
        this(diff, plugins, checksums, quietHost, diffPcaps, progress, EvalMode.COMPILED);
    }
}
