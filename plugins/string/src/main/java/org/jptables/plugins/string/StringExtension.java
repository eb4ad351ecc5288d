package org.jptables.plugins.string;

import java.util.List;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;

/**
 * {@code -m string} (xt_string revision 1): a pattern searched in the packet, from the IPv4
 * header on, with the kernel's bm or kmp textsearch.
 */
@org.pf4j.Extension
public final class StringExtension implements MatchExtension {
    static final String FROM = "--from";
    static final String TO = "--to";
    static final String ALGO = "--algo";
    static final String ICASE = "--icase";
    static final String STRING = "--string";
    static final String HEX_STRING = "--hex-string";

    static final String HELP = "string match options:\n"
            + "--from                       Offset to start searching from\n"
            + "--to                         Offset to stop searching\n"
            + "--algo                       Algorithm\n"
            + "--icase                      Ignore case (default: 0)\n"
            + "[!] --string string          Match a string in a packet\n"
            + "[!] --hex-string string      Match a hex string in a packet\n";

    private static final List<Option> OPTIONS = List.of(
            Option.withArgument(FROM),
            Option.withArgument(TO),
            Option.withArgument(ALGO).mandatory(),
            Option.withArgument(STRING).invertible(),
            Option.withArgument(HEX_STRING).invertible(),
            Option.flag(ICASE));

    @Override
    public String name() {
        return "string";
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
        return new StringMatchBuilder();
    }
}
