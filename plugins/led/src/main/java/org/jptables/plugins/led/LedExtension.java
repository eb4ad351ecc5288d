package org.jptables.plugins.led;

import java.util.List;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;
import org.jptables.api.TargetBuilder;
import org.jptables.api.TargetExtension;

/**
 * {@code -j LED --led-trigger-id NAME [--led-delay MS|inf] [--led-always-blink]} (xt_LED): each
 * packet fires the LED trigger "netfilter-NAME". The kernel jptables was recorded on lacks xt_LED
 * (iptables warns "Extension LED revision 0 not supported, missing kernel module?" and the kernel
 * refuses); jptables behaves as a kernel that has it. Usable in every table and chain.
 */
@org.pf4j.Extension
public final class LedExtension implements TargetExtension {
    static final String HELP = "LED target options:\n"
            + "--led-trigger-id name           suffix for led trigger name\n"
            + "--led-delay ms                  leave the LED on for this number of\n"
            + "                                milliseconds after triggering.\n"
            + "--led-always-blink              blink on arriving packets, even if\n"
            + "                                the LED is already on.\n";

    private static final List<Option> OPTIONS = List.of(
            Option.withArgument("--led-trigger-id").mandatory(),
            Option.withArgument("--led-delay"),
            Option.flag("--led-always-blink"));

    @Override
    public String name() {
        return "LED";
    }

    @Override
    public List<Option> options() {
        return OPTIONS;
    }

    @Override
    public String help() {
        return HELP;
    }

    @Override
    public TargetBuilder newBuilder(RuleContext rule) {
        return new LedBuilder();
    }
}
