package org.jptables.benchmarks;

import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.jptables.kernel.packet.Ipv4Builder;

/**
 * The rulesets the classifier is measured on, as iptables-restore text, each with the packets sent
 * through it. Every generator is seeded: the same shape gives the same rules and packets.
 */
final class RulesetShapes {
    /** What one shape gives: the restore text, the table and chain to evaluate, the packets. */
    record Shape(List<String> rules, String table, String chain, List<byte[]> packets) {
    }

    private RulesetShapes() {
    }

    /**
     * The chain of issue 10: N rules {@code -s 10.X.Y.Z/32 -p tcp --dport P -j DROP}, all different
     * and none matching, then {@code -p udp --dport 9 -j DROP}; the same UDP frame every time.
     */
    static Shape chain(int n) {
        List<String> lines = filterHeader();
        for (int i = 0; i < n; i++) {
            lines.add("-A INPUT -s 10." + (i >>> 16 & 0xFF) + "." + (i >>> 8 & 0xFF) + "." + (i & 0xFF)
                    + "/32 -p tcp -m tcp --dport " + (1 + i % 65000) + " -j DROP");
        }
        lines.add("-A INPUT -p udp -m udp --dport 9 -j DROP");
        lines.add("COMMIT");
        byte[] frame = new Ipv4Builder().source("198.18.0.2").destination("198.18.0.1").protocol(Ipv4Builder.UDP)
                .sourcePort(40000).destinationPort(9).payloadLength(18).build();
        return new Shape(lines, "filter", "INPUT", List.of(frame));
    }

    /**
     * A ClassBench-style ACL of {@code n} rules, modelled on the published statistics of ClassBench's
     * acl1 seed (Taylor and Turner, "ClassBench: A Packet Classification Benchmark", 2005): the
     * protocol mostly TCP then UDP; source prefixes spread from wildcards to /32; destination
     * prefixes mostly /32 and /24 inside a few hundred /16 networks, so that prefixes nest; source
     * ports mostly wildcards; destination ports exact (well-known), high (1024:65535), low
     * (0:1023), arbitrary ranges or wildcards, in acl1's proportions. The packets come as
     * ClassBench's trace generator makes them: a rule is picked and a header drawn inside its
     * ranges (one in ten headers drawn at random instead), and the header is written a number of
     * times in a row drawn from a Pareto law of parameters {@code a} and {@code b}, its model of
     * locality ({@code b} 0: each header once, no locality; the generator's customary a = 1,
     * b = 0.1 gives mostly single packets and a few long bursts); a default DROP ends the chain.
     */
    static Shape classBench(int n, long seed, double paretoA, double paretoB) {
        Random random = new Random(seed);
        int[] networks = new int[256];
        for (int i = 0; i < networks.length; i++) {
            networks[i] = (random.nextInt(223) + 1) << 24 | random.nextInt(256) << 16;
        }
        List<String> lines = filterHeader();
        List<int[]> fields = new ArrayList<>();
        int[] wellKnown = {20, 21, 22, 23, 25, 53, 80, 110, 123, 135, 137, 139, 143, 161, 389, 443, 445, 1433, 1521,
            3306, 3389, 5060, 8080};
        for (int i = 0; i < n; i++) {
            int protocolRoll = random.nextInt(100);
            String protocol = protocolRoll < 68 ? "tcp" : protocolRoll < 88 ? "udp" : protocolRoll < 92 ? "icmp" : null;
            int srcLength = pick(random, new int[] {0, 8, 16, 24, 28, 32}, new int[] {15, 3, 12, 30, 10, 30});
            int dstLength = pick(random, new int[] {0, 16, 24, 30, 32}, new int[] {5, 5, 25, 10, 55});
            int src = address(random, networks, srcLength);
            int dst = address(random, networks, dstLength);
            StringBuilder rule = new StringBuilder("-A INPUT");
            if (srcLength > 0) {
                rule.append(" -s ").append(dotted(src)).append('/').append(srcLength);
            }
            if (dstLength > 0) {
                rule.append(" -d ").append(dotted(dst)).append('/').append(dstLength);
            }
            int[] sport = {0, 65535};
            int[] dport = {0, 65535};
            if (protocol != null) {
                rule.append(" -p ").append(protocol);
            }
            if ("tcp".equals(protocol) || "udp".equals(protocol)) {
                int sportRoll = random.nextInt(100);
                if (sportRoll >= 90) {
                    sport = sportRoll < 98 ? new int[] {1024, 65535} : exact(wellKnown[random.nextInt(wellKnown.length)]);
                }
                int dportRoll = random.nextInt(100);
                if (dportRoll < 55) {
                    dport = exact(wellKnown[random.nextInt(wellKnown.length)]);
                } else if (dportRoll < 65) {
                    dport = new int[] {1024, 65535};
                } else if (dportRoll < 70) {
                    dport = new int[] {0, 1023};
                } else if (dportRoll < 85) {
                    int low = random.nextInt(60000);
                    dport = new int[] {low, low + 1 + random.nextInt(5000)};
                }
                rule.append(" -m ").append(protocol);
                appendPorts(rule, "--sport", sport);
                appendPorts(rule, "--dport", dport);
            }
            rule.append(random.nextInt(4) == 0 ? " -j DROP" : " -j ACCEPT");
            lines.add(rule.toString());
            fields.add(new int[] {src, srcLength, dst, dstLength, protocol == null ? -1 : "tcp".equals(protocol) ? 6
                : "udp".equals(protocol) ? 17 : 1, sport[0], sport[1], dport[0], dport[1]});
        }
        lines.add("-A INPUT -j DROP");
        lines.add("COMMIT");
        List<byte[]> packets = new ArrayList<>();
        while (packets.size() < 4096) {
            int[] f = fields.get(random.nextInt(fields.size()));
            boolean stray = random.nextInt(10) == 0;
            int src = stray ? random.nextInt() : inside(random, f[0], f[1]);
            int dst = stray ? random.nextInt() : inside(random, f[2], f[3]);
            int protocol = f[4] >= 0 && !stray ? f[4] : new int[] {6, 17, 1}[random.nextInt(3)];
            Ipv4Builder b = new Ipv4Builder().source(src).destination(dst).protocol(protocol);
            if (protocol == 1) {
                b.icmpType(8);
            } else {
                b.sourcePort(between(random, f[5], f[6])).destinationPort(between(random, f[7], f[8]));
                if (protocol == 6) {
                    b.tcpFlags(Ipv4Builder.SYN);
                }
            }
            byte[] header = b.build();
            int copies = paretoB <= 0 ? 1
                    : (int) Math.min(1000, Math.max(1, Math.floor(paretoB / Math.pow(1 - random.nextDouble(), 1 / paretoA))));
            for (int c = 0; c < copies && packets.size() < 16384; c++) {
                packets.add(header);
            }
        }
        return new Shape(lines, "filter", "INPUT", packets);
    }

