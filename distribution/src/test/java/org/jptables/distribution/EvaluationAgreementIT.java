package org.jptables.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import org.jptables.kernel.conntrack.ConnectionTracker;
import org.jptables.kernel.eval.EvalMode;
import org.jptables.kernel.extension.ExtensionRegistry;
import org.jptables.kernel.extension.PluginLoader;
import org.jptables.kernel.host.Host;
import org.jptables.kernel.model.Chain;
import org.jptables.kernel.model.Rule;
import org.jptables.kernel.model.Ruleset;
import org.jptables.kernel.model.Table;
import org.jptables.kernel.packet.Ipv4Builder;
import org.jptables.kernel.path.PacketPath;
import org.jptables.kernel.path.PacketResult;
import org.jptables.language.CommandParser;
import org.jptables.language.RestoreReader;
import org.jptables.language.names.SystemNames;

/**
 * The compiled classifier changes nothing: random rulesets of the bundled matches (user chains,
 * jumps, gotos, RETURN, inversions, interface wildcards, nested and non-contiguous prefixes,
 * overlapping port ranges, marks set by earlier rules, stateful matches among them) and random
 * packets give the same verdict, matched rules, policies, trace, LOG lines and emitted frames per
 * packet, and the same counters at the end, walked linearly and compiled.
 */
class EvaluationAgreementIT {
    private static final ExtensionRegistry REGISTRY = PluginLoader.load(Jptables.HOME.resolve("plugins"));
    private static final SystemNames NAMES = SystemNames.fromEtc();

    private static final String[] PREFIXES = {"10.0.0.0/8", "10.1.0.0/16", "10.1.2.0/24", "10.1.2.3/32",
        "192.168.0.0/16", "0.0.0.0/1", "198.18.0.0/24", "198.18.1.2/32", "10.1.2.0/255.255.0.255",
        "203.0.113.0/25", "198.18.0.1"};
    private static final String[] SOURCES = {"10.1.2.3", "10.1.2.200", "10.9.0.1", "192.168.1.5", "172.16.0.1",
        "203.0.113.9", "10.1.77.3"};
    private static final String[] DESTINATIONS = {"198.18.0.1", "198.18.0.1", "198.18.1.2", "127.0.0.1"};
    private static final int[] PORTS = {22, 53, 80, 443, 1000, 1024, 8080, 40000, 65535};
    private static final String[] INTERFACES = {"eth0", "eth1", "eth+", "lo", "+", "et+", "wlan0"};
    private static final String[] USER_CHAINS = {"ALPHA", "BETA", "GAMMA"};

    @Property(tries = 150)
    void linearAndCompiledAgreeOnEveryPacket(@ForAll long seed) throws Exception {
        Random random = new Random(seed);
        List<String> rules = ruleset(random);
        Ruleset linearRules = restore(rules);
        Ruleset compiledRules = restore(rules);
        PacketPath linear = new PacketPath(linearRules, Host.conformance(), new ConnectionTracker())
                .evaluation(EvalMode.LINEAR);
        PacketPath compiled = new PacketPath(compiledRules, Host.conformance(), new ConnectionTracker())
                .evaluation(EvalMode.COMPILED);
        long now = 1_000_000_000L;
        for (int p = 0; p < 60; p++) {
            byte[] frame = packet(random);
            String in = random.nextInt(5) == 0 ? "eth1" : "eth0";
            now += random.nextInt(300_000_000);
            PacketResult a = new PacketResult();
            PacketResult b = new PacketResult();
            linear.process(frame.clone(), frame.length, in, now, a);
            compiled.process(frame.clone(), frame.length, in, now, b);
            String where = "seed " + seed + ", packet " + p + " " + HexFormat.of().formatHex(frame) + " on " + in
                    + "\n" + String.join("\n", rules);
            assertEquals(a.verdict, b.verdict, where);
            assertEquals(a.matched, b.matched, where);
            assertEquals(a.policies, b.policies, where);
            assertEquals(a.trace, b.trace, where);
            assertEquals(a.log, b.log, where);
            assertEquals(frames(a), frames(b), where);
        }
        assertEquals(counters(linearRules), counters(compiledRules), String.join("\n", rules));
    }

