package org.jptables.plugins.iprange;

import java.util.List;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.RuleException;

/** Reads {@code [!] --src-range} and {@code [!] --dst-range}; one of them is required. */
final class IprangeBuilder implements MatchBuilder {
    private AddressRange source;
    private AddressRange destination;
    private boolean sourceInverted;
    private boolean destinationInverted;

    @Override
    public void option(String option, List<String> args, boolean inverted) throws RuleException {
        AddressRange range = AddressRange.parse(option, args.get(0));
        if (option.equals("--src-range")) {
            source = range;
            sourceInverted = inverted;
        } else {
            destination = range;
            destinationInverted = inverted;
        }
    }

    @Override
    public Match build() throws RuleException {
        if (source == null && destination == null) {
            throw new RuleException("iprange match: You must specify `--src-range' or `--dst-range'");
        }
        return new IprangeMatch(source, sourceInverted, destination, destinationInverted);
    }
}
