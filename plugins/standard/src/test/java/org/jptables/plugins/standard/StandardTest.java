package org.jptables.plugins.standard;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertSame;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.List;
import org.jptables.api.ListingFormat;
import org.jptables.api.Placement;
import org.jptables.api.RuleException;
import org.jptables.api.Target;
import org.jptables.api.TargetExtension;
import org.jptables.api.Verdict;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestContext;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected texts are iptables-legacy 1.8.9's answers for the same rules. */
class StandardTest {
    private static final List<TargetExtension> ALL =
            List.of(new AcceptExtension(), new DropExtension(), new ReturnExtension(), new QueueExtension());

    private static Target build(TargetExtension ext, String table, String chain) throws RuleException {
        return ext.newBuilder(TestContext.of(table, chain)).build();
    }

    @Test
    void eachTargetAnswersItsVerdict() throws RuleException {
        int[] verdicts = {Verdict.ACCEPT, Verdict.DROP, Verdict.RETURN, Verdict.QUEUE};
        String[] names = {"ACCEPT", "DROP", "RETURN", "QUEUE"};
        for (int i = 0; i < ALL.size(); i++) {
            TargetExtension ext = ALL.get(i);
            assertEquals(names[i], ext.name());
            assertEquals(List.of(), ext.options());
            assertSame(Placement.ANYWHERE, ext.placement());
            Target t = build(ext, "filter", "INPUT");
            assertEquals(verdicts[i], t.apply(TestPackets.tcp("192.0.2.1", 1, "198.18.0.1", 2).view()));
            StringBuilder sb = new StringBuilder();
            t.print(sb, new ListingFormat(false, null));
            t.save(sb);
            assertEquals("", sb.toString());
        }
    }

    @Test
    void helpIsIptablesStandardText() {
        for (TargetExtension ext : ALL) {
            assertEquals("standard match options:\n(If target is DROP, ACCEPT, RETURN or nothing)\n", ext.help());
        }
    }

    @Test
    void dropIsInhibitedInNat() throws RuleException {
        String message = "\nThe \"nat\" table is not intended for filtering, the use of DROP is therefore inhibited.\n\n";
        assertEquals(message, assertThrows(RuleException.class,
                () -> build(new DropExtension(), "nat", "POSTROUTING")).getMessage());
        assertEquals(message, RuleTester.of("nat", "POSTROUTING").failure("-j DROP").message());
        assertEquals(2, RuleTester.of("nat", "PREROUTING").failure("-j DROP").status());
        build(new DropExtension(), "mangle", "INPUT");
        build(new AcceptExtension(), "nat", "POSTROUTING");
        assertEquals("-A PREROUTING -j DROP", RuleTester.of("mangle", "PREROUTING").saved("-j DROP"));
        assertEquals("-A POSTROUTING -j ACCEPT", RuleTester.of("nat", "POSTROUTING").saved("-j ACCEPT"));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-j ACCEPT|-A INPUT -j ACCEPT|ACCEPT",
        "-j DROP|-A INPUT -j DROP|DROP",
        "-j QUEUE|-A INPUT -j QUEUE|QUEUE",
        // RETURN in a built-in chain: the policy (ACCEPT) decides
        "-j RETURN|-A INPUT -j RETURN|ACCEPT",
    })
    void throughTheKernel(String rule, String saved, String verdict) {
        RuleTester t = RuleTester.filter();
        assertEquals(saved, t.saved(rule));
        assertEquals(verdict, t.verdictName(rule, TestPackets.tcp("192.0.2.1", 1, "198.18.0.1", 2).view()));
    }

    @Test
    void namesAreCaseSensitiveAndTakeNoOptions() {
        RuleTester t = RuleTester.filter();
        assertEquals("Couldn't load target `accept':No such file or directory\n", t.failure("-j accept").message());
        assertEquals("unknown option \"--foo\"", t.error("-j ACCEPT --foo"));
        assertEquals("cannot have ! before -j", t.error("! -j ACCEPT"));
    }
}
