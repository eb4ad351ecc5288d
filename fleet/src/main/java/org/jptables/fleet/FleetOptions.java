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
 */
public record FleetOptions(boolean diff, String plugins, boolean checksums, boolean quietHost, String diffPcaps,
                           boolean progress, EvalMode eval) implements Serializable {

    /** With chains compiled, the default. */
    public FleetOptions(boolean diff, String plugins, boolean checksums, boolean quietHost, String diffPcaps,
                        boolean progress) {
        this(diff, plugins, checksums, quietHost, diffPcaps, progress, EvalMode.COMPILED);
    }
}
