package org.jptables.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import java.util.ArrayList;
import org.jptables.api.Actions;
import org.jptables.api.Constraints;
import org.jptables.api.Target;
import org.jptables.api.Verdict;
import org.jptables.kernel.model.TargetUse;
import org.jptables.kernel.packet.PacketEffects;
import org.jptables.api.Hook;
import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.kernel.classify.TableForm;
import org.jptables.kernel.model.Chain;
import org.jptables.kernel.model.MatchUse;
import org.jptables.kernel.model.Rule;
import org.jptables.kernel.model.Table;
import org.jptables.kernel.model.TableKind;
import org.jptables.kernel.packet.Ipv4Builder;
import org.jptables.kernel.packet.PacketView;
import org.junit.jupiter.api.Test;

/**
 * The compiled form of a table: built-in chains reaching the same user chain share one form, the
 * rules' counters live in it and survive a recompilation, and a declared random draw holds with its
 * probability.
 */
class TableFormTest {
    private static final Match EVERY = new Match() {
        @Override
        public boolean matches(Packet packet) {
            return true;
        }
    };

    /** Declares a draw of {@code threshold / 2^31}; never called by the compiled walk. */
    private record Draw(long threshold) implements Match {
        @Override
        public boolean matches(Packet packet) {
            throw new AssertionError("a declared draw is the classifier's");
        }

        @Override
        public void declare(Constraints c) {
            c.random(threshold, false);
            c.sideEffectFree();
            c.complete();
        }
    }

    /** A target that declares {@code declare} and, if called, counts the call and answers DROP. */
    private static final class Declaring implements Target {
        private final java.util.function.Consumer<Actions> declare;
        int calls;

        Declaring(java.util.function.Consumer<Actions> declare) {
            this.declare = declare;
        }

        @Override
        public void declare(Actions actions) {
            declare.accept(actions);
        }

        @Override
        public int apply(Packet packet) {
            calls++;
            return Verdict.DROP;
        }
    }

    /** The NAT requests the walk made, as the packet path's effects would receive them. */
    private final List<String> natCalls = new ArrayList<>();
    private final PacketEffects effects = new PacketEffects() {
        @Override
        public void reject(PacketView p, int icmpCode) {
        }

        @Override
        public void log(PacketView p, int level, String prefix, int flags) {
        }

        @Override
        public void nat(PacketView p, int kind, int minAddress, int maxAddress, int minPort, int maxPort, int flags) {
            natCalls.add(kind + " " + minAddress + "-" + maxAddress + " " + minPort + "-" + maxPort + " " + flags);
        }
    };

    private final Table table = new Table(TableKind.named("nat"));
    private final PacketView packet = new PacketView();
    private final ChainEvaluator evaluator = new ChainEvaluator(EvalMode.COMPILED);

    private static Rule rule(Match match) {
        return new Rule(List.of(new MatchUse(null, match)), null, null, false, "");
    }

    private static Rule jump(Chain to) {
        return new Rule(List.of(), null, to, false, "-j " + to.name());
    }

    private static Rule targeted(Target target) {
        return new Rule(List.of(), new TargetUse(null, target), null, false, "");
    }

    private int send(Hook hook) {
        packet.effects(effects);
        packet.wrap(new Ipv4Builder().source("198.18.0.2").destination("198.18.0.1").protocol(Ipv4Builder.UDP)
                .sourcePort(5000).destinationPort(53).build());
        return evaluator.evaluate(table.builtin(hook), packet, TraversalListener.NONE);
    }

