package org.jptables.benchmarks;

import java.util.HashMap;
import java.util.List;
import org.jptables.kernel.classify.TableCompiler;
import org.jptables.kernel.classify.TableForm;
import org.jptables.kernel.model.Chain;
import org.jptables.kernel.model.Ruleset;
import org.jptables.kernel.model.Table;
import org.jptables.kernel.model.TableKind;

/**
 * What the compiled form costs, for each shape: the time to compile every chain (median of five),
 * the memory it holds (heap in use after a full GC, with and without the forms), and for the
 * 10,000-rule chain the time to append one rule and recompile the chain, as {@code -A} does.
 * Run: {@code java -cp ... org.jptables.benchmarks.CompileCost [SHAPE...]}.
 */
public final class CompileCost {
    private CompileCost() {
    }

    public static void main(String[] args) throws Exception {
        List<String> shapes = args.length > 0 ? List.of(args)
                : List.of("chain-100", "chain-1000", "chain-10000", "chain-100000", "seed", "classbench-10000",
                        "kube-10000");
        System.out.printf("%-18s %8s %12s %12s  %s%n", "shape", "rules", "compile ms", "memory MB", "form of the main chain");
        for (String name : shapes) {
            RulesetShapes.Shape shape = Shapes.named(name);
            Ruleset ruleset = Shapes.restore(shape.rules());
            int rules = 0;
            for (Table t : ruleset.tables()) {
                for (Chain c : t.chains()) {
                    rules += c.size();
                }
            }
            // the memory first, on rules never compiled: a forgotten form stays reachable from the
            // rules' counters, which are bound to its code until the next form binds them
            long without = used();
            TableCompiler.compileAll(ruleset);
            long with = used();
            long[] times = new long[5];
            for (int i = 0; i < times.length; i++) {
                forget(ruleset);
                long start = System.nanoTime();
                TableCompiler.compileAll(ruleset);
                times[i] = System.nanoTime() - start;
            }
            java.util.Arrays.sort(times);
            Chain main = ruleset.table(TableKind.named(shape.table())).chain(shape.chain());
            String described = main.derived() instanceof TableForm form ? form.describe() : "not compiled";
            System.out.printf("%-18s %8d %12.1f %12.1f  %s%n", name, rules, times[2] / 1e6, (with - without) / 1e6,
                    described);
        }
        appendOne();
    }

    /** One {@code -A} on the 10,000-rule chain: parse the rule, append it, recompile the chain. */
    private static void appendOne() throws Exception {
        RulesetShapes.Shape shape = Shapes.named("chain-10000");
        Ruleset ruleset = Shapes.restore(shape.rules());
        TableCompiler.compileAll(ruleset);
        long[] times = new long[7];
        for (int i = 0; i < times.length; i++) {
            long start = System.nanoTime();
            List<String> one = List.of("*filter", "-A INPUT -s 192.0.2." + i + "/32 -p tcp -m tcp --dport 22 -j DROP",
                    "COMMIT");
            Ruleset delta = ruleset;
            new org.jptables.language.RestoreReader(parser(), names(), true, true, false, null).restore(one, delta);
            TableCompiler.compileAll(delta);
            times[i] = System.nanoTime() - start;
        }
        java.util.Arrays.sort(times);
        System.out.printf("one -A on chain-10000 (parse, append, recompile the chain): %.2f ms (median of %d)%n",
                times[times.length / 2] / 1e6, times.length);
    }

    private static org.jptables.language.CommandParser parser() {
        return new org.jptables.language.CommandParser(
                org.jptables.kernel.extension.PluginLoader.load(ClassifierBenchmark.plugins()), names(),
                new HashMap<>(), true);
    }

    private static org.jptables.language.names.SystemNames names() {
        return org.jptables.language.names.SystemNames.fromEtc();
    }

    private static void forget(Ruleset ruleset) {
        for (Table t : ruleset.tables()) {
            for (Chain c : t.chains()) {
                c.derived(null);
            }
        }
    }

    private static long used() throws InterruptedException {
        for (int i = 0; i < 3; i++) {
            System.gc();
            Thread.sleep(50);
        }
        Runtime rt = Runtime.getRuntime();
        return rt.totalMemory() - rt.freeMemory();
    }
}
