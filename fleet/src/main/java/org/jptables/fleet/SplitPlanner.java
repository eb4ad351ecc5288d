package org.jptables.fleet;

import java.io.IOException;
import java.nio.file.Path;
import org.jptables.kernel.host.Host;
import org.jptables.kernel.path.ConnectionSplitting;
import org.jptables.capture.SplitReader;

/**
 * Chooses, per host, how it is replayed ({@link SplitMode}) and says why. Split by connection only
 * where it is exact ({@link ConnectionSplitting}, for the host's ruleset and, in diff, its
 * candidate), its captures are local pcap files (ranges are read by seeking), and in diff no
 * differing packets are written (a pcap of them must keep capture order); with {@code auto}, also
 * only a host of at least {@code threshold} bytes, where reading and replaying in parallel pays
 * for the shuffle of its frames.
 */
final class SplitPlanner {
    /** Auto splits hosts of 256 MiB or more. */
    static final long THRESHOLD = 256L << 20;

    private SplitPlanner() {
    }

    /** Sets {@code spec.split} and {@code spec.splitReason}; throws if {@code connection} was asked and cannot be exact. */
    static void plan(HostSpec spec, SplitMode mode, long threshold, FleetOptions options, Path plugins)
            throws IOException {
        String obstacle = obstacle(spec, options, plugins);
        if (mode == SplitMode.CONNECTION && obstacle != null) {
            throw new HostFailure(spec.name + ": cannot be split by connection: " + obstacle, null);
        }
        if (mode == SplitMode.HOST) {
            spec.split = false;
            spec.splitReason = "per host (asked)";
        } else if (obstacle != null) {
            spec.split = false;
            spec.splitReason = "per host: " + obstacle;
        } else if (mode == SplitMode.AUTO && spec.bytes < threshold) {
            spec.split = false;
            spec.splitReason = "per host: " + spec.bytes + " bytes, below the split threshold of " + threshold;
        } else {
            spec.split = true;
            spec.splitReason = "per connection (" + exactReason(spec, options, plugins) + ")";
        }
    }

    /** Why the host cannot be split exactly, or null. */
    private static String obstacle(HostSpec spec, FleetOptions options, Path plugins) throws IOException {
        Host host = HostKernel.host(spec);
        ConnectionSplitting own = ConnectionSplitting.decide(HostKernel.ruleset(spec.rules, spec.rulesSource, plugins),
                host, options.quietHost());
        if (!own.exact()) {
            return own.reason();
        }
        if (options.diff()) {
            ConnectionSplitting candidate = ConnectionSplitting.decide(
                    HostKernel.ruleset(spec.candidate, spec.candidateSource, plugins), host, options.quietHost());
            if (!candidate.exact()) {
                return "the candidate: " + candidate.reason();
            }
            if (options.diffPcaps() != null) {
                return "the differing packets' pcap is written in capture order (without --pcaps it can be split)";
            }
        }
        for (String capture : spec.captures) {
            Path local = CaptureSource.localPath(capture);
            if (local == null) {
                return capture + " is not on a local file system (ranges are read by seeking)";
            }
            if (!SplitReader.splittable(local)) {
                return capture + " is neither a pcap nor a pcapng file";
            }
        }
        return null;
    }

    private static String exactReason(HostSpec spec, FleetOptions options, Path plugins) throws IOException {
        return ConnectionSplitting.decide(HostKernel.ruleset(spec.rules, spec.rulesSource, plugins),
                HostKernel.host(spec), options.quietHost()).reason();
    }
}
