package org.jptables.benchmarks;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import org.jptables.kernel.extension.ExtensionRegistry;
import org.jptables.kernel.extension.PluginLoader;
import org.jptables.kernel.model.Ruleset;
import org.jptables.kernel.packet.Ipv4Builder;
import org.jptables.language.CommandParser;
import org.jptables.language.RestoreReader;
import org.jptables.language.names.SystemNames;

/** The benchmarks' shapes by name, restored with the distribution's plugins. */
final class Shapes {
    private static ExtensionRegistry registry;

    private Shapes() {
    }

    /** {@code chain-N}, {@code seed}, {@code classbench-N} (no locality), {@code classbenchpareto-N} (a = 1, b = 0.1), {@code kube-N}, {@code kubezipf-N}. */
    static RulesetShapes.Shape named(String name) throws Exception {
        int dash = name.indexOf('-');
        int n = dash < 0 ? 0 : Integer.parseInt(name.substring(dash + 1));
        return switch (dash < 0 ? name : name.substring(0, dash)) {
            case "chain" -> RulesetShapes.chain(n);
            case "classbench" -> RulesetShapes.classBench(n, 1, 1, 0);
            case "classbenchpareto" -> RulesetShapes.classBench(n, 1, 1, 0.1);
            case "kube" -> RulesetShapes.kubeProxy(n, 1, false);
            case "kubezipf" -> RulesetShapes.kubeProxy(n, 1, true);
            case "seed" -> seed();
            default -> throw new IllegalArgumentException("unknown shape " + name);
        };
    }

    /** The distribution's default ruleset (the seed's) and the SSH SYN that reaches its rule 4. */
    private static RulesetShapes.Shape seed() throws Exception {
        Path rules = Path.of(System.getProperty("jptables.seed", "distribution/target/jptables/conf/default.rules"));
        byte[] syn = new Ipv4Builder().source("203.0.113.9").destination("198.18.0.1").protocol(Ipv4Builder.TCP)
                .sourcePort(40000).destinationPort(22).tcpFlags(Ipv4Builder.SYN).build();
        return new RulesetShapes.Shape(Files.readAllLines(rules), "filter", "INPUT", List.of(syn));
    }

    static synchronized Ruleset restore(List<String> lines) throws Exception {
        if (registry == null) {
            registry = PluginLoader.load(ClassifierBenchmark.plugins());
        }
        SystemNames names = SystemNames.fromEtc();
        Ruleset ruleset = new Ruleset();
        new RestoreReader(new CommandParser(registry, names, new HashMap<>(), true), names, true, false, false, null)
                .restore(lines, ruleset);
        return ruleset;
    }
}