    /**
     * kube-proxy's iptables mode with {@code services} ClusterIP services: KUBE-SERVICES in the nat
     * table dispatches on destination address and port ({@code -d IP/32 -p tcp --dport P}) to one
     * KUBE-SVC chain per service, which picks one of three endpoints with {@code statistic --mode
     * random} and jumps to its KUBE-SEP chain (mark for masquerade from the node, DNAT). Last comes
     * the NodePort rule ({@code addrtype --dst-type LOCAL}). Packets go to services drawn uniformly
     * ({@code skewed} false: every packet's service is likely cold in the caches, the worst case)
     * or by a Zipf law of exponent 1 (a few services take most packets, as in clusters).
     */
    static Shape kubeProxy(int services, long seed, boolean skewed) {
        Random random = new Random(seed);
        List<String> lines = new ArrayList<>(List.of("*nat", ":PREROUTING ACCEPT [0:0]", ":INPUT ACCEPT [0:0]",
                ":OUTPUT ACCEPT [0:0]", ":POSTROUTING ACCEPT [0:0]", ":KUBE-MARK-MASQ - [0:0]",
                ":KUBE-NODEPORTS - [0:0]", ":KUBE-SERVICES - [0:0]"));
        List<String> chains = new ArrayList<>();
        List<String> rules = new ArrayList<>();
        int[] ips = new int[services];
        int[] ports = new int[services];
        for (int s = 0; s < services; s++) {
            ips[s] = 10 << 24 | 96 << 16 | (s / 250) << 8 | (s % 250 + 1);
            ports[s] = new int[] {80, 443, 8080, 53, 9090}[random.nextInt(5)];
            String svc = "KUBE-SVC-" + String.format("%016X", random.nextLong()).substring(0, 16);
            chains.add(":" + svc + " - [0:0]");
            rules.add("-A KUBE-SERVICES -d " + dotted(ips[s]) + "/32 -p tcp -m comment --comment \"ns/svc-" + s
                    + ":http cluster IP\" -m tcp --dport " + ports[s] + " -j " + svc);
            for (int e = 0; e < 3; e++) {
                String sep = "KUBE-SEP-" + String.format("%016X", random.nextLong()).substring(0, 16);
                chains.add(":" + sep + " - [0:0]");
                String endpoint = "10.244." + random.nextInt(256) + "." + (1 + random.nextInt(254));
                String pick = e == 0 ? " -m statistic --mode random --probability 0.33333333349"
                        : e == 1 ? " -m statistic --mode random --probability 0.50000000000" : "";
                rules.add("-A " + svc + " -m comment --comment \"ns/svc-" + s + ":http -> " + endpoint + ":8080\""
                        + pick + " -j " + sep);
                rules.add("-A " + sep + " -s " + endpoint + "/32 -m comment --comment \"ns/svc-" + s
                        + ":http\" -j KUBE-MARK-MASQ");
                rules.add("-A " + sep + " -p tcp -m comment --comment \"ns/svc-" + s
                        + ":http\" -m tcp -j DNAT --to-destination " + endpoint + ":8080");
            }
        }
        lines.addAll(chains);
        lines.add("-A PREROUTING -m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES");
        lines.add("-A OUTPUT -m comment --comment \"kubernetes service portals\" -j KUBE-SERVICES");
        lines.add("-A KUBE-MARK-MASQ -j MARK --set-xmark 0x4000/0x4000");
        lines.addAll(rules);
        lines.add("-A KUBE-SERVICES -m comment --comment \"kubernetes service nodeports; NOTE: this must be the last"
                + " rule in this chain\" -m addrtype --dst-type LOCAL -j KUBE-NODEPORTS");
        lines.add("COMMIT");
        List<byte[]> packets = new ArrayList<>();
        double[] cumulative = new double[services];
        double total = 0;
        for (int k = 0; k < services; k++) {
            total += 1.0 / (k + 1);
            cumulative[k] = total;
        }
        for (int p = 0; p < 4096; p++) {
            int s = random.nextInt(services);
            if (skewed) {
                int rank = java.util.Arrays.binarySearch(cumulative, random.nextDouble() * total);
                s = rank >= 0 ? rank : Math.min(services - 1, -rank - 1);
            }
            packets.add(new Ipv4Builder().source("198.18.0.2").destination(ips[s]).protocol(Ipv4Builder.TCP)
                    .sourcePort(30000 + random.nextInt(30000)).destinationPort(ports[s]).tcpFlags(Ipv4Builder.SYN).build());
        }
        return new Shape(lines, "nat", "PREROUTING", packets);
    }

