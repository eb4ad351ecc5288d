package org.jptables.plugins.ah;

import java.util.List;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;

/** {@code -m ah [!] --ahspi spi[:spi]} (ipt_ah): the SPI of AH (IPsec authentication header) packets. */
@org.pf4j.Extension
public final class AhExtension implements MatchExtension {
    static final String HELP = "ah match options:\n"
            + "[!] --ahspi spi[:spi]\n"
            + "\t\t\t\tmatch spi (range)\n";
    private static final int PROTOCOL = 51;

    private static final List<Option> OPTIONS = List.of(Option.withArgument("--ahspi").invertible());

    @Override
    public String name() {
        return "ah";
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
            private SpiRange spis = SpiRange.ANY;

            @Override
            public void option(String option, List<String> args, boolean inverted) throws RuleException {
                spis = SpiRange.parse(args.get(0), inverted);
            }

            /** ipt_ah is registered for protocol 51: any other (or a negated) -p is -EINVAL. */
            @Override
            public Match build() throws RuleException {
                if (rule.protocol() != PROTOCOL || rule.protocolInverted()) {
                    throw RuleException.refusedByKernel("Invalid argument. Run `dmesg' for more information.");
                }
                return new AhMatch(spis);
            }
        };
    }
}
