package org.jptables.fleet;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/** The human summary printed at the end, as {@code jptables replay}'s: fleet totals first, then per host, then the rules. */
final class FleetSummary {
    private static final int TOP = 10;

    private FleetSummary() {
    }

    static String text(FleetResults results, boolean diff, double seconds) {
        StringBuilder out = new StringBuilder();
        long[] ipv4 = results.get("total", FleetRecord.FLEET, "rules", "ipv4");
        TreeSet<String> hosts = new TreeSet<>();
        results.records().forEach(r -> {
            if (!FleetRecord.FLEET.equals(r.host)) {
                hosts.add(r.host);
            }
        });
        out.append(String.format("fleet: %d hosts, %d IPv4 packets (%d bytes) in %.3f s", hosts.size(), ipv4[0],
                ipv4[1], seconds));
        if (seconds > 0) {
            out.append(String.format(", %.0f packets/s, %.1f MB/s", ipv4[0] / seconds, ipv4[1] / seconds / 1e6));
        }
        out.append('\n');
        results.records().stream().filter(r -> r.kind.equals(FleetJob.SPLIT))
                .forEach(r -> out.append(String.format("host %s: %s%n", r.host, r.key)));
        for (String ruleset : diff ? List.of("rules", "candidate") : List.of("rules")) {
            if (diff) {
                out.append(ruleset.equals("rules") ? "\n== each host's own ruleset\n" : "\n== the candidate ruleset\n");
            }
            verdicts(results, ruleset, out);
            top(results, "dropped-source", ruleset, "top sources dropped or rejected:", out);
            out.append(String.format("%n%-20s %10s %10s %10s%n", "host", "packets", "accepted", "not acc."));
            for (String host : hosts) {
                long packets = results.get("total", host, ruleset, "ipv4")[0];
                long accepted = results.get("verdict", host, ruleset, "ACCEPT")[0];
                out.append(String.format("%-20s %10d %10d %10d%n", host, packets, accepted, packets - accepted));
            }
            top(results, "rule", ruleset, "rules that counted most, fleet-wide (every rule's counters: the JSON or CSV):",
                    out);
        }
        if (diff) {
            long[] d = results.get("diff", FleetRecord.FLEET, "diff", "packets");
            long[] v = results.get("diff", FleetRecord.FLEET, "diff", "verdict");
            out.append(String.format("%n== differences: %d packets (%d bytes) treated otherwise by the candidate,"
                    + " %d of them with another verdict, %d by other rules only%n", d[0], d[1], v[0], d[0] - v[0]));
            for (String host : hosts) {
                long[] h = results.get("diff", host, "diff", "packets");
                out.append(String.format("  %-20s %10d packets %12d bytes%n", host, h[0], h[1]));
            }
            top(results, "diff-verdicts", "diff", "verdicts, own -> candidate:", out);
            top(results, "diff-rules", "diff", "deciding rules, own => candidate:", out);
            top(results, "diff-port", "diff", "destination ports:", out);
            top(results, "diff-source", "diff", "sources:", out);
        }
        return out.toString();
    }

    private static void verdicts(FleetResults results, String ruleset, StringBuilder out) {
        out.append(String.format("%-10s %12s %14s%n", "verdict", "packets", "bytes"));
        results.of("verdict", FleetRecord.FLEET, ruleset).forEach((k, v) ->
                out.append(String.format("%-10s %12d %14d%n", k, v[0], v[1])));
        long[] passed = results.get("total", FleetRecord.FLEET, ruleset, "passed");
        out.append(String.format("%-10s %12d %14d%n", "passed", passed[0], passed[1]));
    }

    private static void top(FleetResults results, String kind, String ruleset, String title, StringBuilder out) {
        Map<String, long[]> all = results.of(kind, FleetRecord.FLEET, ruleset);
        if (all.isEmpty() || all.values().stream().allMatch(v -> v[0] == 0)) {
            return;
        }
        out.append(title).append('\n');
        all.entrySet().stream().filter(e -> e.getValue()[0] > 0)
                .sorted(Comparator.comparingLong((Map.Entry<String, long[]> e) -> -e.getValue()[0])
                        .thenComparing(Map.Entry::getKey))
                .limit(TOP).forEach(e -> out.append(String.format("  %10d packets %12d bytes  %s%n",
                        e.getValue()[0], e.getValue()[1], e.getKey())));
    }
}
