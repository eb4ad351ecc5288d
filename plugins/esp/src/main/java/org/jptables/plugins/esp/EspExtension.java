package org.jptables.plugins.esp;

import java.util.List;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;

/** {@code -m esp [!] --espspi spi[:spi]} (xt_esp): the SPI of ESP (IPsec encapsulated payload) packets. */
@org.pf4j.Extension
public final class EspExtension implements MatchExtension {
    static final String HELP = "esp match options:\n"
            + "[!] --espspi spi[:spi]\n"
            + "\t\t\t\tmatch spi (range)\n";
    private static final int PROTOCOL = 50;

    private static final List<Option> OPTIONS = List.of(Option.withArgument("--espspi").invertible());

    @Override
    public String name() {
        return "esp";
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

            /** xt_esp is registered for protocol 50: any other (or a negated) -p is -EINVAL. */
            @Override
            public Match build() throws RuleException {
                if (rule.protocol() != PROTOCOL || rule.protocolInverted()) {
                    throw RuleException.refusedByKernel("Invalid argument. Run `dmesg' for more information.");
                }
                return new EspMatch(spis);
            }
        };
    }
}
