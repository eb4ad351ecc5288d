package org.jptables.benchmarks;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.jptables.api.Hook;
import org.jptables.commands.Main;
import org.jptables.commands.state.StateStore;
import org.jptables.kernel.conntrack.ConnectionTracker;
import org.jptables.kernel.eval.ChainEvaluator;
import org.jptables.kernel.eval.TraversalListener;
import org.jptables.kernel.extension.PluginLoader;
import org.jptables.kernel.host.Host;
import org.jptables.kernel.model.Chain;
import org.jptables.kernel.model.Ruleset;
import org.jptables.kernel.model.TableKind;
import org.jptables.kernel.packet.Ipv4Builder;
import org.jptables.kernel.packet.PacketView;
import org.jptables.kernel.path.PacketPath;
import org.jptables.language.CommandParser;
import org.jptables.language.names.SystemNames;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code inputChain}: one packet through the filter table's INPUT chain only. {@code packetPath}:
 * one packet of an established TCP connection through the whole packet path as a replay runs it
 * (connection tracking lookup, raw/mangle/nat/filter hooks, counters).
 * Rulesets: the seed's classic ruleset (the SSH SYN that
 * reaches rule 4): the seed's classic ruleset (the SSH SYN that
 * reaches rule 4), and a 1,000-rule chain whose rules never match (every rule's header and match
 * checked). Plugins come from the built distribution (-Djptables.plugins).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class PacketPathBenchmark {
    @Param({"seed", "chain1000"})
    public String ruleset;

    private final ChainEvaluator evaluator = new ChainEvaluator();
    private final PacketView packet = new PacketView();
    private Chain input;
    private byte[] bytes;
    private PacketPath path;
    private byte[] established;
    private PacketPath rejecting;
    private byte[] udp;
    private long now;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        Path plugins = Path.of(System.getProperty("jptables.plugins", "distribution/target/jptables/plugins"));
        Path dir = Files.createTempDirectory("jpt-bench");
        Path rules = dir.resolve("rules");
        if (ruleset.equals("seed")) {
            Files.copy(Path.of(System.getProperty("jptables.seed", "distribution/target/jptables/conf/default.rules")), rules);
        } else {
            List<String> lines = new ArrayList<>(List.of("*filter", ":INPUT ACCEPT [0:0]", ":FORWARD ACCEPT [0:0]",
                    ":OUTPUT ACCEPT [0:0]"));
            for (int i = 0; i < 1000; i++) {
                lines.add("-A INPUT -s 10." + (i / 250) + "." + (i % 250) + ".0/24 -p tcp -m tcp --dport " + (1000 + i)
                        + " -j DROP");
            }
            lines.add("COMMIT");
            Files.write(rules, lines);
        }
        Map<String, String> env = Map.of("JPTABLES_STATE", dir.resolve("state").toString(),
                "JPTABLES_PLUGINS", plugins.toString());
        int status = Main.run(List.of("restore", rules.toString()), env,
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), System.err);
        if (status != 0) {
            throw new IllegalStateException("restore failed: " + status);
        }
        var registry = PluginLoader.load(plugins);
        var names = SystemNames.fromEtc();
        Ruleset rs;
        try (StateStore store = StateStore.open(dir.resolve("state"))) {
            rs = store.load(new CommandParser(registry, names, new java.util.HashMap<>(), true), names);
        }
        input = rs.table(TableKind.FILTER).builtin(Hook.INPUT);
        bytes = new Ipv4Builder().source("203.0.113.9").destination("198.18.0.1").protocol(Ipv4Builder.TCP)
                .sourcePort(40000).destinationPort(22).tcpFlags(Ipv4Builder.SYN).build();
        packet.wrap(bytes).inInterface("eth0").hook(Hook.INPUT);
        packet.conntrack(org.jptables.api.ConnState.NEW, 0, 6, 0, 0, 0, 0);

        path = new PacketPath(rs, Host.conformance(), new ConnectionTracker());
        byte[] syn = bytes.clone();
        path.process(syn, syn.length, "eth0", 0, null);
        byte[] synAck = new Ipv4Builder().source("198.18.0.1").destination("203.0.113.9").protocol(Ipv4Builder.TCP)
                .sourcePort(22).destinationPort(40000).tcpFlags(Ipv4Builder.SYN | Ipv4Builder.ACK).sequence(5000)
                .acknowledgement(1001).build();
        path.process(synAck, synAck.length, "host", 1_000_000, null);
        established = new Ipv4Builder().source("203.0.113.9").destination("198.18.0.1").protocol(Ipv4Builder.TCP)
                .sourcePort(40000).destinationPort(22).tcpFlags(Ipv4Builder.ACK).sequence(1001).acknowledgement(5001)
                .build();
        now = 2_000_000;
        // as the live daemon runs it: REJECT's ICMP errors held back by the host's rate limit
        rejecting = new PacketPath(rs, Host.conformance(), new ConnectionTracker())
                .icmpRateLimit(new org.jptables.kernel.effects.IcmpRateLimit());
        udp = new Ipv4Builder().source("203.0.113.9").destination("198.18.0.1").protocol(Ipv4Builder.UDP)
                .sourcePort(40000).destinationPort(9).payload(new byte[18]).build();
    }

    @Benchmark
    public String packetPath() {
        // the same ACK again and again: conntrack sees a retransmission, which stays ESTABLISHED
        now += 1000;
        return path.process(established, established.length, "eth0", now, null);
    }

    /**
     * The same UDP datagram again and again, never confirmed: with the seed's ruleset each one is a
     * new connection that REJECT answers (the live benchmark's frame), the answers rate-limited.
     */
    @Benchmark
    public String newRejected() {
        now += 1000;
        byte[] frame = udp;
        return rejecting.process(frame, frame.length, "eth0", now, null);
    }

    @Benchmark
    public int inputChain() {
        packet.wrap(bytes);
        return evaluator.evaluate(input, packet, TraversalListener.NONE);
    }
}
