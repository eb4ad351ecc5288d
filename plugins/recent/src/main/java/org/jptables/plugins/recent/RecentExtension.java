package org.jptables.plugins.recent;

import java.util.List;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;

/** The {@code recent} match (revision 1): named lists of recently seen addresses. */
@org.pf4j.Extension
public final class RecentExtension implements MatchExtension {
    static final String HELP = "recent match options:\n"
            + "[!] --set                       Add source address to list, always matches.\n"
            + "[!] --rcheck                    Match if source address in list.\n"
            + "[!] --update                    Match if source address in list, also update last-seen time.\n"
            + "[!] --remove                    Match if source address in list, also removes that address from list.\n"
            + "    --seconds seconds           For check and update commands above.\n"
            + "                                Specifies that the match will only occur if source address last seen within\n"
            + "                                the last 'seconds' seconds.\n"
            + "    --reap                      Purge entries older then 'seconds'.\n"
            + "                                Can only be used in conjunction with the seconds option.\n"
            + "    --hitcount hits             For check and update commands above.\n"
            + "                                Specifies that the match will only occur if source address seen hits times.\n"
            + "                                May be used in conjunction with the seconds option.\n"
            + "    --rttl                      For check and update commands above.\n"
            + "                                Specifies that the match will only occur if the source address and the TTL\n"
            + "                                match between this packet and the one which was set.\n"
            + "                                Useful if you have problems with people spoofing their source address in order\n"
            + "                                to DoS you via this module.\n"
            + "    --name name                 Name of the recent list to be used.  DEFAULT used if none given.\n"
            + "    --rsource                   Match/Save the source address of each packet in the recent list table (default).\n"
            + "    --rdest                     Match/Save the destination address of each packet in the recent list table.\n"
            + "    --mask netmask              Netmask that will be applied to this recent list.\n"
            + "xt_recent by: Stephen Frost <sfrost@snowman.net>.\n";

    private static final List<Option> OPTIONS = List.of(
            Option.flag("--set").invertible(),
            Option.flag("--rcheck").invertible(),
            Option.flag("--update").invertible(),
            Option.flag("--remove").invertible(),
            Option.withArgument("--seconds"),
            Option.flag("--reap"),
            Option.withArgument("--hitcount"),
            Option.flag("--rttl"),
            Option.withArgument("--name"),
            Option.flag("--rsource"),
            Option.flag("--rdest"),
            Option.withArgument("--mask"));

    @Override
    public String name() {
        return "recent";
    }

    @Override
    public int revision() {
        return 1;
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
        return new RecentBuilder(rule);
    }
}
