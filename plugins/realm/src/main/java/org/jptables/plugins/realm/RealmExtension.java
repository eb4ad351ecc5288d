package org.jptables.plugins.realm;

import java.util.List;
import org.jptables.api.Hook;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.NamedValueMask;
import org.jptables.api.Option;
import org.jptables.api.Placement;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;

/** {@code -m realm [!] --realm value[/mask]} (xt_realm): the realm of the packet's route. */
@org.pf4j.Extension
public final class RealmExtension implements MatchExtension {
    static final String HELP = "realm match options:\n"
            + "[!] --realm value[/mask]\n"
            + "\t\t\t\tMatch realm\n";

    private static final List<Option> OPTIONS = List.of(Option.withArgument("--realm").invertible().mandatory());

    /** xt_realm's hooks: after routing, where the packet has a route. */
    private static final Placement PLACEMENT =
            Placement.hooks(Hook.INPUT, Hook.FORWARD, Hook.OUTPUT, Hook.POSTROUTING);

    @Override
    public String name() {
        return "realm";
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
        return PLACEMENT;
    }

    @Override
    public MatchBuilder newBuilder(RuleContext rule) {
        return new MatchBuilder() {
            private NamedValueMask realm;
            private boolean inverted;

            /** xtables_parse_val_mask with /etc/iproute2/rt_realms' names. */
            @Override
            public void option(String option, List<String> args, boolean inverted) throws RuleException {
                realm = NamedValueMask.parse("realm", "--realm", args.get(0), rule.names()::realmId);
                this.inverted = inverted;
            }

            @Override
            public Match build() throws RuleException {
                if (realm == null) {
                    throw new RuleException("realm: option \"--realm\" must be specified\n");
                }
                return new RealmMatch(realm, rule.names().realmName(realm.value()), inverted);
            }
        };
    }
}
