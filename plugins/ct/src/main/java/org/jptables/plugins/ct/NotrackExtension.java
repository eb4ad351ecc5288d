package org.jptables.plugins.ct;

import java.util.List;
import org.jptables.api.Option;
import org.jptables.api.Placement;
import org.jptables.api.RuleContext;
import org.jptables.api.TargetBuilder;
import org.jptables.api.TargetExtension;

/**
 * {@code -j NOTRACK}: libxt_CT's alias for {@code CT --notrack} (xt_CT revision 2 with the
 * notrack and alias flags). It takes no options; {@code -S} and iptables-save print it as
 * {@code -j NOTRACK}, {@code -L} as target {@code CT} with {@code NOTRACK} after the addresses.
 * Like {@code CT --notrack} it leaves the packet untracked and does not switch connection
 * tracking on. Raw table only, at PREROUTING and OUTPUT.
 */
@org.pf4j.Extension
public final class NotrackExtension implements TargetExtension {
    static final String HELP = "NOTRACK does not take any options\n";

    @Override
    public String name() {
        return "NOTRACK";
    }

    @Override
    public String kernelName() {
        return "CT";
    }

    @Override
    public int revision() {
        return 2;
    }

    @Override
    public List<Option> options() {
        return List.of();
    }

    @Override
    public String help() {
        return HELP;
    }

    @Override
    public Placement placement() {
        return CtExtension.RAW;
    }

    @Override
    public TargetBuilder newBuilder(RuleContext rule) {
        return new TargetBuilder() {
            @Override
            public void option(String option, List<String> args, boolean inverted) {
                throw new IllegalStateException("NOTRACK takes no options: " + option);
            }

            @Override
            public CtTarget build() {
                return CtTarget.notrackAlias();
            }
        };
    }
}
