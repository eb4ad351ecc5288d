package org.jptables.plugins.ipheader;

import java.util.ArrayList;
import java.util.List;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;

/**
 * Reads the header options of one rule as iptables does: {@code -p} at once (the protocol's own
 * match may be needed by the next option), {@code -s} and {@code -d} only once the whole line is
 * read, which is why a second {@code -s} is refused before a bad address is noticed.
 */
final class IpHeaderBuilder implements MatchBuilder {
    private final RuleContext rule;
    private int protocol;
    private boolean protocolGiven;
    private boolean protocolInverted;
    private String source;
    private boolean sourceInverted;
    private String destination;
    private boolean destinationInverted;
    private boolean fragment;
    private boolean fragmentInverted;

    IpHeaderBuilder(RuleContext rule) {
        this.rule = rule;
    }

    @Override
    public void option(String option, List<String> args, boolean inverted) throws RuleException {
        switch (option) {
            case IpHeaderExtension.PROTOCOL -> {
                protocol = Protocols.parse(args.get(0), rule.names());
                if (protocol == 0 && inverted) {
                    throw new RuleException("rule would never match protocol");
                }
                protocolGiven = true;
                protocolInverted = inverted;
                rule.declareProtocol(protocol, inverted);
            }
            case IpHeaderExtension.SOURCE -> {
                source = args.get(0);
                sourceInverted = inverted;
            }
            case IpHeaderExtension.DESTINATION -> {
                destination = args.get(0);
                destinationInverted = inverted;
            }
            default -> {
                fragment = true;
                fragmentInverted = inverted;
            }
        }
    }

    /** The match of the first address combination; {@link #buildAll()} gives every one. */
    @Override
    public Match build() throws RuleException {
        return buildAll().get(0);
    }

    /** One match per source and destination, for each source every destination, as iptables adds rules. */
    @Override
    public List<Match> buildAll() throws RuleException {
        AddressList sources = source == null ? AddressList.ANY : AddressList.parse(source, rule.names());
        AddressList destinations = destination == null ? AddressList.ANY
                : AddressList.parse(destination, rule.names());
        if ((sources.size() > 1 || destinations.size() > 1) && (sourceInverted || destinationInverted)) {
            throw new RuleException("! not allowed with multiple source or destination IP addresses");
        }
        List<Match> all = new ArrayList<>(sources.size() * destinations.size());
        for (int s = 0; s < sources.size(); s++) {
            AddressField src = source == null ? AddressField.ANY
                    : new AddressField(true, sources.addresses()[s], sources.masks()[s], sourceInverted);
            for (int d = 0; d < destinations.size(); d++) {
                AddressField dst = destination == null ? AddressField.ANY
                        : new AddressField(true, destinations.addresses()[d], destinations.masks()[d],
                                destinationInverted);
                all.add(new HeaderMatch(protocolGiven, protocol, protocolInverted, src, dst, fragment,
                        fragmentInverted));
            }
        }
        return all;
    }
}
