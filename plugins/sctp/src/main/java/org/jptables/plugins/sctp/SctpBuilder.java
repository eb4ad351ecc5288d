package org.jptables.plugins.sctp;

import java.util.List;
import org.jptables.api.CNumbers;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.Names;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;

/** Reads one rule's sctp options as libxt_sctp's parse function, message for message. */
final class SctpBuilder implements MatchBuilder {
    private static final int SCTP = 132;
    private static final String KERNEL_REFUSAL = "Invalid argument. Run `dmesg' for more information.";

    private final RuleContext rule;
    private int[] source;
    private int[] destination;
    private boolean sourceInverted;
    private boolean destinationInverted;
    private Chunks chunks;
    private boolean chunksInverted;

    SctpBuilder(RuleContext rule) {
        this.rule = rule;
    }

    @Override
    public void option(String option, List<String> args, boolean inverted) throws RuleException {
        switch (option) {
            case SctpExtension.SOURCE_PORT -> {
                if (source != null) {
                    throw new RuleException("Only one `--source-port' allowed");
                }
                source = ports(args.get(0), rule.names());
                sourceInverted = inverted;
            }
            case SctpExtension.DESTINATION_PORT -> {
                if (destination != null) {
                    throw new RuleException("Only one `--destination-port' allowed");
                }
                destination = ports(args.get(0), rule.names());
                destinationInverted = inverted;
            }
            default -> {
                if (chunks != null) {
                    throw new RuleException("Only one `--chunk-types' allowed");
                }
                chunks = Chunks.parse(args.get(0), args.get(1));
                chunksInverted = inverted;
            }
        }
    }

    /** parse_sctp_ports: PORT, or FIRST:LAST with either end left out (0 and 65535). */
    private static int[] ports(String text, Names names) throws RuleException {
        int colon = text.indexOf(':');
        if (colon < 0) {
            int p = port(text, names);
            return new int[] {p, p};
        }
        String first = text.substring(0, colon);
        String last = text.substring(colon + 1);
        int low = first.isEmpty() ? 0 : port(first, names);
        int high = last.isEmpty() ? 0xFFFF : port(last, names);
        if (low > high) {
            throw new RuleException("invalid portrange (min > max)");
        }
        return new int[] {low, high};
    }

    /** xtables_parse_port: a number 0..65535 or a service name of /etc/services for sctp. */
    private static int port(String text, Names names) throws RuleException {
        long n = CNumbers.whole(text, 0, 0xFFFF);
        if (n >= 0) {
            return (int) n;
        }
        int p = names == null ? -1 : names.servicePort(text, "sctp");
        if (p < 0) {
            throw new RuleException("invalid port/service `" + text + "' specified");
        }
        return p;
    }

    /** xt_sctp is registered for IPPROTO_SCTP: any other (or a negated) -p is -EINVAL. */
    @Override
    public Match build() throws RuleException {
        if (rule.protocol() != SCTP || rule.protocolInverted()) {
            throw RuleException.refusedByKernel(KERNEL_REFUSAL);
        }
        return new SctpMatch(source, sourceInverted, destination, destinationInverted, chunks, chunksInverted);
    }
}
