package org.jptables.fleet;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.flink.api.common.functions.MapPartitionFunction;
import org.apache.flink.util.Collector;
import org.jptables.capture.CaptureRecord;
import org.jptables.capture.replay.CaptureReplay;
import org.jptables.kernel.conntrack.ConnectionTracker;
import org.jptables.kernel.host.Host;
import org.jptables.kernel.model.Ruleset;
import org.jptables.kernel.path.PacketPath;

/**
 * The replaying operator of hosts split by connection. Its input is this task's share of the
 * frames, in whatever order the readers sent them; it groups them by host and conversation and
 * puts each conversation's frames back in the order of the host's captures (file, then offset),
 * which is the order one kernel replaying the host sees them in. The task's share is held in
 * memory until its input ends (the frames of the host divided by the tasks). Each conversation runs through a kernel of its own (a new packet path and connection
 * tracker), on the ruleset the task keeps per host: no extension of an exact split keeps state
 * outside the tracker, and counters add up. At the end the task emits, per host, the sums of its
 * conversations' figures, and the peaks of the connection table and reassembly queues that the
 * client adds up to prove the shared limits never bit.
 */
final class ConversationReplay implements MapPartitionFunction<SplitPacket, FleetRecord> {
    private static final long serialVersionUID = 1L;
    /** The per-host replay's order: the host's captures one after the other, each from its start. */
    private static final Comparator<SplitPacket> CAPTURE_ORDER =
            Comparator.comparingInt((SplitPacket p) -> p.file).thenComparingLong(p -> p.offset);
    private final FleetOptions options;
    private final Map<String, HostSpec> hosts;

    ConversationReplay(FleetOptions options, Map<String, HostSpec> hosts) {
        this.options = options;
        this.hosts = new HashMap<>(hosts);
    }

    /** One host's part in this task: its rulesets (counting), what its conversations summed. */
    private final class HostPart {
        final String name;
        final Host host;
        final Ruleset rules;
        final Ruleset candidateRules;
        final RuleLabels ownLabels;
        final RuleLabels candidateLabels;
        final DiffTally tally = new DiffTally();
        final Map<String, FleetRecord> sums = new LinkedHashMap<>();
        long conversations;
        long start = System.nanoTime();

        HostPart(HostSpec spec, Path plugins) throws java.io.IOException {
            name = spec.name;
            host = HostKernel.host(spec);
            rules = HostKernel.ruleset(spec.rules, spec.rulesSource, plugins);
            candidateRules = options.diff() ? HostKernel.ruleset(spec.candidate, spec.candidateSource, plugins) : null;
            ownLabels = new RuleLabels(rules);
            candidateLabels = candidateRules == null ? null : new RuleLabels(candidateRules);
        }

        void add(FleetRecord r) {
            sums.merge(r.groupKey(), r, FleetRecord::sum);
        }

        void emit(Collector<FleetRecord> out) {
            sums.values().forEach(out::collect);
            ReplayRecords.emitCounters(name, "rules", rules, out::collect);
            if (candidateRules != null) {
                ReplayRecords.emitCounters(name, "candidate", candidateRules, out::collect);
                tally.emit(name, out::collect);
            }
            out.collect(new FleetRecord(SplitChecks.CHECK, name, "rules", SplitChecks.CONVERSATIONS, 0, conversations,
                    0));
        }
    }

    /** One conversation's kernels. */
    private final class Conversation {
        final ConnectionTracker ownTracker = HostKernel.tracker(options);
        final ConnectionTracker candidateTracker;
        final PacketPath ownPath;
        final PacketPath candidatePath;
        final CaptureReplay own;
        final CaptureReplay candidate;
        int ownPeak;
        int candidatePeak;

        Conversation(HostPart part) {
            ownPath = HostKernel.path(part.rules, part.host, options, ownTracker);
            own = HostReplay.replay(ownPath, part.host, options);
            if (part.candidateRules != null) {
                candidateTracker = HostKernel.tracker(options);
                candidatePath = HostKernel.path(part.candidateRules, part.host, options, candidateTracker);
                candidate = HostReplay.replay(candidatePath, part.host, options).report();
                own.report();
            } else {
                candidateTracker = null;
                candidatePath = null;
                candidate = null;
            }
        }

        void run(HostPart part, CaptureRecord r) throws java.io.IOException {
            if (candidate == null) {
                own.process(r);
            } else {
                HostReplay.compare(r, own, part.ownLabels, candidate, part.candidateLabels, part.tally);
                candidatePeak = Math.max(candidatePeak, candidateTracker.count());
            }
            ownPeak = Math.max(ownPeak, ownTracker.count());
        }

        void end(HostPart part) {
            ReplayRecords.emitSummary(part.name, "rules", own.summary(), part::add);
            part.add(peak("rules", SplitChecks.CONNTRACK_PEAK, ownPeak, part));
            part.add(peak("rules", SplitChecks.DEFRAG_PEAK, ownPath.peakPendingDatagrams(), part));
            if (candidate != null) {
                ReplayRecords.emitSummary(part.name, "candidate", candidate.summary(), part::add);
                part.add(peak("candidate", SplitChecks.CONNTRACK_PEAK, candidatePeak, part));
                part.add(peak("candidate", SplitChecks.DEFRAG_PEAK, candidatePath.peakPendingDatagrams(), part));
            }
            part.conversations++;
        }

        private FleetRecord peak(String ruleset, String key, int value, HostPart part) {
            return new FleetRecord(SplitChecks.CHECK, part.name, ruleset, key, 0, value, 0);
        }
    }

    @Override
    public void mapPartition(Iterable<SplitPacket> packets, Collector<FleetRecord> out) throws Exception {
        // grouped here, in memory, rather than by a sort stage before: the order within a conversation is
        // what exactness rests on, and a sort here is one this class can vouch for
        Map<String, Map<Long, List<SplitPacket>>> byHost = new TreeMap<>();
        for (SplitPacket p : packets) {
            byHost.computeIfAbsent(p.host, h -> new TreeMap<>()).computeIfAbsent(p.key, k -> new ArrayList<>()).add(p);
        }
        Path plugins = EmbeddedPlugins.directory(options.plugins());
        CaptureRecord r = new CaptureRecord();
        for (var host : byHost.entrySet()) {
            HostPart part = new HostPart(hosts.get(host.getKey()), plugins);
            for (List<SplitPacket> frames : host.getValue().values()) {
                frames.sort(CAPTURE_ORDER);
                Conversation conversation = new Conversation(part);
                for (SplitPacket p : frames) {
                    r.set(p.frame, p.frame.length, p.timeNanos, p.linkType, p.originalLength, p.offset, p.interfaceName);
                    conversation.run(part, r);
                }
                conversation.end(part);
            }
            host.getValue().clear();
            finish(part, out);
        }
    }

    private void finish(HostPart part, Collector<FleetRecord> out) {
        part.emit(out);
        if (options.progress()) {
            System.err.printf("fleet: %s: %d conversations replayed by this task in %.2f s%n", part.name,
                    part.conversations, (System.nanoTime() - part.start) / 1e9);
        }
    }
}
