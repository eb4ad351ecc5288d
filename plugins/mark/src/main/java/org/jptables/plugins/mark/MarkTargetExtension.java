package org.jptables.plugins.mark;

import java.util.List;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;
import org.jptables.api.TargetBuilder;
import org.jptables.api.TargetExtension;

/**
 * {@code -j MARK} (xt_MARK revision 2): every form is kept as one XOR-mark pair, the new mark
 * being {@code (mark & ~mask) ^ value}. Usable in every table: revision 2 has no table
 * restriction (iptables 1.8.9 accepts {@code -t filter -A INPUT -j MARK --set-mark 1}).
 */
@org.pf4j.Extension
public final class MarkTargetExtension implements TargetExtension {
    static final String HELP = "MARK target options:\n"
            + "  --set-xmark value[/mask]  Clear bits in mask and XOR value into nfmark\n"
            + "  --set-mark value[/mask]   Clear bits in mask and OR value into nfmark\n"
            + "  --and-mark bits           Binary AND the nfmark with bits\n"
            + "  --or-mark bits            Binary OR the nfmark with bits\n"
            + "  --xor-mark bits           Binary XOR the nfmark with bits\n";

    /** In iptables' table order, which decides the names in the "cannot be used together" message. */
    static final List<String> NAMES = List.of("--set-xmark", "--set-mark", "--and-mark", "--or-mark", "--xor-mark");

    private static final List<Option> OPTIONS = NAMES.stream().map(Option::withArgument).toList();

    @Override
    public String name() {
        return "MARK";
    }

    @Override
    public int revision() {
        return 2;
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
        return new MarkTargetBuilder();
    }
}
