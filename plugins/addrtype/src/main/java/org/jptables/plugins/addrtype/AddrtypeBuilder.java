package org.jptables.plugins.addrtype;

import java.util.List;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;

/**
 * Reads the addrtype options and makes the checks of libxt_addrtype (a type list is required,
 * the two interface limits exclude each other); the kernel module's hook check is the match's
 * {@code allowedAt}, so it also holds for rules in user chains.
 */
final class AddrtypeBuilder implements MatchBuilder {

    private final RuleContext rule;
    private int source;
    private int destination;
    private boolean sourceInverted;
    private boolean destinationInverted;
    private boolean limitIn;
    private boolean limitOut;

    AddrtypeBuilder(RuleContext rule) {
        this.rule = rule;
    }

    @Override
    public void option(String option, List<String> args, boolean inverted) throws RuleException {
        switch (option) {
            case "--src-type" -> {
                source = AddressTypes.parse(args.get(0));
                sourceInverted = inverted;
            }
            case "--dst-type" -> {
                destination = AddressTypes.parse(args.get(0));
                destinationInverted = inverted;
            }
            case "--limit-iface-in" -> limitIn = true;
            case "--limit-iface-out" -> limitOut = true;
            default -> throw new IllegalArgumentException(option);
        }
    }

    @Override
    public Match build() throws RuleException {
        if (source == 0 && destination == 0) {
            throw new RuleException("addrtype: you must specify --src-type or --dst-type");
        }
        if (limitIn && limitOut) {
            throw new RuleException(
                    "addrtype: option \"--limit-iface-in\" cannot be used together with \"--limit-iface-out\".\n");
        }
        return new AddrtypeMatch(source, sourceInverted, destination, destinationInverted, limitIn, limitOut);
    }
}