    @Test
    void twoHooksReachingOneChainShareOneFormInsteadOfRetiringEachOther() throws Exception {
        Chain services = table.newChain("SERVICES");
        Rule counted = rule(EVERY);
        table.append(services, counted);
        table.append(table.builtin(Hook.PREROUTING), jump(services));
        table.append(table.builtin(Hook.OUTPUT), jump(services));

        send(Hook.PREROUTING);
        send(Hook.OUTPUT);
        TableForm form = (TableForm) table.builtin(Hook.PREROUTING).derived();
        assertSame(form, table.builtin(Hook.OUTPUT).derived());
        assertSame(form, services.derived());
        send(Hook.PREROUTING);
        send(Hook.OUTPUT);
        assertSame(form, table.builtin(Hook.OUTPUT).derived(), "no packet compiled the table again");
        assertFalse(form.retired());
        assertEquals(4, counted.counters().packets());
    }

    @Test
    void countsLiveInTheFormAndSurviveAnEdit() throws Exception {
        Chain user = table.newChain("U");
        Rule first = rule(EVERY);
        table.append(user, first);
        table.append(table.builtin(Hook.PREROUTING), jump(user));
        send(Hook.PREROUTING);
        send(Hook.PREROUTING);
        TableForm before = (TableForm) user.derived();
        assertEquals(2, first.counters().packets());
        assertEquals(2 * 28, first.counters().bytes());

        table.insert(user, 1, rule(EVERY));
        assertTrue(before.retired(), "an edit retires the form");
        send(Hook.PREROUTING);
        assertEquals(3, first.counters().packets(), "the count went on from the old form's");
        first.counters().zero();
        send(Hook.PREROUTING);
        assertEquals(1, first.counters().packets(), "zeroing reaches the form's counts");
        assertEquals(4, table.builtin(Hook.PREROUTING).ruleArray()[0].counters().packets());
    }

    @Test
    void aDeclaredDrawHoldsWithItsProbability() throws Exception {
        Chain pick = table.newChain("PICK");
        Rule never = rule(new Draw(0));
        Rule half = rule(new Draw(1L << 30));
        Rule always = rule(new Draw(1L << 31));
        table.append(pick, never);
        table.append(pick, half);
        table.append(pick, always);
        table.append(table.builtin(Hook.PREROUTING), jump(pick));
        int packets = 20_000;
        for (int i = 0; i < packets; i++) {
            send(Hook.PREROUTING);
        }
        assertEquals(0, never.counters().packets());
        assertEquals(packets, always.counters().packets(), "every packet reaches the last rule");
        long drawn = half.counters().packets();
        // 20,000 fair draws: 6 standard deviations (424) either side of 10,000
        assertTrue(Math.abs(drawn - packets / 2) < 850, "half the packets, not " + drawn);
    }

    @Test
    void aDeclaredMappingIsBoundFromTheFormWithoutCallingTheTarget() throws Exception {
        Declaring dnat = new Declaring(a -> a.nat(2, 0x0A000001, 0x0A000002, 8080, 8081, 1, Verdict.ACCEPT));
        Rule rule = targeted(dnat);
        table.append(table.builtin(Hook.PREROUTING), rule);

        assertEquals(Verdict.ACCEPT, send(Hook.PREROUTING));
        assertEquals(List.of("2 167772161-167772162 8080-8081 1"), natCalls);
        assertEquals(0, dnat.calls, "the target object is not reached");
        assertEquals(1, rule.counters().packets());
    }

    @Test
    void aDeclaredVerdictIsAnsweredAndATargetDeclaringTwoActionsIsCalled() throws Exception {
        Declaring returns = new Declaring(a -> a.verdict(Verdict.RETURN));
        Declaring twice = new Declaring(a -> {
            a.verdict(Verdict.ACCEPT);
            a.nat(2, 1, 1, 0, 0, 0, Verdict.ACCEPT);
        });
        Chain user = table.newChain("U");
        table.append(user, targeted(returns));
        table.append(table.builtin(Hook.PREROUTING), jump(user));
        table.append(table.builtin(Hook.PREROUTING), targeted(twice));

        assertEquals(Verdict.DROP, send(Hook.PREROUTING), "RETURN came back, then the undeclared target answered");
        assertEquals(0, returns.calls);
        assertEquals(1, twice.calls);
        assertTrue(natCalls.isEmpty());
    }
}
