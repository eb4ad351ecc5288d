package org.jptables.plugins.helper;

import java.util.List;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;

/**
 * {@code -m helper [!] --helper NAME} (xt_helper, revision 0): matches the packets of connections
 * that a connection-tracking helper expected, by the name of the helper of their master: the data
 * connections of an FTP control connection that {@code CT --helper ftp} gave the ftp helper match
 * {@code --helper ftp}; the control connection itself does not (it has no master).
 *
 * <p>As in the kernel the name given matches a helper whose name it starts with ({@code ftp-21}
 * matches the helper {@code ftp}: xt_helper compares only the helper name's length), an empty name
 * matches any helper, and {@code !} also matches packets without a connection, a master or a
 * helper. iptables keeps at most 29 characters of the name. Connection tracking is switched on for
 * the rule (nf_ct_netns_get).
 */
@org.pf4j.Extension
public final class HelperExtension implements MatchExtension {
    static final String HELP = "helper match options:\n"
            + "[!] --helper string        Match helper identified by string\n";

    private static final List<Option> OPTIONS = List.of(Option.withArgument("--helper").invertible().mandatory());

    @Override
    public String name() {
        return "helper";
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
        return new HelperBuilder();
    }
}
