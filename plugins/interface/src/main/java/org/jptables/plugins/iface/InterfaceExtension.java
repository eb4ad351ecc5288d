package org.jptables.plugins.iface;

import java.util.List;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;

/**
 * The interface part of the rule header ({@code [!] -i NAME}, {@code [!] -o NAME}): implicit, so
 * the options stand without {@code -m} and the kernel renders them from {@link InterfaceMatch#describe}.
 * The package is {@code iface} because {@code interface} is a Java keyword.
 */
@org.pf4j.Extension
public final class InterfaceExtension implements MatchExtension {
    static final String IN = "-i";
    static final String OUT = "-o";

    private static final List<Option> OPTIONS = List.of(
            Option.withArgument(IN).alias("--in-interface").invertible(),
            Option.withArgument(OUT).alias("--out-interface").invertible());

    @Override
    public String name() {
        return "interface";
    }

    @Override
    public boolean implicit() {
        return true;
    }

    @Override
    public List<Option> options() {
        return OPTIONS;
    }

    /** iptables has no help text of its own for the header options beyond the general help. */
    @Override
    public String help() {
        return "";
    }

    @Override
    public MatchBuilder newBuilder(RuleContext rule) {
        return new InterfaceBuilder(rule);
    }
}
