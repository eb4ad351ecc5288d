package org.jptables.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jptables.api.Constraints;
import org.jptables.api.Hook;
import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.kernel.model.Chain;
import org.jptables.kernel.model.MatchUse;
import org.jptables.kernel.model.Rule;
import org.jptables.kernel.model.Table;
import org.jptables.kernel.model.TableKind;
import org.jptables.kernel.packet.Ipv4Builder;
import org.jptables.kernel.packet.PacketView;

/**
 * Packets interleaved with edits of the chains (rules inserted, deleted, chains flushed): the
 * compiled evaluation, whose forms link jumps to their targets' forms and must notice every edit,
 * counts exactly what the linear walk counts, rule by rule and policy included.
 */
class EditedChainsProperties {
    private static final int USER_CHAINS = 3;

    /** {@code -s 10.0.0.N/32}, declared complete, so the compiled form decides it without calling it. */
    private record Source(int address) implements Match {
        @Override
        public boolean matches(Packet packet) {
            return packet.source() == address;
        }

        @Override
        public void declare(Constraints c) {
            c.sideEffectFree();
            c.complete();
            c.sourceMasked(new byte[] {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8),
                (byte) address}, new byte[] {-1, -1, -1, -1}, false);
        }
    }

    /** Declares nothing: always called, matches odd destination ports. */
    private record OddPort() implements Match {
        @Override
        public boolean matches(Packet packet) {
            return (packet.u16(packet.transportOffset() + 2) & 1) == 1;
        }
    }

    /**
     * Declares a port range, free of side effects but not complete: it must still be called, for
     * it also asks for an even port.
     */
    private record EvenPortUpTo(int limit) implements Match {
        @Override
        public boolean matches(Packet packet) {
            int port = packet.u16(packet.transportOffset() + 2);
            return port <= limit && (port & 1) == 0;
        }

        @Override
        public void declare(Constraints c) {
            c.sideEffectFree();
            c.destinationPorts(new int[] {0, limit}, false);
        }
    }

    /**
     * One step: a packet (kind 0: source 10.0.0.{a % 8}, destination port b), or an edit (kind 1:
     * insert a rule into chain a at b, kind 2: delete rule b of chain a, kind 3: flush chain a).
     */
    record Step(int kind, int a, int b, int ruleShape) {
    }

    @Provide
    Arbitrary<List<Step>> steps() {
        Arbitrary<Step> step = Combinators.combine(Arbitraries.integers().between(0, 3), Arbitraries.integers().between(0, 15),
                Arbitraries.integers().between(0, 40), Arbitraries.integers().between(0, 11)).as(Step::new);
        return step.list().ofMinSize(1).ofMaxSize(60);
    }

    @Property(tries = 300)
    void compiledCountsWhatLinearCounts(@ForAll("steps") List<Step> steps) throws Exception {
        World linear = new World(EvalMode.LINEAR);
        World compiled = new World(EvalMode.COMPILED);
        for (Step s : steps) {
            linear.apply(s);
            compiled.apply(s);
            assertEquals(linear.counts(), compiled.counts(), "after " + s);
        }
    }

    /** A filter table with INPUT and user chains U0..U2, its evaluator and a packet view. */
    private static final class World {
        final Table table = new Table(TableKind.named("filter"));
        final List<Chain> chains = new ArrayList<>();
        final ChainEvaluator evaluator;
        final PacketView view = new PacketView();

        World(EvalMode mode) throws Exception {
            evaluator = new ChainEvaluator(mode);
            chains.add(table.builtin(Hook.INPUT));
            for (int i = 0; i < USER_CHAINS; i++) {
                chains.add(table.newChain("U" + i));
            }
        }

        void apply(Step s) throws Exception {
            Chain chain = chains.get(s.a() % chains.size());
            int size = chain.size();
            switch (s.kind()) {
                case 0 -> {
                    view.wrap(new Ipv4Builder().source(0x0A000000 | (s.a() % 8)).destination("198.18.0.1")
                            .protocol(Ipv4Builder.UDP).sourcePort(4000).destinationPort(s.b()).build());
                    evaluator.evaluate(table.builtin(Hook.INPUT), view, TraversalListener.NONE);
                }
                case 1 -> table.insert(chain, size == 0 ? 1 : 1 + s.b() % (size + 1), rule(chain, s));
                case 2 -> {
                    if (size > 0) {
                        table.delete(chain, 1 + s.b() % size);
                    }
                }
                default -> table.flush(chain);
            }
        }

        /**
         * Rule shapes: a source match, a match that declares nothing, a match declared in part, or
         * none, each with no target, or a jump (or goto)
         * to a user chain after the one it is in, so that no loop can form.
         */
        private Rule rule(Chain in, Step s) {
            int shape = s.ruleShape();
            Match m = switch (shape % 3) {
                case 0 -> new Source(0x0A000000 | (s.b() % 8));
                case 1 -> new OddPort();
                default -> new EvenPortUpTo(s.b());
            };
            List<MatchUse> uses = shape % 4 == 3 ? List.of() : List.of(new MatchUse(null, m));
            int from = chains.indexOf(in);
            if (shape >= 4 && from < USER_CHAINS) {
                Chain target = chains.get(from + 1 + s.b() % (USER_CHAINS - from));
                return new Rule(uses, null, target, shape >= 9, "");
            }
            return new Rule(uses, null, null, false, "");
        }

        /** Every rule's packet count, chain by chain, and INPUT's policy count. */
        List<List<Long>> counts() {
            List<List<Long>> out = new ArrayList<>();
            for (Chain c : chains) {
                List<Long> row = new ArrayList<>();
                for (Rule r : c.ruleArray()) {
                    row.add(r.counters().packets());
                }
                out.add(row);
            }
            out.add(List.of(table.builtin(Hook.INPUT).policyCounters().packets()));
            return out;
        }
    }
}
