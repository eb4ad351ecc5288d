package org.jptables.plugins.checksum;

import java.util.EnumSet;
import java.util.List;
import org.jptables.api.Hook;
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
 * {@code -j CHECKSUM --checksum-fill} (xt_CHECKSUM): mangle table only, at every hook. The kernel
 * computes the checksum of a packet whose TCP/UDP checksum was left to the network card
 * (CHECKSUM_PARTIAL, skb_checksum_help). Every packet jptables sees carries its checksum as it was
 * captured or built, complete, so the target changes nothing and goes on with the next rule.
 */
@org.pf4j.Extension
public final class ChecksumExtension implements TargetExtension {
    static final String HELP = "CHECKSUM target options\n"
            + "  --checksum-fill\t\t\tFill in packet checksum.\n";

    static final Placement MANGLE = new Placement("mangle", EnumSet.allOf(Hook.class));

    private static final List<Option> OPTIONS = List.of(Option.flag("--checksum-fill").mandatory());

    @Override
    public String name() {
        return "CHECKSUM";
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
        return MANGLE;
    }

    @Override
    public TargetBuilder newBuilder(RuleContext rule) {
        return new TargetBuilder() {
            private boolean fill;

            @Override
            public void option(String option, List<String> args, boolean inverted) {
                fill = true;
            }

            @Override
            public Target build() throws RuleException {
                if (!fill) {
                    throw new RuleException("CHECKSUM: option \"--checksum-fill\" must be specified\n");
                }
                return ChecksumTarget.FILL;
            }
        };
    }

    /** The one CHECKSUM target there is: XT_CHECKSUM_OP_FILL. */
    enum ChecksumTarget implements Target {
        FILL;

        /** It acts on this packet alone and keeps nothing for later packets. */
        @Override
        public StateScope stateScope() {
            return StateScope.NONE;
        }

        @Override
        public int apply(Packet packet) {
            return Verdict.CONTINUE;
        }

        @Override
        public void print(StringBuilder out, ListingFormat format) {
            out.append(" CHECKSUM fill");
        }

        @Override
        public void save(StringBuilder out) {
            out.append(" --checksum-fill");
        }
    }
}
