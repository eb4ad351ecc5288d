package org.jptables.plugins.helper;

import java.util.List;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;

/** Reads {@code [!] --helper NAME} as libxt_helper does (an XTTYPE_STRING put into name[30]). */
final class HelperBuilder implements MatchBuilder {
    /** xt_helper_info's name[30], less its NUL. */
    static final int NAME_MAX = 29;

    private String name = "";
    private boolean inverted;

    @Override
    public void option(String option, List<String> args, boolean invert) {
        String arg = args.get(0);
        name = arg.length() > NAME_MAX ? arg.substring(0, NAME_MAX) : arg;
        inverted = invert;
    }

    @Override
    public Match build() {
        return new HelperMatch(name, inverted);
    }
}
