package org.jptables.kernel.eval;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
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
import org.junit.jupiter.api.Test;

/**
 * A compiled table's jumps lead straight to the target chain's place in the table's form; once the
 * target's rules change, the next packet must walk the new rules, as the linear walk does.
 */
class JumpTargetEditsTest {
    /** Matches every packet and declares nothing, so the evaluator calls it. */
    private static final Match EVERY = new Match() {
        @Override
        public boolean matches(Packet packet) {
            return true;
        }
    };

    private static Rule counting() {
        return new Rule(List.of(new MatchUse(null, EVERY)), null, null, false, "");
    }

    private final Table table = new Table(TableKind.named("filter"));
    private final PacketView packet = new PacketView();

    private void send(ChainEvaluator evaluator) {
        packet.wrap(new Ipv4Builder().source("198.18.0.2").destination("198.18.0.1").protocol(Ipv4Builder.UDP)
                .sourcePort(5000).destinationPort(53).build());
        evaluator.evaluate(table.builtin(Hook.INPUT), packet, TraversalListener.NONE);
    }

    @Test
    void aJumpTargetsChangedRulesAreWalkedOnTheNextPacket() throws Exception {
        for (EvalMode mode : EvalMode.values()) {
            Chain input = table.builtin(Hook.INPUT);
            table.flush(input);
            input.policyCounters().zero();
            Chain user = table.chain("U") != null ? table.chain("U") : table.newChain("U");
            table.flush(user);
            table.append(input, new Rule(List.of(), null, user, false, "-j U"));
            Rule first = counting();
            table.append(user, first);
            ChainEvaluator evaluator = new ChainEvaluator(mode);

            send(evaluator);
            assertEquals(1, first.counters().packets(), mode.name());

            Rule inserted = counting();
            table.insert(user, 1, inserted);
            send(evaluator);
            assertEquals(1, inserted.counters().packets(), mode + ": the rule inserted after the jump was linked");
            assertEquals(2, first.counters().packets(), mode.name());

            table.flush(user);
            send(evaluator);
            assertEquals(1, inserted.counters().packets(), mode + ": a flushed chain has no rules");
            assertEquals(3, input.ruleArray()[0].counters().packets(), mode.name());
            assertEquals(3, input.policyCounters().packets(), mode.name());
        }
    }
}
