package org.jptables.plugins.connmark;

import java.util.List;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;
import org.jptables.api.TargetBuilder;
import org.jptables.api.TargetExtension;

/**
 * {@code -j CONNMARK} (xt_CONNMARK revision 2, the one iptables 1.8.9 chooses): set the connection
 * mark ({@code --set-xmark} and its spellings), copy the packet mark into it ({@code --save-mark})
 * or back ({@code --restore-mark}) under {@code --nfmask}/{@code --ctmask}/{@code --mask}, with
 * revision 2's {@code --left-shift-mark}/{@code --right-shift-mark}. Usable in every table.
 */
@org.pf4j.Extension
public final class ConnmarkTargetExtension implements TargetExtension {
    static final String HELP = "CONNMARK target options:\n"
            + "  --set-xmark value[/ctmask]    Zero mask bits and XOR ctmark with value\n"
            + "  --save-mark [--ctmask mask] [--nfmask mask]\n"
            + "                                Copy ctmark to nfmark using masks\n"
            + "  --restore-mark [--ctmask mask] [--nfmask mask]\n"
            + "                                Copy nfmark to ctmark using masks\n"
            + "  --set-mark value[/mask]       Set conntrack mark value\n"
            + "  --save-mark [--mask mask]     Save the packet nfmark in the connection\n"
            + "  --restore-mark [--mask mask]  Restore saved nfmark value\n"
            + "  --and-mark value              Binary AND the ctmark with bits\n"
            + "  --or-mark value               Binary OR  the ctmark with bits\n"
            + "  --xor-mark value              Binary XOR the ctmark with bits\n"
            + "  --left-shift-mark value       Left shift the ctmark with bits\n"
            + "  --right-shift-mark value      Right shift the ctmark with bits\n";

    /** libxt_CONNMARK's option table, in its order (the first name of a "cannot be used together"). */
    static final List<String> NAMES = List.of("--set-xmark", "--set-mark", "--and-mark", "--or-mark", "--xor-mark",
            "--save-mark", "--restore-mark", "--ctmask", "--nfmask", "--mask", "--left-shift-mark",
            "--right-shift-mark");

    private static final List<Option> OPTIONS = NAMES.stream()
            .map(n -> n.equals("--save-mark") || n.equals("--restore-mark") ? Option.flag(n) : Option.withArgument(n))
            .toList();

    @Override
    public String name() {
        return "CONNMARK";
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
        return new ConnmarkTargetBuilder();
    }
}
