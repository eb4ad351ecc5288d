package org.jptables.plugins.log;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.jptables.api.Effects;
import org.jptables.api.ListingFormat;
import org.jptables.api.Placement;
import org.jptables.api.RuleException;
import org.jptables.api.TargetBuilder;
import org.jptables.api.Verdict;
import org.jptables.kernel.packet.PacketEffects;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestContext;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected texts are iptables-legacy 1.8.9's answers for the same rules. */
class LogTest {
    /** A LOG target from option words: an option followed by its argument when it takes one. */
    private static LogTarget target(String... words) throws RuleException {
        TargetBuilder b = new LogExtension().newBuilder(TestContext.filterInput());
        for (int i = 0; i < words.length; i++) {
            String w = words[i];
            if (w.equals(LogExtension.LEVEL) || w.equals(LogExtension.PREFIX)) {
                b.option(w, List.of(words[++i]), false);
            } else {
                b.option(w, List.of(), false);
            }
        }
        return (LogTarget) b.build();
    }

    private static String error(String... words) {
        return assertThrows(RuleException.class, () -> target(words)).getMessage();
    }

    private static String printed(LogTarget t, boolean numeric) {
        StringBuilder sb = new StringBuilder();
        t.print(sb, new ListingFormat(numeric, null));
        return sb.toString();
    }

    private static String saved(LogTarget t) {
        StringBuilder sb = new StringBuilder();
        t.save(sb);
        return sb.toString();
    }

    @ParameterizedTest
    @CsvSource({
        "0,0,emerg", "7,7,debug", "0x3,3,err", "03,3,err", "' 3',3,err", "+3,3,err",
        "emerg,0,emerg", "panic,0,emerg", "alert,1,alert", "crit,2,crit", "error,3,err",
        "warning,4,warn", "notice,5,notice", "info,6,info", "debug,7,debug"
    })
    void levels(String word, int level, String name) throws RuleException {
        LogTarget t = target(LogExtension.LEVEL, word);
        assertEquals(level, t.level());
        assertEquals(" LOG level " + name, printed(t, false));
        assertEquals(" LOG flags 0 level " + level, printed(t, true));
        assertEquals(level == 4 ? "" : " --log-level " + level, saved(t));
    }

    @ParameterizedTest
    @CsvSource({"warn", "err", "8", "-1", "EMERG", "'3 '", "''", "bad"})
    void unknownLevels(String word) {
        assertEquals("log level \"" + word + "\" unknown\n", error(LogExtension.LEVEL, word));
    }

    @Test
    void defaults() throws RuleException {
        LogTarget t = target();
        assertEquals(4, t.level());
        assertEquals("", t.prefix());
        assertEquals(0, t.flags());
        assertEquals("", saved(t));
        assertEquals(" LOG level warn", printed(t, false));
        assertEquals(" LOG flags 0 level 4", printed(t, true));
    }

    @Test
    void flagsInKernelBitsAndIptablesOrder() throws RuleException {
        LogTarget t = target("--log-macdecode", "--log-uid", "--log-ip-options", "--log-tcp-options",
                "--log-tcp-sequence", LogExtension.LEVEL, "debug", LogExtension.PREFIX, "x");
        assertEquals(Effects.LOG_TCP_SEQUENCE | Effects.LOG_TCP_OPTIONS | Effects.LOG_IP_OPTIONS | Effects.LOG_UID
                | Effects.LOG_MAC_DECODE, t.flags());
        assertEquals(47, t.flags());
        assertEquals(" --log-prefix x --log-level 7 --log-tcp-sequence --log-tcp-options --log-ip-options --log-uid"
                + " --log-macdecode", saved(t));
        assertEquals(" LOG level debug tcp-sequence tcp-options ip-options uid macdecode prefix \"x\"",
                printed(t, false));
        assertEquals(" LOG flags 47 level 7 prefix \"x\"", printed(t, true));
    }

