package org.jptables.plugins.tostarget;

import java.util.List;
import org.jptables.api.Hook;
import org.jptables.api.Option;
import org.jptables.api.Placement;
import org.jptables.api.RuleContext;
import org.jptables.api.TargetBuilder;
import org.jptables.api.TargetExtension;

/**
 * {@code -j TOS} revision 1 (libxt_TOS, the kernel's xt_DSCP.c tos_tg): the IPv4 TOS byte becomes
 * {@code (tos & ~mask) ^ value}; {@code --and-tos}, {@code --or-tos} and {@code --xor-tos} are
 * written as such a pair. The packet goes on with the next rule. The kernel's target has
 * {@code .table = "mangle"}: anywhere else the rule is refused when the table is loaded.
 */
@org.pf4j.Extension
public final class TosTargetExtension implements TargetExtension {
    /** Sic: libxt_TOS prints XTABLES_VERSION, "libxtables.so.12", after a "v". */
    static final String HELP = ""
            + "TOS target vlibxtables.so.12 options:\n"
            + "  --set-tos value[/mask]  Set Type of Service/Priority field to value\n"
            + "                          (Zero out bits in mask and XOR value into TOS)\n"
            + "  --set-tos symbol        Set TOS field (IPv4 only) by symbol\n"
            + "                          (this zeroes the 4-bit Precedence part!)\n"
            + "                          Accepted symbolic names for value are:\n"
            + "                            (0x10) 16 Minimize-Delay\n"
            + "                            (0x08)  8 Maximize-Throughput\n"
            + "                            (0x04)  4 Maximize-Reliability\n"
            + "                            (0x02)  2 Minimize-Cost\n"
            + "                            (0x00)  0 Normal-Service\n"
            + "\n"
            + "  --and-tos bits          Binary AND the TOS value with bits\n"
            + "  --or-tos  bits          Binary OR the TOS value with bits\n"
            + "  --xor-tos bits          Binary XOR the TOS value with bits\n";

    static final String SET = "--set-tos";
    static final String AND = "--and-tos";
    static final String OR = "--or-tos";
    static final String XOR = "--xor-tos";

    /** The kernel's xt_target.table: mangle, at every hook it has. */
    static final Placement MANGLE = Placement.table("mangle",
            Hook.PREROUTING, Hook.INPUT, Hook.FORWARD, Hook.OUTPUT, Hook.POSTROUTING);

    private static final List<Option> OPTIONS = List.of(
            Option.withArgument(SET), Option.withArgument(AND), Option.withArgument(OR), Option.withArgument(XOR));

    @Override
    public String name() {
        return "TOS";
    }

    @Override
    public int revision() {
        return 1;
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
    public Placement placement() {
        return MANGLE;
    }

    @Override
    public TargetBuilder newBuilder(RuleContext rule) {
        return new TosTargetBuilder();
    }
}
