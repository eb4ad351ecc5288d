package org.jptables.plugins.audit;

import java.util.List;
import java.util.Locale;
import org.jptables.api.ListingFormat;
import org.jptables.api.Option;
import org.jptables.api.Packet;
import org.jptables.api.Placement;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;
import org.jptables.api.StateScope;
import org.jptables.api.Target;
import org.jptables.api.TargetBuilder;
import org.jptables.api.TargetExtension;
import org.jptables.api.Verdict;

/**
 * {@code -j AUDIT --type accept|drop|reject} (libxt_AUDIT, the kernel's xt_AUDIT.c): the kernel
 * writes an AUDIT_NETFILTER_PKT record of the packet to the audit subsystem and goes on with the
 * next rule; the type is only checked, not recorded. jptables does not model the audit log, so
 * offline the target does nothing but go on with the next rule. Any table, any hook, as the kernel
 * registers it.
 */
@org.pf4j.Extension
public final class AuditExtension implements TargetExtension {
    /** iptables' help, byte for byte (the note that the audit log is not modelled is in docs/packet-path.md). */
    static final String HELP = ""
            + "AUDIT target options\n"
            + "  --type TYPE\t\tAction type to be recorded.\n";

    private static final List<Option> OPTIONS = List.of(Option.withArgument("--type").mandatory());

    @Override
    public String name() {
        return "AUDIT";
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
        return Placement.ANYWHERE;
    }

    @Override
    public TargetBuilder newBuilder(RuleContext rule) {
        return new TargetBuilder() {
            private AuditTarget target;

            @Override
            public void option(String option, List<String> args, boolean inverted) throws RuleException {
                String text = args.get(0);
                // strcasecmp: ASCII letters only, as the "C" locale folds them
                target = switch (text.toLowerCase(Locale.ROOT)) {
                    case "accept" -> AuditTarget.ACCEPT;
                    case "drop" -> AuditTarget.DROP;
                    case "reject" -> AuditTarget.REJECT;
                    default -> throw new RuleException("Bad action type value \"" + text + "\"\n");
                };
            }

            @Override
            public Target build() throws RuleException {
                if (target == null) {
                    throw new RuleException("AUDIT: option \"--type\" must be specified\n");
                }
                return target;
            }
        };
    }

    /** XT_AUDIT_TYPE_ACCEPT, _DROP and _REJECT, with the word -L and -S print. */
    enum AuditTarget implements Target {
        ACCEPT("accept"),
        DROP("drop"),
        REJECT("reject");

        private final String word;

        AuditTarget(String word) {
            this.word = word;
        }

        /** It acts on this packet alone and keeps nothing for later packets. */
        @Override
        public StateScope stateScope() {
            return StateScope.NONE;
        }

        /** audit_tg: the audit record is not modelled; XT_CONTINUE. */
        @Override
        public int apply(Packet packet) {
            return Verdict.CONTINUE;
        }

        @Override
        public void print(StringBuilder out, ListingFormat format) {
            out.append(" AUDIT ").append(word);
        }

        @Override
        public void save(StringBuilder out) {
            out.append(" --type ").append(word);
        }
    }
}
