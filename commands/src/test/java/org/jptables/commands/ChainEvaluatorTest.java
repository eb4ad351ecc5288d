package org.jptables.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import org.jptables.api.Hook;
import org.jptables.api.Verdict;
import org.jptables.commands.state.StateStore;
import org.jptables.kernel.eval.ChainEvaluator;
import org.jptables.kernel.eval.TraversalListener;
import org.jptables.kernel.extension.PluginLoader;
import org.jptables.kernel.model.Chain;
import org.jptables.kernel.model.Rule;
import org.jptables.kernel.model.Ruleset;
import org.jptables.kernel.model.TableKind;
import org.jptables.kernel.packet.Ipv4Builder;
import org.jptables.kernel.packet.PacketView;
import org.jptables.language.CommandParser;
import org.jptables.language.names.SystemNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ChainEvaluatorTest {
    @TempDir
    Path dir;

    private Ruleset load(String... commands) throws Exception {
        Cli cli = new Cli(dir);
        for (String c : commands) {
            cli.ok(c);
        }
        var registry = PluginLoader.load(dir.resolve("no-plugins"));
        var names = SystemNames.fromEtc();
        try (StateStore store = StateStore.open(dir.resolve("state.rules"))) {
            return store.load(new CommandParser(registry, names, new HashMap<>(), true), names);
        }
    }

    private static PacketView packet(int protocol, int mark) {
        byte[] bytes = new Ipv4Builder().source("192.0.2.1").destination("198.18.0.1").protocol(protocol).build();
        PacketView p = new PacketView().wrap(bytes).hook(Hook.INPUT);
        p.setMark(mark);
        return p;
    }

    private static final class Recorder implements TraversalListener {
        final List<String> events = new ArrayList<>();

        @Override
        public void ruleMatched(Chain chain, int position, Rule rule) {
            events.add(chain.name() + ":" + position);
        }

        @Override
        public void policyApplied(Chain chain) {
            events.add(chain.name() + ":policy");
        }
    }

    @Test
    void jumpReturnAndFallThroughCountAsTheKernelDoes() throws Exception {
        Ruleset rs = load("-N web", "-A INPUT -p 6 -j web", "-A INPUT -p 6 -j DROP",
                "-A web -m fakemark --is 1 -j ACCEPT", "-A web -m fakemark --is 2 -j RETURN", "-A web -p 17 -j DROP");
        Chain input = rs.table(TableKind.FILTER).builtin(Hook.INPUT);
        ChainEvaluator ev = new ChainEvaluator();

        Recorder r1 = new Recorder();
        assertEquals(Verdict.ACCEPT, ev.evaluate(input, packet(6, 1), r1));
        assertEquals(List.of("INPUT:1", "web:1"), r1.events);

        Recorder r2 = new Recorder();
        assertEquals(Verdict.DROP, ev.evaluate(input, packet(6, 2), r2));
        assertEquals(List.of("INPUT:1", "web:2", "INPUT:2"), r2.events);

        Recorder r3 = new Recorder();
        assertEquals(Verdict.DROP, ev.evaluate(input, packet(6, 3), r3), "end of web returns to INPUT rule 2");
        assertEquals(List.of("INPUT:1", "INPUT:2"), r3.events);

        Recorder r4 = new Recorder();
        assertEquals(Verdict.ACCEPT, ev.evaluate(input, packet(1, 0), r4));
        assertEquals(List.of("INPUT:policy"), r4.events);
        assertEquals(1, input.policyCounters().packets());
        assertEquals(28, input.policyCounters().bytes(), "IP total length of an echo request");
        assertEquals(3, input.rules().get(0).counters().packets());
    }

    @Test
    void gotoDoesNotReturnToTheCaller() throws Exception {
        Ruleset rs = load("-P INPUT DROP", "-N g", "-A INPUT -p 6 -g g", "-A INPUT -j ACCEPT", "-A g -m fakemark --is 9 -j ACCEPT");
        Chain input = rs.table(TableKind.FILTER).builtin(Hook.INPUT);
        Recorder r = new Recorder();
        assertEquals(Verdict.DROP, new ChainEvaluator().evaluate(input, packet(6, 0), r));
        assertEquals(List.of("INPUT:1", "INPUT:policy"), r.events);
    }

    @Test
    void returnInABuiltinChainAppliesThePolicy() throws Exception {
        Ruleset rs = load("-P INPUT DROP", "-A INPUT -j RETURN", "-A INPUT -j ACCEPT");
        Chain input = rs.table(TableKind.FILTER).builtin(Hook.INPUT);
        assertEquals(Verdict.DROP, new ChainEvaluator().evaluate(input, packet(6, 0), TraversalListener.NONE));
        assertEquals(1, input.policyCounters().packets());
    }
}