    private static Ruleset restore(List<String> lines) throws Exception {
        Ruleset ruleset = new Ruleset();
        new RestoreReader(new CommandParser(REGISTRY, NAMES, new HashMap<>(), true), NAMES, true, false, false, null)
                .restore(lines, ruleset);
        return ruleset;
    }

    private static List<String> frames(PacketResult r) {
        List<String> out = new ArrayList<>();
        for (PacketResult.Emitted e : r.emitted) {
            out.add(e.on() + " " + e.why() + " " + HexFormat.of().formatHex(e.frame()));
        }
        return out;
    }

    private static List<String> counters(Ruleset ruleset) {
        List<String> out = new ArrayList<>();
        for (Table t : ruleset.tables()) {
            for (Chain c : t.chains()) {
                out.add(t.name() + ":" + c.name() + " policy " + c.policyCounters().packets() + "/"
                        + c.policyCounters().bytes());
                int n = 0;
                for (Rule r : c.rules()) {
                    out.add(t.name() + ":" + c.name() + ":" + ++n + " " + r.counters().packets() + "/"
                            + r.counters().bytes());
                }
            }
        }
        return out;
    }

    /** A filter table whose INPUT and user chains are long enough to be compiled. */
    private static List<String> ruleset(Random random) {
        List<String> lines = new ArrayList<>(List.of("*filter", ":INPUT " + policy(random) + " [0:0]",
                ":FORWARD " + policy(random) + " [0:0]", ":OUTPUT ACCEPT [0:0]"));
        for (String chain : USER_CHAINS) {
            lines.add(":" + chain + " - [0:0]");
        }
        int inputRules = 8 + random.nextInt(30);
        for (int i = 0; i < inputRules; i++) {
            lines.add("-A INPUT" + rule(random, -1, true));
        }
        int forwardRules = 8 + random.nextInt(15);
        for (int i = 0; i < forwardRules; i++) {
            lines.add("-A FORWARD" + rule(random, USER_CHAINS.length, false));
        }
        for (int c = 0; c < USER_CHAINS.length; c++) {
            int count = random.nextInt(3) == 0 ? random.nextInt(4) : 8 + random.nextInt(14);
            for (int i = 0; i < count; i++) {
                lines.add("-A " + USER_CHAINS[c] + rule(random, c, true));
            }
        }
        lines.add("COMMIT");
        return lines;
    }

    private static String policy(Random random) {
        return random.nextBoolean() ? "ACCEPT" : "DROP";
    }

    /** One rule; {@code chain}: the user chain it is in (-1 for INPUT), so that jumps only go deeper. */
    private static String rule(Random random, int chain, boolean input) {
        StringBuilder r = new StringBuilder();
        String proto = switch (random.nextInt(8)) {
            case 0, 1, 2 -> "tcp";
            case 3, 4 -> "udp";
            case 5 -> "icmp";
            default -> null;
        };
        boolean protoInverted = proto != null && random.nextInt(6) == 0;
        if (proto != null) {
            r.append(protoInverted ? " ! -p " : " -p ").append(proto);
        }
        if (random.nextInt(5) < 2) {
            r.append(bang(random)).append(" -s ").append(pick(random, PREFIXES));
        }
        if (random.nextInt(5) < 1) {
            r.append(bang(random)).append(" -d ").append(pick(random, PREFIXES));
        }
        if (random.nextInt(4) == 0) {
            r.append(bang(random)).append(input ? " -i " : " -o ").append(pick(random, INTERFACES));
        }
        if (random.nextInt(25) == 0) {
            r.append(bang(random)).append(" -f");
        }
        List<String> matches = new ArrayList<>();
        boolean ports = !protoInverted && ("tcp".equals(proto) || "udp".equals(proto));
        if (ports && random.nextInt(5) < 3) {
            StringBuilder m = new StringBuilder(" -m ").append(proto);
            if (random.nextBoolean()) {
                m.append(bang(random)).append(" --dport ").append(portRange(random));
            }
            if (random.nextInt(3) == 0) {
                m.append(bang(random)).append(" --sport ").append(portRange(random));
            }
            matches.add(m.toString());
        } else if (ports && random.nextInt(3) == 0) {
            String[] directions = {"--dports", "--sports", "--ports"};
            matches.add(" -m multiport" + bang(random) + " " + pick(random, directions) + " "
                    + pick(random, PORTS) + "," + portRange(random));
        }
        if (random.nextInt(5) == 0) {
            String[] states = {"NEW", "ESTABLISHED", "RELATED,ESTABLISHED", "INVALID", "NEW,INVALID", "UNTRACKED"};
            matches.add(" -m state" + bang(random) + " --state " + pick(random, states));
        }
        if (random.nextInt(6) == 0) {
            matches.add(" -m mark" + bang(random) + " --mark " + random.nextInt(4)
                    + (random.nextBoolean() ? "/0x" + Integer.toHexString(1 + random.nextInt(3)) : ""));
        }
        if (random.nextInt(10) == 0) {
            matches.add(" -m iprange" + bang(random) + " --src-range 10.1.2.0-10.1.2." + random.nextInt(256));
        }
        if (random.nextInt(10) == 0) {
            matches.add(" -m comment --comment c" + random.nextInt(9));
        }
        if (random.nextInt(15) == 0) {
            matches.add(" -m limit --limit " + (1 + random.nextInt(5)) + "/sec --limit-burst " + (1 + random.nextInt(3)));
        }
        if (random.nextInt(15) == 0) {
            matches.add(" -m statistic --mode nth --every " + (2 + random.nextInt(3)) + " --packet 0");
        }
        if (random.nextInt(15) == 0) {
            matches.add(" -m length" + bang(random) + " --length " + (20 + random.nextInt(40)) + ":" + (60 + random.nextInt(60)));
        }
        java.util.Collections.shuffle(matches, random);
        matches.forEach(r::append);
        r.append(target(random, chain));
        return r.toString();
    }

