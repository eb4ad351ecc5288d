package org.jptables.fleet;

import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.function.Consumer;
import org.jptables.capture.CaptureReader;
import org.jptables.capture.CaptureRecord;
import org.jptables.capture.PcapWriter;
import org.jptables.capture.replay.CaptureReplay;
import org.jptables.kernel.host.Host;
import org.jptables.kernel.model.Ruleset;
import org.jptables.kernel.path.PacketResult;

/**
 * One host's part of the job, free of Flink: its captures, in order, through its own kernel (and,
 * for diff, through the candidate's kernel as well, frame by frame), then its figures as records.
 * The replay is deterministic: a task that fails and runs again emits the same records.
 */
final class HostReplay {
    private final HostSpec spec;
    private final FleetOptions options;
    private final Path plugins;

    HostReplay(HostSpec spec, FleetOptions options) {
        this.spec = spec;
        this.options = options;
        this.plugins = EmbeddedPlugins.directory(options.plugins());
    }

    /** Runs the host and gives its records to {@code out}; returns the IPv4 packets replayed. */
    long run(Consumer<FleetRecord> out) throws IOException {
        Host host = HostKernel.host(spec);
        Ruleset rules = HostKernel.ruleset(spec.rules, spec.rulesSource, plugins);
        CaptureReplay own = replay(rules, host);
        if (!options.diff()) {
            for (String capture : spec.captures) {
                try (CaptureReader reader = CaptureSource.open(capture)) {
                    own.replay(reader, null);
                } catch (IOException e) {
                    throw new HostFailure(spec.name + ": " + capture + ": " + reason(e), e);
                }
            }
            ReplayRecords.emit(spec.name, "rules", rules, own.summary(), out);
            return own.summary().packets();
        }
        if (spec.candidate == null) {
            throw new HostFailure(spec.name + ": diff needs a candidate ruleset (candidate: in the manifest)", null);
        }
        Ruleset candidateRules = HostKernel.ruleset(spec.candidate, spec.candidateSource, plugins);
        CaptureReplay candidate = replay(candidateRules, host).report();
        own.report();
        RuleLabels ownLabels = new RuleLabels(rules);
        RuleLabels candidateLabels = new RuleLabels(candidateRules);
        DiffTally tally = new DiffTally();
        try (PcapWriter differing = differingPcap()) {
            CaptureRecord r = new CaptureRecord();
            for (String capture : spec.captures) {
                try (CaptureReader reader = CaptureSource.open(capture)) {
                    while (reader.next(r)) {
                        if (compare(r, own, ownLabels, candidate, candidateLabels, tally) && differing != null) {
                            differing.write(r.timeNanos, r.data, 0, r.length);
                        }
                    }
                } catch (IOException e) {
                    throw new HostFailure(spec.name + ": " + capture + ": " + reason(e), e);
                }
            }
        }
        ReplayRecords.emit(spec.name, "rules", rules, own.summary(), out);
        ReplayRecords.emit(spec.name, "candidate", candidateRules, candidate.summary(), out);
        tally.emit(spec.name, out);
        return own.summary().packets();
    }

    /**
     * One frame through both kernels; a frame they treat otherwise (another verdict, or other rules
     * on the way) is counted in {@code tally}. Returns whether it differed.
     */
    static boolean compare(CaptureRecord r, CaptureReplay own, RuleLabels ownLabels, CaptureReplay candidate,
                           RuleLabels candidateLabels, DiffTally tally) throws IOException {
        String verdict = own.process(r);
        String candidateVerdict = candidate.process(r);
        if (verdict == null) {
            return false; // not IPv4: passed through by both
        }
        PacketResult a = own.result();
        PacketResult b = candidate.result();
        if (verdict.equals(candidateVerdict) && ownLabels.samePath(a.trace, candidateLabels, b.trace)) {
            return false;
        }
        tally.add(r.data, r.network, r.length - r.network, verdict, candidateVerdict,
                ownLabels.decider(a.trace, verdict), candidateLabels.decider(b.trace, candidateVerdict));
        return true;
    }

    /** As jptables replay tells a capture it cannot read: the system's words for a missing or forbidden file. */
    private static String reason(IOException e) {
        if (e instanceof NoSuchFileException) {
            return "No such file or directory";
        }
        if (e instanceof AccessDeniedException) {
            return "Permission denied";
        }
        return e.getMessage();
    }

    /** A replay that writes nothing: no pcaps of verdicts or answers, no LOG lines (a fleet's would be too many). */
    private CaptureReplay replay(Ruleset rules, Host host) {
        return replay(HostKernel.path(rules, host, options), host, options);
    }

    /** A replay that writes nothing, on the path given. */
    static CaptureReplay replay(org.jptables.kernel.path.PacketPath path, Host host, FleetOptions options) {
        return new CaptureReplay(path, host, null, null, null, null).checkIpHeaders(options.checksums());
    }

    /** HOST.pcap in the folder asked for (made anew: a task run again writes the same file again), or null. */
    private PcapWriter differingPcap() throws IOException {
        if (options.diffPcaps() == null) {
            return null;
        }
        Path dir = Path.of(options.diffPcaps());
        Files.createDirectories(dir);
        return new PcapWriter(dir.resolve(spec.name + ".pcap"));
    }
}
