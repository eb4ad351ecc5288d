package org.jptables.plugins.led;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jptables.api.StateScope;
import org.jptables.api.Verdict;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;

/**
 * The kernel recorded on lacks xt_LED, so only iptables' own parsing could be recorded (its
 * messages below, after its "missing kernel module?" warning); the -S and -L forms are
 * libxt_LED's save and print, and -S agrees with netfilter's libxt_LED.t.
 */
class LedTest {
    private final RuleTester input = RuleTester.filter();

    @Test
    void savesAsLibxtLed() {
        assertEquals("-A INPUT -j LED --led-trigger-id \"foo\"", input.saved("-j LED --led-trigger-id \"foo\""));
        assertEquals("-A INPUT -j LED --led-trigger-id \"foo\" --led-delay 42 --led-always-blink",
                input.saved("-j LED --led-trigger-id \"foo\" --led-delay 42 --led-always-blink"));
        // "inf" is kept as -1 in an unsigned field that libxt_LED prints with %d
        assertEquals("-A INPUT -j LED --led-trigger-id \"a\\\"b\" --led-delay -1",
                input.saved("-j LED --led-trigger-id \"a\\\"b\" --led-delay INFinity"));
        assertEquals("-A INPUT -j LED --led-trigger-id \"\"", input.saved("-j LED --led-trigger-id \"\""));
    }

    @Test
    void listsAsLibxtLed() {
        assertEquals("LED        all  --  anywhere             anywhere             led-trigger-id:\"foo\" led-delay:0ms",
                input.listed("-j LED --led-trigger-id foo", false));
        assertEquals("LED        0    --  0.0.0.0/0            0.0.0.0/0            led-trigger-id:\"x\" led-delay:inf "
                + "led-always-blink", input.listed("-j LED --led-trigger-id x --led-delay inf --led-always-blink", true));
    }

    @Test
    void refusesWhatIptablesRefuses() {
        assertEquals("LED: option \"--led-trigger-id\" must be specified", input.error("-j LED"));
        assertEquals("Argument must have a maximum length of 16 characters",
                input.error("-j LED --led-trigger-id 0123456789abcdefg"));
        assertEquals("Delay value must be within range 0..4294967295", input.error("-j LED --led-trigger-id a --led-delay -1"));
        assertEquals("Delay value must be within range 0..4294967295",
                input.error("-j LED --led-trigger-id a --led-delay 4294967296"));
        assertEquals("LED: option \"--led-always-blink\" can only be used once.",
                input.error("-j LED --led-trigger-id a --led-always-blink --led-always-blink"));
        assertEquals("LED: option \"--led-delay\" cannot be inverted.", input.error("-j LED --led-trigger-id a ! --led-delay 4"));
    }

    @Test
    void blinksAndGoesOn() {
        var p = TestPackets.udp("198.18.0.2", 1, "198.18.1.2", 2).mark(3).view();
        assertEquals(Verdict.ACCEPT, input.verdict("-j LED --led-trigger-id x", p));
        assertEquals(3, p.mark());
        assertEquals(StateScope.NONE, new LedTarget("x", 0, false).stateScope());
    }

    @Test
    void help() throws Exception {
        try (InputStream in = LedTest.class.getResourceAsStream("/help-LED.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), new LedExtension().help());
        }
    }
}
