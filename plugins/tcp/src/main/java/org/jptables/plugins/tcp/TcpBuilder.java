package org.jptables.plugins.tcp;

import java.util.List;
import org.jptables.api.CNumbers;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;

/** Reads one rule's tcp options as libxt_tcp's parse function, message for message. */
final class TcpBuilder implements MatchBuilder {
    /** What the kernel says when a rule's protocol is not (or not only) TCP: -EINVAL from x_tables. */
    static final String KERNEL_REFUSAL = "Invalid argument. Run `dmesg' for more information.";
    private static final int TCP = 6;

    private final RuleContext rule;
    private PortRange source = PortRange.ANY;
    private PortRange destination = PortRange.ANY;
    private boolean sourceGiven;
    private boolean destinationGiven;
    private boolean flagsGiven;
    private int flagMask;
    private int flagCompare;
    private boolean flagsInverted;
    private boolean optionGiven;
    private int option;
    private boolean optionInverted;

    TcpBuilder(RuleContext rule) {
        this.rule = rule;
    }

    @Override
    public void option(String name, List<String> args, boolean inverted) throws RuleException {
        switch (name) {
            case TcpExtension.SOURCE_PORT -> {
                if (sourceGiven) {
                    throw new RuleException("Only one `--source-port' allowed");
                }
                source = PortRange.parse(args.get(0), inverted, rule.names());
                sourceGiven = true;
            }
            case TcpExtension.DESTINATION_PORT -> {
                if (destinationGiven) {
                    throw new RuleException("Only one `--destination-port' allowed");
                }
                destination = PortRange.parse(args.get(0), inverted, rule.names());
                destinationGiven = true;
            }
            case TcpExtension.SYN -> flags("SYN,RST,ACK,FIN", "SYN", inverted);
            case TcpExtension.FLAGS -> flags(args.get(0), args.get(1), inverted);
            default -> {
                if (optionGiven) {
                    throw new RuleException("Only one `--tcp-option' allowed");
                }
                long n = CNumbers.whole(args.get(0), 1, 255);
                if (n < 0) {
                    throw new RuleException("Bad TCP option \"" + args.get(0) + "\"");
                }
                option = (int) n;
                optionInverted = inverted;
                optionGiven = true;
            }
        }
    }

    private void flags(String mask, String compare, boolean inverted) throws RuleException {
        if (flagsGiven) {
            // sic: iptables prints two spaces before "allowed"
            throw new RuleException("Only one of `--syn' or `--tcp-flags'  allowed");
        }
        flagMask = TcpFlags.parse(mask);
        flagCompare = TcpFlags.parse(compare);
        flagsInverted = inverted;
        flagsGiven = true;
    }

    /** The kernel's xt_tcpudp is registered for IPPROTO_TCP: any other (or a negated) -p is -EINVAL. */
    @Override
    public Match build() throws RuleException {
        if (rule.protocol() != TCP || rule.protocolInverted()) {
            throw RuleException.refusedByKernel(KERNEL_REFUSAL);
        }
        return new TcpMatch(source, destination, flagMask, flagCompare, flagsInverted, option, optionInverted);
    }
}
