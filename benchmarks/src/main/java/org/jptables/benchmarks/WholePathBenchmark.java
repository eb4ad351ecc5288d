package org.jptables.benchmarks;

import java.util.concurrent.TimeUnit;
import org.jptables.kernel.conntrack.ConnectionTracker;
import org.jptables.kernel.eval.EvalMode;
import org.jptables.kernel.host.Host;
import org.jptables.kernel.path.PacketPath;
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
 * The whole packet path as {@code jptables replay} runs it (IP checks, routing, every hook and
 * table, counters, and connection tracking when the ruleset asks for it) for the frames of a
 * shape, linear and compiled. The chain of issue 10 needs no conntrack (as in Linux, where no rule
 * asks for it); {@code chain-10000-state} puts {@code -m state --state ESTABLISHED -j ACCEPT}
 * before it, so that every packet is tracked too.
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class WholePathBenchmark {
    @Param({"chain-10000", "chain-10000-state"})
    public String shape;

    @Param({"linear", "compiled"})
    public String eval;

    private PacketPath path;
    private byte[] frame;
    private byte[] copy;
    private long now = 1_000_000_000L;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        boolean state = shape.endsWith("-state");
        RulesetShapes.Shape s = Shapes.named(state ? shape.substring(0, shape.length() - "-state".length()) : shape);
        java.util.List<String> rules = new java.util.ArrayList<>(s.rules());
        if (state) {
            rules.add(4, "-A INPUT -m state --state ESTABLISHED -j ACCEPT");
        }
        path = new PacketPath(Shapes.restore(rules), Host.conformance(), new ConnectionTracker())
                .evaluation(EvalMode.parse(eval));
        frame = s.packets().get(0);
        copy = frame.clone();
    }

    @Benchmark
    public String process() {
        System.arraycopy(frame, 0, copy, 0, frame.length);
        now += 1_000;
        return path.process(copy, copy.length, "eth0", now, null);
    }
}
