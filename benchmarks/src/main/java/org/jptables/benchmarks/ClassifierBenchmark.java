package org.jptables.benchmarks;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.jptables.api.Hook;
import org.jptables.kernel.eval.ChainEvaluator;
import org.jptables.kernel.eval.EvalMode;
import org.jptables.kernel.eval.TraversalListener;
import org.jptables.kernel.host.Host;
import org.jptables.kernel.model.Chain;
import org.jptables.kernel.model.Ruleset;
import org.jptables.kernel.model.TableKind;
import org.jptables.kernel.packet.PacketView;
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
 * Packets per second on one core through one chain (with the user chains it jumps to), walked
 * linearly and compiled: the chain of issue 10 at 100 to 100,000 rules, the seed's ruleset, a
 * ClassBench-style ACL of 10,000 rules (its trace without locality, and with ClassBench's Pareto
 * bursts) and kube-proxy's nat table with 10,000 services (services drawn uniformly, and by a
 * Zipf law): see {@link RulesetShapes}. The uniform traces make nearly every packet's rules cold in
 * the caches, the worst case for any classifier. Plugins come from the built distribution (-Djptables.plugins).
 */
@State(Scope.Thread)
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class ClassifierBenchmark {
    @Param({"chain-100", "chain-1000", "chain-10000", "chain-100000", "seed", "classbench-10000",
        "classbenchpareto-10000", "kube-10000", "kubezipf-10000"})
    public String shape;

    @Param({"linear", "compiled"})
    public String eval;

    private ChainEvaluator evaluator;
    private final PacketView view = new PacketView();
    private Chain chain;
    private byte[][] packets;
    private int next;

    @Setup(Level.Trial)
    public void setUp() throws Exception {
        RulesetShapes.Shape s = Shapes.named(shape);
        Ruleset ruleset = Shapes.restore(s.rules());
        Hook hook = Hook.valueOf(s.chain());
        chain = ruleset.table(TableKind.named(s.table())).builtin(hook);
        packets = s.packets().toArray(byte[][]::new);
        evaluator = new ChainEvaluator(EvalMode.parse(eval));
        view.addressTypes(Host.conformance()).inInterface("eth0").hook(hook);
        view.conntrack(org.jptables.api.ConnState.NEW, 0, 6, 0, 0, 0, 0);
        // compile now, as a commit does (the packet path's TableTraversal), not in the first measured call
        if (evaluator.mode() == EvalMode.COMPILED) {
            org.jptables.kernel.classify.TableCompiler.compileAll(ruleset);
        }
        evaluate();
    }

    @Benchmark
    public int evaluate() {
        byte[] packet = packets[next];
        next = next + 1 == packets.length ? 0 : next + 1;
        view.wrap(packet);
        return evaluator.evaluate(chain, view, TraversalListener.NONE);
    }

    /** For a quick look without JMH: {@code ClassifierBenchmark SHAPE}. */
    static Path plugins() {
        return Path.of(System.getProperty("jptables.plugins", "distribution/target/jptables/plugins"));
    }
}