    @ParameterizedTest
    @CsvSource({"--log-tcp-sequence,1,tcp-sequence", "--log-tcp-options,2,tcp-options",
        "--log-ip-options,4,ip-options", "--log-uid,8,uid", "--log-macdecode,32,macdecode"})
    void eachFlag(String option, int bits, String word) throws RuleException {
        LogTarget t = target(option);
        assertEquals(bits, t.flags());
        assertEquals(" " + option, saved(t));
        assertEquals(" LOG level warn " + word, printed(t, false));
        assertEquals(" LOG flags " + bits + " level 4", printed(t, true));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
        "drop: |\"drop: \"",
        "_a-Z9|_a-Z9",
        "-|-",
        "a\"b\\c'd$e|\"a\\\"b\\\\c\\'d$e\"",
        "a\tb|\"a\tb\"",
        "IPTables-Dropped: |\"IPTables-Dropped: \""
    })
    void prefixQuotingInSave(String prefix, String savedForm) throws RuleException {
        LogTarget t = target(LogExtension.PREFIX, prefix);
        assertEquals(" --log-prefix " + savedForm, saved(t));
        assertEquals(" LOG level warn prefix \"" + prefix + "\"", printed(t, false));
    }

    @Test
    void prefixErrorsAndTruncation() throws RuleException {
        assertEquals("Argument must have a minimum length of 1 characters\n", error(LogExtension.PREFIX, ""));
        assertEquals("Newlines not allowed in --log-prefix", error(LogExtension.PREFIX, "a\nb"));
        // the newline is refused even past the 29 bytes that are kept
        assertEquals("Newlines not allowed in --log-prefix",
                error(LogExtension.PREFIX, "12345678901234567890123456789012345\n"));
        assertEquals("12345678901234567890123456789",
                target(LogExtension.PREFIX, "1234567890123456789012345678901234567890").prefix());
        assertEquals("12345678901234567890123456789", target(LogExtension.PREFIX, "12345678901234567890123456789").prefix());
        // 14 two-byte characters fit in 29 bytes, the 15th does not
        assertEquals("é".repeat(14), target(LogExtension.PREFIX, "é".repeat(15)).prefix());
    }

    @Property
    void truncationKeepsAtMost29Bytes(@ForAll String text) {
        String kept = LogBuilder.truncate(text);
        int bytes = kept.getBytes(StandardCharsets.UTF_8).length;
        assertEquals(true, text.startsWith(kept));
        assertEquals(true, bytes <= LogBuilder.PREFIX_MAX_BYTES);
        if (text.getBytes(StandardCharsets.UTF_8).length <= LogBuilder.PREFIX_MAX_BYTES) {
            assertEquals(text, kept);
        }
    }

    @Property
    void numericLevelsRoundTrip(@ForAll @IntRange(min = 0, max = 7) int level) throws RuleException {
        LogTarget t = target(LogExtension.LEVEL, Integer.toString(level));
        assertEquals(level, t.level());
        assertEquals(level, target(LogExtension.LEVEL, "0x" + Integer.toHexString(level)).level());
    }

    @Test
    void applyAsksForTheLogLineAndContinues() throws RuleException {
        int[] seen = new int[3];
        String[] prefix = new String[1];
        PacketView p = TestPackets.tcp("192.0.2.1", 5000, "198.51.100.2", 22).view();
        p.effects(new PacketEffects() {
            @Override
            public void reject(PacketView packet, int icmpCode) {
            }

            @Override
            public void log(PacketView packet, int level, String pfx, int flags) {
                seen[0]++;
                seen[1] = level;
                seen[2] = flags;
                prefix[0] = pfx;
            }

            @Override
            public void nat(PacketView packet, int kind, int minAddress, int maxAddress, int minPort, int maxPort,
                            int flags) {
            }
        });
        LogTarget t = target(LogExtension.LEVEL, "info", LogExtension.PREFIX, "in: ", "--log-uid");
        assertEquals(Verdict.CONTINUE, t.apply(p));
        assertEquals(1, seen[0]);
        assertEquals(6, seen[1]);
        assertEquals(Effects.LOG_UID, seen[2]);
        assertEquals("in: ", prefix[0]);
        p.effects(PacketEffects.NONE);
    }

    @Test
    void wholeRules() {
        RuleTester t = RuleTester.filter();
        // LOG does not decide: the policy does
        assertEquals("ACCEPT", t.verdictName("-j LOG", TestPackets.udp("192.0.2.1", 1, "192.0.2.2", 2).view()));
        assertEquals("LOG: option \"--log-prefix\" cannot be inverted.", t.error("-j LOG ! --log-prefix x"));
        assertEquals("LOG: option \"--log-uid\" can only be used once.", t.error("-j LOG --log-uid --log-uid"));
        assertEquals("-A INPUT -j LOG --log-prefix \"a b\" --log-level 0", t.saved("-j LOG --log-level 0 --log-prefix \"a b\""));
    }

    @Test
    void placementAndHelp() throws Exception {
        assertEquals(Placement.ANYWHERE, new LogExtension().placement());
        try (InputStream in = LogTest.class.getResourceAsStream("/help-LOG.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), new LogExtension().help());
        }
    }
}
