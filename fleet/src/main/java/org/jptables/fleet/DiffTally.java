package org.jptables.fleet;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Consumer;
import org.jptables.api.Addresses;

/**
 * One host's packets that the candidate ruleset treats otherwise, counted by the pair of verdicts,
 * the pair of deciding rules, the destination port and the source. Read from the packet as
 * captured (before NAT rewrote it).
 */
final class DiffTally {
    private final Map<String, long[]> verdicts = new HashMap<>();
    private final Map<String, long[]> rules = new HashMap<>();
    private final Map<String, long[]> ports = new HashMap<>();
    private final Map<Integer, long[]> sources = new HashMap<>();
    private final long[] all = new long[2];
    private final long[] verdictChanged = new long[2];
    private final long[] pathOnly = new long[2];

    /** One differing packet: {@code ip} holds its IPv4 header at {@code at}, {@code length} bytes of it. */
    void add(byte[] ip, int at, int length, String verdict, String candidateVerdict, String decider,
             String candidateDecider) {
        boolean verdictDiffers = !verdict.equals(candidateVerdict);
        count(all, length);
        count(verdictDiffers ? verdictChanged : pathOnly, length);
        count(verdicts.computeIfAbsent(verdict + " -> " + candidateVerdict, k -> new long[2]), length);
        count(rules.computeIfAbsent(decider + " => " + candidateDecider, k -> new long[2]), length);
        count(ports.computeIfAbsent(port(ip, at, length), k -> new long[2]), length);
        int source = ((ip[at + 12] & 0xFF) << 24) | ((ip[at + 13] & 0xFF) << 16) | ((ip[at + 14] & 0xFF) << 8)
                | (ip[at + 15] & 0xFF);
        count(sources.computeIfAbsent(source, k -> new long[2]), length);
    }

    void emit(String host, Consumer<FleetRecord> out) {
        out.accept(new FleetRecord("diff", host, "diff", "packets", 0, all[0], all[1]));
        out.accept(new FleetRecord("diff", host, "diff", "verdict", 0, verdictChanged[0], verdictChanged[1]));
        out.accept(new FleetRecord("diff", host, "diff", "path", 0, pathOnly[0], pathOnly[1]));
        verdicts.forEach((k, v) -> out.accept(new FleetRecord("diff-verdicts", host, "diff", k, 0, v[0], v[1])));
        rules.forEach((k, v) -> out.accept(new FleetRecord("diff-rules", host, "diff", k, 0, v[0], v[1])));
        ports.forEach((k, v) -> out.accept(new FleetRecord("diff-port", host, "diff", k, 0, v[0], v[1])));
        sources.forEach((k, v) -> out.accept(new FleetRecord("diff-source", host, "diff", Addresses.format(k), 0,
                v[0], v[1])));
    }

    /** {@code tcp/22}, {@code udp/53}, {@code icmp}, {@code proto 47}; later fragments carry no port: {@code tcp/fragment}. */
    static String port(byte[] ip, int at, int length) {
        int protocol = ip[at + 9] & 0xFF;
        String name = switch (protocol) {
            case 6 -> "tcp";
            case 17 -> "udp";
            case 1 -> "icmp";
            default -> null;
        };
        if (name == null) {
            return "proto " + protocol;
        }
        if (protocol == 1) {
            return name;
        }
        int ihl = (ip[at] & 0x0F) * 4;
        boolean firstFragment = (((ip[at + 6] & 0x1F) << 8) | (ip[at + 7] & 0xFF)) == 0;
        if (!firstFragment || length < ihl + 4) {
            return name + "/fragment";
        }
        return name + "/" + (((ip[at + ihl + 2] & 0xFF) << 8) | (ip[at + ihl + 3] & 0xFF));
    }

    private static void count(long[] v, int length) {
        v[0]++;
        v[1] += length;
    }
}
