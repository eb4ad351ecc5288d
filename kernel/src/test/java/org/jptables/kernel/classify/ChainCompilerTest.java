package org.jptables.kernel.classify;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.jptables.api.Constraints;
import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.kernel.model.MatchUse;
import org.jptables.kernel.model.Rule;
import org.junit.jupiter.api.Test;

/** What the compiler makes of declarations, asked through {@link CompiledChain#next}. */
class ChainCompilerTest {
    private static final byte[] ALL = {-1, -1, -1, -1};

    /** A match that declares what it is told to and, if ever called here, fails the test. */
    private record Declared(Consumer<Constraints> declaration) implements Match {
        @Override
        public boolean matches(Packet packet) {
            throw new AssertionError("not called by next()");
        }

        @Override
        public void declare(Constraints constraints) {
            declaration.accept(constraints);
        }
    }

    private static Rule rule(Match... matches) {
        List<MatchUse> uses = new ArrayList<>();
        for (Match m : matches) {
            uses.add(new MatchUse(null, m));
        }
        return new Rule(uses, null, null, false, "");
    }

    private static Match pureSource(int address, boolean complete) {
        return new Declared(c -> {
            c.sideEffectFree();
            if (complete) {
                c.complete();
            }
            c.sourceMasked(bytes(address), ALL, false);
        });
    }

    private static byte[] bytes(int a) {
        return new byte[] {(byte) (a >>> 24), (byte) (a >>> 16), (byte) (a >>> 8), (byte) a};
    }

    private static PacketKey key(int source, int dport) {
        PacketKey k = new PacketKey();
        k.source = source;
        k.protocol = 6;
        k.sourcePort = 1234;
        k.destinationPort = dport;
        return k;
    }

    private static Rule[] manySources(Rule... tail) {
        List<Rule> rules = new ArrayList<>();
        for (int i = 0; i < 20; i++) {
            rules.add(rule(pureSource(0x0A000000 + i, true)));
        }
        rules.addAll(List.of(tail));
        return rules.toArray(Rule[]::new);
    }

    @Test
    void aPacketGoesStraightToTheRuleOfItsSource() {
        CompiledChain form = ChainCompiler.compile(manySources());
        assertEquals(7, form.next(key(0x0A000007, 80), 0));
        assertEquals(20, form.next(key(0x0A000007, 80), 8), "none after it: the end");
        assertEquals(20, form.next(key(0x0B000000, 80), 0));
        assertTrue(form.exact(7));
    }

    @Test
    void aMatchThatDeclaresNothingIsAlwaysACandidate() {
        Match silent = p -> true;
        CompiledChain form = ChainCompiler.compile(manySources(rule(silent)));
        assertEquals(20, form.next(key(0x0B000000, 80), 0));
        assertFalse(form.exact(20));
    }

    @Test
    void constraintsAfterAMatchWithEffectsAreNotUsed() {
        Match counting = new Declared(c -> {
        });
        Match port = new Declared(c -> {
            c.sideEffectFree();
            c.destinationPorts(new int[] {22, 22}, false);
        });
        // the counting match comes first: skipping the rule for its port would skip the count
        CompiledChain form = ChainCompiler.compile(manySources(rule(counting, port), rule(port, counting)));
        assertEquals(20, form.next(key(0x0B000000, 80), 0));
        assertEquals(22, form.next(key(0x0B000000, 80), 21), "the port comes first: port 80 skips rule 22");
        assertEquals(21, form.next(key(0x0B000000, 22), 21));
    }

    @Test
    void invertedAndNonContiguousConstraintsAreChecked() {
        Match notPort22 = new Declared(c -> {
            c.sideEffectFree();
            c.destinationPorts(new int[] {22, 22}, true);
        });
        Match oddMask = new Declared(c -> {
            c.sideEffectFree();
            c.sourceMasked(bytes(0x0A000001), bytes(0xFF0000FF), false);
        });
        CompiledChain form = ChainCompiler.compile(manySources(rule(notPort22), rule(oddMask)));
        assertEquals(22, form.next(key(0x0B000000, 22), 0));
        assertEquals(20, form.next(key(0x0B000000, 23), 0));
        assertEquals(21, form.next(key(0x0A7F7F01, 22), 0));
        assertEquals(22, form.next(key(0x0A7F7F02, 22), 0));
    }

    @Test
    void aPacketWithoutPortsFailsPortsAndPassesInvertedPorts() {
        Match port = new Declared(c -> c.destinationPorts(new int[] {0, 65535}, false));
        Match notPort = new Declared(c -> c.destinationPorts(new int[] {80, 80}, true));
        CompiledChain form = ChainCompiler.compile(manySources(rule(port), rule(notPort)));
        PacketKey icmp = key(0x0B000000, PacketKey.NO_PORT);
        icmp.sourcePort = PacketKey.NO_PORT;
        assertEquals(21, form.next(icmp, 0));
    }

    @Test
    void anIpv6DeclarationIsIgnoredAndTheRuleCalled() {
        Match v6 = new Declared(c -> {
            c.sideEffectFree();
            c.complete();
            c.sourceMasked(new byte[16], new byte[16], false);
        });
        CompiledChain form = ChainCompiler.compile(manySources(rule(v6)));
        assertEquals(20, form.next(key(0x0B000000, 80), 0));
        assertFalse(form.exact(20));
    }

    @Test
    void aValueOutsideItsMaskOrAnEmptyRangeNeverMatches() {
        Match never = new Declared(c -> c.sourceMasked(bytes(0x0B000001), bytes(0xFFFFFF00), false));
        Match reversed = new Declared(c -> c.destinationPorts(new int[] {5, 4}, false));
        CompiledChain form = ChainCompiler.compile(manySources(rule(never), rule(reversed)));
        assertEquals(22, form.next(key(0x0B000001, 4), 0));
        assertEquals(22, form.next(key(0x0B000001, 5), 0));
    }

    @Test
    void aSmallChainIsCheckedInOrderWithoutIndexes() {
        CompiledChain form = ChainCompiler.compile(new Rule[] {rule(pureSource(1, true)), rule(pureSource(2, false))});
        assertEquals(1, form.next(key(2, 80), 0));
        assertFalse(form.exact(1));
        assertTrue(form.describe().contains("2 checked in order"), form.describe());
    }
}
