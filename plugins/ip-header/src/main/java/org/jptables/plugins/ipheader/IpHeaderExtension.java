package org.jptables.plugins.ipheader;

import java.util.List;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;

/**
 * The IP part of the rule header ({@code struct ipt_ip}): {@code [!] -p}, {@code [!] -s},
 * {@code [!] -d} and {@code [!] -f}. Implicit: the options stand without {@code -m}, and the
 * kernel renders them (the -L columns, the leading options of -S) from {@link HeaderMatch#describe}.
 */
@org.pf4j.Extension
public final class IpHeaderExtension implements MatchExtension {
    static final String PROTOCOL = "-p";
    static final String SOURCE = "-s";
    static final String DESTINATION = "-d";
    static final String FRAGMENT = "-f";

    private static final List<Option> OPTIONS = List.of(
            Option.withArgument(PROTOCOL).alias("--protocol").invertible(),
            Option.withArgument(SOURCE).alias("--source").alias("--src").invertible(),
            Option.withArgument(DESTINATION).alias("--destination").alias("--dst").invertible(),
            Option.flag(FRAGMENT).alias("--fragment").invertible());

    @Override
    public String name() {
        return "ip-header";
    }

    @Override
    public boolean implicit() {
        return true;
    }

    @Override
    public List<Option> options() {
        return OPTIONS;
    }

    /** The header options are explained by iptables' general help only. */
    @Override
    public String help() {
        return "";
    }

    @Override
    public MatchBuilder newBuilder(RuleContext rule) {
        return new IpHeaderBuilder(rule);
    }
}
