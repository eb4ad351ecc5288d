package org.jptables.capture.replay;

import java.util.HashMap;
import java.util.Map;
import java.util.TreeMap;
import org.jptables.api.Addresses;

/** Totals of a replay: packets and bytes per verdict, what was passed through, who was dropped most. */
public final class ReplaySummary {
    private final Map<String, long[]> byVerdict = new TreeMap<>();
    private final Map<Integer, long[]> droppedBySource = new HashMap<>();
    private long badIpChecksum;
    private long hostAnswers;
    private long passedThrough;
    private long passedThroughBytes;
    private long packets;
    private long bytes;

    public void count(String verdict, int source, int length) {
        packets++;
        bytes += length;
        long[] v = byVerdict.computeIfAbsent(verdict, k -> new long[2]);
        v[0]++;
        v[1] += length;
        if (!verdict.equals("ACCEPT")) {
            long[] d = droppedBySource.computeIfAbsent(source, k -> new long[2]);
            d[0]++;
            d[1] += length;
        }
    }

    /** An arriving packet dropped for its IPv4 header checksum before any hook (also counted as a DROP). */
    public void badIpChecksum() {
        badIpChecksum++;
    }

    public long badIpChecksumPackets() {
        return badIpChecksum;
    }

    /** A TCP reset or ICMP error the capture shows the host itself sending. */
    public void hostAnswer() {
        hostAnswers++;
    }

    public long hostAnswers() {
        return hostAnswers;
    }

    /** A frame that is not IPv4 (ARP, IPv6): counted and passed through untouched. */
    public void passedThrough(int length) {
        passedThrough++;
        passedThroughBytes += length;
    }

    public long packets() {
        return packets;
    }

    public long bytes() {
        return bytes;
    }

    public long passedThroughPackets() {
        return passedThrough;
    }

    public Map<String, long[]> byVerdict() {
        return byVerdict;
    }

    /** Packets and bytes not accepted, per IPv4 source address (as an int). */
    public Map<Integer, long[]> droppedBySource() {
        return droppedBySource;
    }

    public long passedThroughBytes() {
        return passedThroughBytes;
    }

    /** {@code quietHost}: the replay made no answers of its own, so the capture's own answers count once. */
    public String text(String source, double seconds, boolean quietHost) {
        StringBuilder out = new StringBuilder();
        out.append(String.format("%s: %d IPv4 packets (%d bytes) in %.3f s", source, packets, bytes, seconds));
        if (seconds > 0) {
            out.append(String.format(", %.0f packets/s, %.1f MB/s", packets / seconds, bytes / seconds / 1e6));
        }
        out.append('\n');
        out.append(String.format("%-10s %10s %12s%n", "verdict", "packets", "bytes"));
        byVerdict.forEach((k, v) -> out.append(String.format("%-10s %10d %12d%n", k, v[0], v[1])));
        out.append(String.format("%-10s %10d %12d%n", "passed", passedThrough, passedThroughBytes))
                .append("  (passed: frames that are not IPv4, such as ARP and IPv6, go through untouched)\n");
        if (badIpChecksum > 0) {
            out.append(String.format("%d of the dropped packets had a wrong IPv4 header checksum and never reached"
                    + " the hooks (--ignore-checksums for captures taken with checksum offload)%n", badIpChecksum));
        }
        if (hostAnswers > 0 && !quietHost) {
            out.append(String.format("note: the capture holds %d TCP resets and ICMP errors sent by the host itself;"
                    + " if it was taken on this host, its answers are in it already and this replay made REJECT's"
                    + " as well, so OUTPUT counts answers twice: replay with --quiet-host%n", hostAnswers));
        }
        if (!droppedBySource.isEmpty()) {
            out.append("top sources dropped or rejected:\n");
            droppedBySource.entrySet().stream()
                    .sorted((a, b) -> Long.compare(b.getValue()[0], a.getValue()[0])).limit(10)
                    .forEach(e -> out.append(String.format("  %-15s %8d packets %10d bytes%n",
                            Addresses.format(e.getKey()), e.getValue()[0], e.getValue()[1])));
        }
        return out.toString();
    }
}
