package org.jptables.kernel.model;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.jptables.api.Hook;
import org.junit.jupiter.api.Test;

/** A table being restored makes the arrays the evaluation loop reads once, at the end. */
class DeferredSnapshotsTest {
    private static Rule rule() {
        return new Rule(List.of(), null, null, false, "");
    }

    @Test
    void rulesAppendedWhileDeferredReachTheLoopWhenPublished() throws Exception {
        Table table = new Table(TableKind.named("filter"));
        Chain input = table.builtin(Hook.INPUT);
        table.append(input, rule());
        table.deferSnapshots();
        Chain user = table.newChain("U");
        for (int i = 0; i < 3; i++) {
            table.append(input, rule());
            table.append(user, rule());
        }
        table.delete(input, 1);
        assertEquals(1, input.ruleArray().length, "the loop still sees the table as it was");
        assertEquals(0, user.ruleArray().length);

        table.publishSnapshots();
        assertArrayEquals(input.rules().toArray(), input.ruleArray());
        assertArrayEquals(user.rules().toArray(), user.ruleArray());
        assertEquals(3, input.ruleArray().length);

        table.append(user, rule());
        assertEquals(4, user.ruleArray().length, "after publishing, every change is seen again");
    }
}
