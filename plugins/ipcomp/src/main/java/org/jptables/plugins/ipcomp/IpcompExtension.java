package org.jptables.plugins.ipcomp;

import java.util.List;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;
import org.jptables.api.Uint32Range;

/**
 * {@code -m ipcomp [!] --ipcompspi spi[:spi] [--compres]} (xt_ipcomp): the CPI of IPComp
 * packets. --compres (not in the help) only records that the reserved field was asked for: the
 * kernel never looks at it.
 */
@org.pf4j.Extension
public final class IpcompExtension implements MatchExtension {
    static final String HELP = "comp match options:\n"
            + "[!] --ipcompspi spi[:spi]\n"
            + "\t\t\t\tmatch spi (range)\n";
    private static final int PROTOCOL = 108;

    private static final List<Option> OPTIONS =
            List.of(Option.withArgument("--ipcompspi").invertible(), Option.flag("--compres"));

    @Override
    public String name() {
        return "ipcomp";
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
            /*
             * Without --ipcompspi libxt_ipcomp leaves the range 0:0 ("comp spi:0", saved as
             * "--ipcompspi 0"), but it saves the whole range 0:4294967295 as nothing at all, so
             * its own save does not restore. jptables keeps its rules in the saved form between
             * commands, so here no --ipcompspi means the whole range, which keeps
             * "--ipcompspi :" (netfilter's libxt_ipcomp.t) whole across commands; the price is a
             * rule without --ipcompspi, listed "comp " and saved without it (iptables: spi:0).
             */
            private long min;
            private long max = Uint32Range.ALL;
            private boolean inverted;
            private boolean reserved;

            @Override
            public void option(String option, List<String> args, boolean inverted) throws RuleException {
                if (option.equals("--compres")) {
                    reserved = true;
                    return;
                }
                long[] ends = Uint32Range.parse(args.get(0), "ipcomp", "--ipcompspi");
                min = ends[0];
                max = ends[1];
                this.inverted = inverted;
            }

            /** xt_ipcomp is registered for protocol 108: any other (or a negated) -p is -EINVAL. */
            @Override
            public Match build() throws RuleException {
                if (rule.protocol() != PROTOCOL || rule.protocolInverted()) {
                    throw RuleException.refusedByKernel("Invalid argument. Run `dmesg' for more information.");
                }
                return new IpcompMatch(min, max, inverted, reserved);
            }
        };
    }
}
