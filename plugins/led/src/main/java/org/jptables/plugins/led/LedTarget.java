package org.jptables.plugins.led;

import org.jptables.api.ListingFormat;
import org.jptables.api.StateScope;
import org.jptables.api.Packet;
import org.jptables.api.Target;
import org.jptables.api.Verdict;

/**
 * LED as xt_LED's led_tg: the packet fires the LED trigger (the LED is outside netfilter: nothing a
 * rule or a packet can see changes) and goes on with the next rule (XT_CONTINUE).
 *
 * @param id          the trigger's name after "netfilter-"
 * @param delay       milliseconds the LED stays on, -1 for ever (unsigned in the kernel)
 * @param alwaysBlink blink even when the LED is already on
 */
record LedTarget(String id, int delay, boolean alwaysBlink) implements Target {
    @Override
    public int apply(Packet packet) {
        return Verdict.CONTINUE;
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(" led-trigger-id:\"");
        escaped(out);
        out.append('"');
        if (delay == -1) {
            out.append(" led-delay:inf");
        } else {
            out.append(" led-delay:").append(delay).append("ms"); // printf's %d of the unsigned delay
        }
        if (alwaysBlink) {
            out.append(" led-always-blink");
        }
    }

    @Override
    public void save(StringBuilder out) {
        out.append(" --led-trigger-id \"");
        escaped(out);
        out.append('"');
        // libxt_LED tests the unsigned delay "> 0", so "inf" (-1) saves as "--led-delay -1"
        if (delay != 0) {
            out.append(" --led-delay ").append(delay);
        }
        if (alwaysBlink) {
            out.append(" --led-always-blink");
        }
    }

    /** Double quotes and backslashes of the id escaped with a backslash. */
    private void escaped(StringBuilder out) {
        for (int i = 0; i < id.length(); i++) {
            char c = id.charAt(i);
            if (c == '"' || c == '\\') {
                out.append('\\');
            }
            out.append(c);
        }
    }

    /** The LED is the only thing it changes: no packet's fate depends on another. */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
