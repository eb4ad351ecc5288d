package org.jptables.fleet;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jptables.kernel.conntrack.ConntrackConfig;
import org.jptables.kernel.path.PacketPath;

/**
 * What a replay split by connection proves after the fact, from the records its tasks send beside
 * the figures: that the byte ranges of every capture met record to record (each range began where
 * its predecessor's records continued), and that the limits the conversations share in one kernel
 * never bit: the sum of the conversations' peak connection counts (plus a margin for the entries a
 * packet holds while it passes) stays below nf_conntrack_max, the sum of their peak reassembly
 * queues below the queue limit, and no fragmented ICMP error was seen. The sums bound the host's
 * own peaks from above, since every live entry and queue belongs to exactly one conversation.
 */
final class SplitChecks {
    static final String SYNC = "split-sync";
    static final String CHECK = "split-check";
    static final String CONNTRACK_PEAK = "conntrack-peak";
    static final String DEFRAG_PEAK = "defrag-peak";
    static final String FRAGMENTED_ICMP = "fragmented-icmp-errors";
    static final String CONVERSATIONS = "conversations";
    /** Entries a packet may hold beyond the count read after it: its own unconfirmed one and an answer's. */
    private static final int MARGIN = 2;

    private SplitChecks() {
    }

    static boolean isCheck(FleetRecord r) {
        return r.kind.equals(SYNC) || r.kind.equals(CHECK);
    }

    /**
     * Throws if the ranges of a capture did not meet; returns, per host split, what was proven or
     * why exactness is not proven (the sums of the peaks), in words.
     */
    static Map<String, String> verify(List<FleetRecord> checks) throws HostFailure {
        Map<String, TreeMap<String, long[]>> ranges = new TreeMap<>();
        Map<String, Map<String, Long>> sums = new TreeMap<>();
        for (FleetRecord r : checks) {
            if (r.kind.equals(SYNC)) {
                ranges.computeIfAbsent(r.host, h -> new TreeMap<>()).put(sortable(r.key),
                        new long[] {r.packets, r.bytes});
            } else {
                sums.computeIfAbsent(r.host, h -> new TreeMap<>()).merge(r.ruleset + " " + r.key, r.packets, Long::sum);
            }
        }
        for (var host : ranges.entrySet()) {
            String previousFile = null;
            long continues = -1;
            for (var range : host.getValue().entrySet()) {
                String file = range.getKey().substring(0, range.getKey().indexOf(':'));
                if (file.equals(previousFile) && range.getValue()[0] != continues) {
                    throw new HostFailure(host.getKey() + ": capture " + Integer.parseInt(file) + ": a split"
                            + " resynchronised at byte " + range.getValue()[0] + " but the records before it continue at "
                            + continues + ": the capture cannot be split safely (use --split host)", null);
                }
                previousFile = file;
                continues = range.getValue()[1];
            }
        }
        Map<String, String> proofs = new TreeMap<>();
        long max = ConntrackConfig.defaults().maxEntries();
        for (var host : sums.entrySet()) {
            Map<String, Long> s = host.getValue();
            List<String> unproven = new ArrayList<>();
            for (String ruleset : List.of("rules", "candidate")) {
                long conntrack = s.getOrDefault(ruleset + " " + CONNTRACK_PEAK, 0L);
                if (conntrack + MARGIN >= max) {
                    unproven.add(ruleset + ": the conversations' peak connections add up to " + conntrack
                            + ", not below nf_conntrack_max " + max);
                }
                long defrag = s.getOrDefault(ruleset + " " + DEFRAG_PEAK, 0L);
                if (defrag >= PacketPath.MAX_PENDING_DATAGRAMS) {
                    unproven.add(ruleset + ": the conversations' peak reassembly queues add up to " + defrag
                            + ", not below " + PacketPath.MAX_PENDING_DATAGRAMS);
                }
            }
            long icmp = s.getOrDefault("rules " + FRAGMENTED_ICMP, 0L);
            if (icmp > 0) {
                unproven.add(icmp + " fragmented ICMP errors, which are keyed by their own addresses");
            }
            proofs.put(host.getKey(), unproven.isEmpty()
                    ? "exact: " + s.getOrDefault("rules " + CONVERSATIONS, 0L) + " conversations, ranges met, shared limits never reached"
                    : "NOT proven exact: " + String.join("; ", unproven));
        }
        return proofs;
    }

    /** "3:12" as "0000000003:0000000012", so that ranges sort by file, then index. */
    private static String sortable(String key) {
        int colon = key.indexOf(':');
        return String.format("%010d:%010d", Integer.parseInt(key.substring(0, colon)),
                Integer.parseInt(key.substring(colon + 1)));
    }
}
