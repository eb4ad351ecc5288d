package org.jptables.plugins.dccp;

import java.util.List;
import org.jptables.api.CNumbers;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;

/** Reads one rule's dccp options as libxt_dccp (libxtables' option table), then the kernel's -p dccp check. */
final class DccpBuilder implements MatchBuilder {
    private static final int DCCP = 33;

    private final RuleContext rule;
    private PortRange source;
    private PortRange destination;
    private int types = -1;
    private boolean typesInverted;
    private int option = -1;
    private boolean optionInverted;

    DccpBuilder(RuleContext rule) {
        this.rule = rule;
    }

    @Override
    public void option(String name, List<String> args, boolean inverted) throws RuleException {
        String arg = args.get(0);
        switch (name) {
            case DccpExtension.SOURCE_PORT -> source = PortRange.parse(arg, inverted, name, rule.names());
            case DccpExtension.DESTINATION_PORT -> destination = PortRange.parse(arg, inverted, name, rule.names());
            case DccpExtension.TYPES -> {
                types = PacketTypes.parse(arg);
                typesInverted = inverted;
            }
            default -> {
                long n = CNumbers.whole(arg, 1, 255);
                if (n < 0) {
                    throw new RuleException("dccp: bad value for option \"--dccp-option\", or out of range (1-255).\n");
                }
                option = (int) n;
                optionInverted = inverted;
            }
        }
    }

    /** xt_dccp is registered for IPPROTO_DCCP: any other (or a negated) -p is -EINVAL. */
    @Override
    public Match build() throws RuleException {
        if (rule.protocol() != DCCP || rule.protocolInverted()) {
            throw RuleException.refusedByKernel("Invalid argument. Run `dmesg' for more information.");
        }
        return new DccpMatch(source, destination, types, typesInverted, option, optionInverted);
    }
}