    private static String target(Random random, int chain) {
        int roll = random.nextInt(20);
        if (roll < 3) {
            return " -j ACCEPT";
        }
        if (roll < 6) {
            return " -j DROP";
        }
        if (roll < 8) {
            return chain >= 0 ? " -j RETURN" : " -j DROP";
        }
        if (roll < 11 && chain + 1 < USER_CHAINS.length) {
            String next = USER_CHAINS[chain + 1 + random.nextInt(USER_CHAINS.length - chain - 1)];
            return (random.nextInt(4) == 0 ? " -g " : " -j ") + next;
        }
        if (roll < 14) {
            return " -j MARK --set-xmark 0x" + Integer.toHexString(random.nextInt(4)) + "/0x3";
        }
        if (roll < 16) {
            return " -j LOG --log-prefix \"r" + random.nextInt(9) + " \"";
        }
        if (roll < 17) {
            return " -j REJECT --reject-with icmp-port-unreachable";
        }
        return "";
    }

    private static String portRange(Random random) {
        int a = pick(random, PORTS);
        if (random.nextBoolean()) {
            return Integer.toString(a);
        }
        int b = pick(random, PORTS);
        // multiport refuses a range of one port (22:22)
        return a == b ? Integer.toString(a) : Math.min(a, b) + ":" + Math.max(a, b);
    }

    private static String bang(Random random) {
        return random.nextInt(5) == 0 ? " !" : "";
    }

    private static byte[] packet(Random random) {
        Ipv4Builder b = new Ipv4Builder().source(pick(random, SOURCES)).destination(pick(random, DESTINATIONS));
        switch (random.nextInt(6)) {
            case 0, 1, 2 -> b.protocol(Ipv4Builder.TCP).sourcePort(pick(random, PORTS)).destinationPort(pick(random, PORTS))
                    .tcpFlags(random.nextInt(3) == 0 ? Ipv4Builder.ACK : Ipv4Builder.SYN);
            case 3, 4 -> b.protocol(Ipv4Builder.UDP).sourcePort(pick(random, PORTS)).destinationPort(pick(random, PORTS));
            default -> b.protocol(1).icmpType(8);
        }
        b.payloadLength(random.nextInt(80));
        if (random.nextInt(25) == 0) {
            b.fragmentOffset(random.nextInt(3)).moreFragments(true);
        }
        byte[] frame = b.build();
        if (random.nextInt(30) == 0) {
            // a transport header cut short: the linear walk's matches hotdrop it
            frame = Arrays.copyOf(frame, 20 + random.nextInt(8));
            frame[2] = 0;
            frame[3] = (byte) frame.length;
        }
        return frame;
    }

    private static String pick(Random random, String[] values) {
        return values[random.nextInt(values.length)];
    }

    private static int pick(Random random, int[] values) {
        return values[random.nextInt(values.length)];
    }
}
