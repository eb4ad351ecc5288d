package org.jptables.plugins.connmark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jptables.api.ConnState;
import org.jptables.api.Verdict;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected texts are iptables-legacy 1.8.9's answers for the same rules (mangle PREROUTING). */
class ConnmarkTest {
    private final RuleTester mangle = RuleTester.of("mangle", "PREROUTING");

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            -j CONNMARK --set-xmark 1                 | -j CONNMARK --set-xmark 0x1/0xffffffff | CONNMARK set 0x1
            -j CONNMARK --set-xmark 1/2               | -j CONNMARK --set-xmark 0x1/0x2 | CONNMARK xset 0x1/0x2
            -j CONNMARK --set-mark 5                  | -j CONNMARK --set-xmark 0x5/0xffffffff | CONNMARK set 0x5
            -j CONNMARK --set-mark 5/0xf              | -j CONNMARK --set-xmark 0x5/0xf | CONNMARK xset 0x5/0xf
            -j CONNMARK --set-mark 1/1                | -j CONNMARK --set-xmark 0x1/0x1 | CONNMARK or 0x1
            -j CONNMARK --set-mark 0                  | -j CONNMARK --set-xmark 0x0/0xffffffff | CONNMARK and 0x0
            -j CONNMARK --set-xmark 0/0xff            | -j CONNMARK --set-xmark 0x0/0xff | CONNMARK and 0xffffff00
            -j CONNMARK --and-mark 0xf0               | -j CONNMARK --set-xmark 0x0/0xffffff0f | CONNMARK and 0xf0
            -j CONNMARK --or-mark 3                   | -j CONNMARK --set-xmark 0x3/0x3 | CONNMARK or 0x3
            -j CONNMARK --xor-mark 3                  | -j CONNMARK --set-xmark 0x3/0x0 | CONNMARK xor 0x3
            -j CONNMARK --save-mark                   | -j CONNMARK --save-mark --nfmask 0xffffffff --ctmask 0xffffffff | CONNMARK save
            -j CONNMARK --save-mark --mask 0xff       | -j CONNMARK --save-mark --nfmask 0xff --ctmask 0xff | CONNMARK save mask 0xff
            -j CONNMARK --save-mark --ctmask 0xff --nfmask 0xff | -j CONNMARK --save-mark --nfmask 0xff --ctmask 0xff | CONNMARK save mask 0xff
            -j CONNMARK --save-mark --nfmask 0xf --ctmask 0xf0 | -j CONNMARK --save-mark --nfmask 0xf --ctmask 0xf0 | CONNMARK save nfmask 0xf ctmask ~0xf0
            -j CONNMARK --restore-mark                | -j CONNMARK --restore-mark --nfmask 0xffffffff --ctmask 0xffffffff | CONNMARK restore
            -j CONNMARK --restore-mark --mask 0xff    | -j CONNMARK --restore-mark --nfmask 0xff --ctmask 0xff | CONNMARK restore mask 0xff
            -j CONNMARK --restore-mark --nfmask 0xf --ctmask 0xf0 | -j CONNMARK --restore-mark --nfmask 0xf --ctmask 0xf0 | CONNMARK restore ctmask 0xf0 nfmask ~0xf
            -j CONNMARK --restore-mark --ctmask 0xf   | -j CONNMARK --restore-mark --nfmask 0xffffffff --ctmask 0xf | CONNMARK restore ctmask 0xf nfmask ~0xffffffff
            -j CONNMARK --set-mark 1 --ctmask 4       | -j CONNMARK --set-xmark 0x1/0x4 | CONNMARK xset 0x1/0x4
            -j CONNMARK --ctmask 4 --set-mark 1       | -j CONNMARK --set-xmark 0x1/0xffffffff | CONNMARK set 0x1
            -j CONNMARK --set-mark 1 --nfmask 4       | -j CONNMARK --set-xmark 0x1/0xffffffff | CONNMARK set 0x1
            -j CONNMARK --set-mark 1 --mask 2         | -j CONNMARK --set-xmark 0x1/0x2 | CONNMARK xset 0x1/0x2
            -j CONNMARK --set-xmark 1 --left-shift-mark 3 | -j CONNMARK --set-xmark 0x1/0xffffffff --left-shift-mark 3 | CONNMARK set 0x1 left-shift-mark 3
            -j CONNMARK --set-xmark 1 --right-shift-mark 2 | -j CONNMARK --set-xmark 0x1/0xffffffff --right-shift-mark 2 | CONNMARK set 0x1 right-shift-mark 2
            -j CONNMARK --save-mark --right-shift-mark 2 | -j CONNMARK --save-mark --nfmask 0xffffffff --ctmask 0xffffffff --right-shift-mark 2 | CONNMARK save right-shift-mark 2
            -j CONNMARK --save-mark --left-shift-mark 1 --right-shift-mark 2 | -j CONNMARK --save-mark --nfmask 0xffffffff --ctmask 0xffffffff --right-shift-mark 2 | CONNMARK save right-shift-mark 2
            -j CONNMARK --save-mark --right-shift-mark 0 | -j CONNMARK --save-mark --nfmask 0xffffffff --ctmask 0xffffffff | CONNMARK save
            -j CONNMARK --save-mark --left-shift-mark 31 | -j CONNMARK --save-mark --nfmask 0xffffffff --ctmask 0xffffffff --left-shift-mark 31 | CONNMARK save left-shift-mark 31
            -j CONNMARK --restore-mark --mask 0xff --left-shift-mark 4 | -j CONNMARK --restore-mark --nfmask 0xff --ctmask 0xff --left-shift-mark 4 | CONNMARK restore mask 0xff left-shift-mark 4
            -m connmark --mark 1                      | -m connmark --mark 0x1 | connmark match  0x1
            -m connmark ! --mark 1/0xff               | -m connmark ! --mark 0x1/0xff | connmark match ! 0x1/0xff
            -m connmark --mark 0x10/0x0               | -m connmark --mark 0x10/0x0 | connmark match  0x10/0x0
            """)
    void savesAndListsAsIptables(String rule, String saved, String listed) {
        assertEquals("-A PREROUTING " + saved, mangle.saved(rule));
        assertTrue(mangle.listed(rule, false).endsWith("anywhere             anywhere             " + listed),
                mangle.listed(rule, false));
        assertTrue(mangle.listed(rule, true).endsWith("0.0.0.0/0            0.0.0.0/0            " + listed),
                mangle.listed(rule, true));
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            -j CONNMARK --set-mark 1 --save-mark      | CONNMARK: option "--set-mark" cannot be used together with "--save-mark".
            -j CONNMARK --save-mark --set-mark 1      | CONNMARK: option "--set-mark" cannot be used together with "--save-mark".
            -j CONNMARK --restore-mark --save-mark    | CONNMARK: option "--save-mark" cannot be used together with "--restore-mark".
            -j CONNMARK --and-mark 1 --or-mark 2      | CONNMARK: option "--and-mark" cannot be used together with "--or-mark".
            -j CONNMARK --xor-mark 1 --set-xmark 2    | CONNMARK: option "--set-xmark" cannot be used together with "--xor-mark".
            -j CONNMARK --set-xmark 1 --save-mark --and-mark 2 | CONNMARK: option "--set-xmark" cannot be used together with "--save-mark".
            -j CONNMARK --set-mark 1 --xor-mark 1 --mask 3 --nfmask 4 | CONNMARK: option "--set-mark" cannot be used together with "--xor-mark".
            -j CONNMARK --save-mark --mask 1 --ctmask 2 | CONNMARK: option "--ctmask" cannot be used together with "--mask".
            -j CONNMARK --save-mark --nfmask 1 --mask 2 | CONNMARK: option "--nfmask" cannot be used together with "--mask".
            -j CONNMARK --mask 1 --ctmask 2 --nfmask 3 --save-mark | CONNMARK: option "--ctmask" cannot be used together with "--mask".
            -j CONNMARK                               | CONNMARK target: No operation specified
            -j CONNMARK --mask 1                      | CONNMARK target: No operation specified
            -j CONNMARK --left-shift-mark 2           | CONNMARK target: No operation specified
            -j CONNMARK --left-shift-mark 33          | CONNMARK: bad value for option "--left-shift-mark", or out of range (0-32).
            -j CONNMARK --save-mark --left-shift-mark -1 | CONNMARK: bad value for option "--left-shift-mark", or out of range (0-32).
            -j CONNMARK --save-mark --left-shift-mark x | CONNMARK: bad value for option "--left-shift-mark", or out of range (0-32).
            -j CONNMARK --and-mark 4294967296         | CONNMARK: bad value for option "--and-mark", or out of range (0-4294967295).
            -j CONNMARK --save-mark --mask 0x100000000 | CONNMARK: bad value for option "--mask", or out of range (0-4294967295).
            -j CONNMARK --set-mark 1/x                | CONNMARK: bad integer value for option "--set-mark", or out of range.
            -j CONNMARK --set-mark 1x                 | CONNMARK: trailing garbage after value for option "--set-mark".
            -j CONNMARK --save-mark --save-mark       | CONNMARK: option "--save-mark" can only be used once.
            -j CONNMARK --save-mark --mask 1 --mask 2 | CONNMARK: option "--mask" can only be used once.
            -j CONNMARK ! --save-mark                 | CONNMARK: option "--save-mark" cannot be inverted.
            -m connmark --mark 1/0x100000000          | connmark: bad integer value for option "--mark", or out of range.
            -m connmark --mark 1/                     | connmark: bad integer value for option "--mark", or out of range.
            -m connmark --mark 1 --mark 2             | connmark: option "--mark" can only be used once.
            -m connmark                               | connmark: option "--mark" must be specified
            """)
    void refusesAsIptables(String rule, String message) {
        assertEquals(message, mangle.error(rule));
        assertEquals(2, mangle.failure(rule).status());
    }

    @Test
    void theKernelRefusesAShiftOf32() {
        RuleTester.Failure f = mangle.failure("-j CONNMARK --set-mark 1 --right-shift-mark 32");
        assertEquals(new RuleTester.Failure(1, "Invalid argument. Run `dmesg' for more information."), f);
    }

    @Test
    void usableInEveryTable() {
        assertEquals("-A INPUT -j CONNMARK --save-mark --nfmask 0xffffffff --ctmask 0xffffffff",
                RuleTester.filter().saved("-j CONNMARK --save-mark"));
        assertEquals("-A POSTROUTING -m connmark --mark 0x3 -j CONNMARK --restore-mark --nfmask 0xffffffff --ctmask 0xffffffff",
                RuleTester.of("nat", "POSTROUTING").saved("-m connmark --mark 3 -j CONNMARK --restore-mark"));
        assertEquals("-A PREROUTING -m connmark --mark 0x3",
                RuleTester.of("raw", "PREROUTING").saved("-m connmark --mark 3"));
    }

    @Test
    void theMatchComparesTheMaskedConnectionMark() {
        var p = TestPackets.udp("192.0.2.1", 5000, "198.18.0.1", 53).connection(0x1234);
        assertTrue(mangle.matches("-m connmark --mark 0x1234", p.view()));
        assertTrue(mangle.matches("-m connmark --mark 0x34/0xff", p.view()));
        assertFalse(mangle.matches("-m connmark --mark 0x34", p.view()));
        assertFalse(mangle.matches("-m connmark ! --mark 0x34/0xff", p.view()));
        assertTrue(mangle.matches("-m connmark ! --mark 0x35/0xff", p.view()));
        // the value is not masked when the rule is read: 0x134/0xff never matches
        assertFalse(mangle.matches("-m connmark --mark 0x134/0xff", p.view()));
        assertFalse(mangle.matches("-m connmark --mark 0xffffffff/0x0", TestPackets.udp("192.0.2.1", 5000,
                "198.18.0.1", 53).connection(0).view()));
        assertTrue(mangle.matches("-m connmark --mark 0/0x0", p.view()));
        // the packet mark is not the connection mark
        assertFalse(mangle.matches("-m connmark --mark 0x1234", TestPackets.udp("192.0.2.1", 5000, "198.18.0.1", 53)
                .mark(0x1234).connection(0).view()));
    }

    @Test
    void withoutAConnectionNothingMatchesEvenInverted() {
        var untracked = TestPackets.udp("192.0.2.1", 5000, "198.18.0.1", 53).conntrack(ConnState.UNTRACKED, 0);
        assertFalse(mangle.matches("-m connmark --mark 0", untracked.view()));
        assertFalse(mangle.matches("-m connmark ! --mark 0", untracked.view()));
        assertFalse(mangle.matches("-m connmark --mark 0/0", untracked.view()));
    }

    @Test
    void saveMarkCopiesThePacketMarkIntoTheConnectionUnderTheMasks() {
        var p = TestPackets.tcp("192.0.2.1", 40000, "198.18.0.1", 22).mark(0xabcd).connection(0x11110000);
        assertEquals(Verdict.ACCEPT, mangle.verdict("-j CONNMARK --save-mark", p.view()));
        assertEquals(0xabcd, p.connMark());

        p = TestPackets.tcp("192.0.2.1", 40000, "198.18.0.1", 22).mark(0xabcd).connection(0x11112222);
        mangle.verdict("-j CONNMARK --save-mark --mask 0xff", p.view());
        assertEquals(0x111122cd, p.connMark());

        // ctmark = (ctmark & ~ctmask) ^ (nfmark & nfmask): an XOR, so bits outside ctmask flip
        p = TestPackets.tcp("192.0.2.1", 40000, "198.18.0.1", 22).mark(0xabcd).connection(0xffffffff);
        mangle.verdict("-j CONNMARK --save-mark --nfmask 0xf --ctmask 0xf0", p.view());
        assertEquals(0xffffff02L, p.connMark());

        p = TestPackets.tcp("192.0.2.1", 40000, "198.18.0.1", 22).mark(0xab).connection(0);
        mangle.verdict("-j CONNMARK --save-mark --mask 0xff --left-shift-mark 8", p.view());
        assertEquals(0xab00, p.connMark());
    }

    @Test
    void restoreMarkCopiesTheConnectionMarkIntoThePacket() {
        var p = TestPackets.tcp("192.0.2.1", 40000, "198.18.0.1", 22).mark(0x5555).connection(0xabcd);
        var view = p.view();
        mangle.verdict("-j CONNMARK --restore-mark", view);
        assertEquals(0xabcd, view.mark());

        view = p.mark(0x5555).view();
        mangle.verdict("-j CONNMARK --restore-mark --mask 0xff", view);
        assertEquals(0x55cd, view.mark());

        // nfmark = (nfmark & ~nfmask) ^ (ctmark & ctmask)
        view = p.mark(0xffff).view();
        mangle.verdict("-j CONNMARK --restore-mark --nfmask 0xff --ctmask 0xf", view);
        assertEquals(0xff0d, view.mark());

        view = p.mark(0).view();
        mangle.verdict("-j CONNMARK --restore-mark --right-shift-mark 8", view);
        assertEquals(0xab, view.mark());
        assertEquals(0xabcd, p.connMark());
    }

    @Test
    void setFormsChangeTheConnectionMarkOnly() {
        var p = TestPackets.tcp("192.0.2.1", 40000, "198.18.0.1", 22).mark(7).connection(0xf0f0);
        mangle.verdict("-j CONNMARK --set-xmark 0x1/0xff", p.view());
        assertEquals(0xf001, p.connMark());
        // --set-mark 0x22/0xf00 is --set-xmark 0x22/0xf22
        mangle.verdict("-j CONNMARK --set-mark 0x22/0xf00", p.view());
        assertEquals(0xf023, p.connMark());
        mangle.verdict("-j CONNMARK --or-mark 0x100", p.view());
        assertEquals(0xf123, p.connMark());
        mangle.verdict("-j CONNMARK --and-mark 0xff", p.view());
        assertEquals(0x23, p.connMark());
        mangle.verdict("-j CONNMARK --xor-mark 0x21", p.view());
        assertEquals(0x02, p.connMark());
        mangle.verdict("-j CONNMARK --set-xmark 0x3 --left-shift-mark 4", p.view());
        assertEquals(0x30, p.connMark());
        assertEquals(7, p.view().mark());
    }

    @Test
    void withoutAConnectionTheTargetDoesNothing() {
        var p = TestPackets.tcp("192.0.2.1", 40000, "198.18.0.1", 22).mark(7);
        var view = p.view();
        assertEquals(Verdict.ACCEPT, mangle.verdict("-j CONNMARK --restore-mark", view));
        assertEquals(7, view.mark());
        mangle.verdict("-j CONNMARK --set-mark 9", view);
        assertEquals(-1, view.connMark());
    }

    @Test
    void bothNeedConnectionTracking() throws Exception {
        assertTrue(new ConnmarkMatch(1, -1, false).needsConnectionTracking());
        assertTrue(new ConnmarkTarget(ConnmarkTarget.SAVE, 0, -1, -1, ConnmarkTarget.LEFT, 0)
                .needsConnectionTracking());
    }

    @Test
    void helpTextsAreIptables() throws Exception {
        assertEquals(resource("/help-CONNMARK.txt"), new ConnmarkTargetExtension().help());
        assertEquals(resource("/help-connmark.txt"), new ConnmarkExtension().help());
    }

    private static String resource(String name) throws Exception {
        try (InputStream in = ConnmarkTest.class.getResourceAsStream(name)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }
}
