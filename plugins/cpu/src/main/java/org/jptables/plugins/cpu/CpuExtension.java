package org.jptables.plugins.cpu;

import java.util.List;
import org.jptables.api.MarkValue;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;

/** {@code -m cpu [!] --cpu N} (xt_cpu): the CPU the packet is handled on. */
@org.pf4j.Extension
public final class CpuExtension implements MatchExtension {
    static final String HELP = "cpu match options:\n"
            + "[!] --cpu number   Match CPU number\n";

    private static final List<Option> OPTIONS = List.of(Option.withArgument("--cpu").invertible().mandatory());

    @Override
    public String name() {
        return "cpu";
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
    public MatchBuilder newBuilder(RuleContext rule) {
        return new MatchBuilder() {
            private int cpu;
            private boolean given;
            private boolean inverted;

            /** XTTYPE_UINT32: a C number 0..2^32-1. */
            @Override
            public void option(String option, List<String> args, boolean inverted) throws RuleException {
                cpu = MarkValue.parseU32("cpu", "--cpu", args.get(0));
                given = true;
                this.inverted = inverted;
            }

            @Override
            public Match build() throws RuleException {
                if (!given) {
                    throw new RuleException("cpu: option \"--cpu\" must be specified\n");
                }
                return new CpuMatch(cpu, inverted);
            }
        };
    }
}
