package org.jptables.plugins.devgroup;

import java.util.List;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.NamedValueMask;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;

/**
 * {@code -m devgroup [!] --src-group value[/mask] [!] --dst-group value[/mask]} (xt_devgroup):
 * the device groups of the incoming and outgoing interfaces.
 */
@org.pf4j.Extension
public final class DevgroupExtension implements MatchExtension {
    static final String HELP = "devgroup match options:\n"
            + "[!] --src-group value[/mask]\tMatch device group of incoming device\n"
            + "[!] --dst-group value[/mask]\tMatch device group of outgoing device\n";

    private static final List<Option> OPTIONS = List.of(
            Option.withArgument("--src-group").invertible(),
            Option.withArgument("--dst-group").invertible());

    @Override
    public String name() {
        return "devgroup";
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
    public MatchBuilder newBuilder(RuleContext rule) {
        return new MatchBuilder() {
            private DevgroupMatch.Group source;
            private DevgroupMatch.Group destination;

            /** xtables_parse_val_mask with /etc/iproute2/group's names. */
            @Override
            public void option(String option, List<String> args, boolean inverted) throws RuleException {
                NamedValueMask v = NamedValueMask.parse("devgroup", option, args.get(0), rule.names()::deviceGroupId);
                DevgroupMatch.Group g = new DevgroupMatch.Group(v, rule.names().deviceGroupName(v.value()), inverted);
                if (option.equals("--src-group")) {
                    source = g;
                } else {
                    destination = g;
                }
            }

            @Override
            public Match build() throws RuleException {
                if (source == null && destination == null) {
                    throw new RuleException(
                            "devgroup match: You must specify either '--src-group' or '--dst-group'");
                }
                return new DevgroupMatch(source, destination);
            }
        };
    }
}
