package org.jptables.plugins.conntrack;

import java.util.List;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;

/** Collects one rule's conntrack options into a {@link ConntrackSpec}. */
final class ConntrackBuilder implements MatchBuilder {
    private final RuleContext rule;
    private final ConntrackSpec spec = new ConntrackSpec();

    ConntrackBuilder(RuleContext rule) {
        this.rule = rule;
    }

    @Override
    public void option(String option, List<String> args, boolean inverted) throws RuleException {
        String arg = args.get(0);
        int flag;
        switch (option) {
            case "--ctstate" -> {
                spec.stateMask = NameList.STATES.parse(arg);
                flag = ConntrackSpec.STATE;
            }
            case "--ctproto" -> {
                spec.protocol = Protocols.parse(arg, rule.names());
                flag = ConntrackSpec.PROTO;
            }
            case "--ctorigsrc" -> {
                spec.origSrc = HostMask.parse(option, arg, rule.names());
                flag = ConntrackSpec.ORIGSRC;
            }
            case "--ctorigdst" -> {
                spec.origDst = HostMask.parse(option, arg, rule.names());
                flag = ConntrackSpec.ORIGDST;
            }
            case "--ctreplsrc" -> {
                spec.replSrc = HostMask.parse(option, arg, rule.names());
                flag = ConntrackSpec.REPLSRC;
            }
            case "--ctrepldst" -> {
                spec.replDst = HostMask.parse(option, arg, rule.names());
                flag = ConntrackSpec.REPLDST;
            }
            case "--ctstatus" -> {
                spec.statusMask = NameList.STATUSES.parse(arg);
                flag = ConntrackSpec.STATUS;
            }
            case "--ctexpire" -> {
                spec.expiry = ExpiryRange.parse(arg);
                flag = ConntrackSpec.EXPIRES;
            }
            case "--ctorigsrcport" -> {
                spec.origSrcPort = PortRange.parse(option, arg, rule.names());
                flag = ConntrackSpec.ORIGSRC_PORT;
            }
            case "--ctorigdstport" -> {
                spec.origDstPort = PortRange.parse(option, arg, rule.names());
                flag = ConntrackSpec.ORIGDST_PORT;
            }
            case "--ctreplsrcport" -> {
                spec.replSrcPort = PortRange.parse(option, arg, rule.names());
                flag = ConntrackSpec.REPLSRC_PORT;
            }
            case "--ctrepldstport" -> {
                spec.replDstPort = PortRange.parse(option, arg, rule.names());
                flag = ConntrackSpec.REPLDST_PORT;
            }
            case "--ctdir" -> {
                // ORIGINAL and REPLY are told apart by the invert bit, as the kernel's struct does.
                if (arg.equalsIgnoreCase("ORIGINAL")) {
                    inverted = false;
                } else if (arg.equalsIgnoreCase("REPLY")) {
                    inverted = true;
                } else {
                    throw new RuleException("conntrack: Bad value for \"--ctdir\" option: \"" + arg + "\"");
                }
                flag = ConntrackSpec.DIRECTION;
            }
            default -> throw new IllegalArgumentException(option);
        }
        spec.matchFlags |= flag;
        if (inverted) {
            spec.invertFlags |= flag;
        } else {
            spec.invertFlags &= ~flag;
        }
    }

    @Override
    public Match build() throws RuleException {
        if (spec.matchFlags == 0) {
            throw new RuleException("conntrack: At least one option is required");
        }
        return new ConntrackMatch(spec);
    }
}