    private static List<String> filterHeader() {
        return new ArrayList<>(List.of("*filter", ":INPUT ACCEPT [0:0]", ":FORWARD ACCEPT [0:0]", ":OUTPUT ACCEPT [0:0]"));
    }

    private static void appendPorts(StringBuilder rule, String option, int[] range) {
        if (range[0] == 0 && range[1] == 65535) {
            return;
        }
        rule.append(' ').append(option).append(' ').append(range[0]);
        if (range[1] != range[0]) {
            rule.append(':').append(range[1]);
        }
    }

    private static int[] exact(int port) {
        return new int[] {port, port};
    }

    private static int pick(Random random, int[] values, int[] weights) {
        int total = 0;
        for (int w : weights) {
            total += w;
        }
        int roll = random.nextInt(total);
        for (int i = 0; i < values.length; i++) {
            roll -= weights[i];
            if (roll < 0) {
                return values[i];
            }
        }
        return values[values.length - 1];
    }

    /** An address of a prefix of {@code length} inside one of the networks (a /16 each), masked. */
    private static int address(Random random, int[] networks, int length) {
        int a = networks[random.nextInt(networks.length)] | random.nextInt(1 << 16);
        return length == 0 ? 0 : a & (int) (0xFFFFFFFFL << (32 - length));
    }

    private static int inside(Random random, int prefix, int length) {
        if (length == 0) {
            return random.nextInt();
        }
        int hostBits = 32 - length;
        return hostBits == 0 ? prefix : prefix | (random.nextInt() >>> length);
    }

    private static int between(Random random, int low, int high) {
        return low + random.nextInt(high - low + 1);
    }

    static String dotted(int a) {
        return (a >>> 24) + "." + (a >>> 16 & 0xFF) + "." + (a >>> 8 & 0xFF) + "." + (a & 0xFF);
    }
}
