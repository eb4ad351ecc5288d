package org.jptables.plugins.pkttype;

import java.util.List;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;

/** {@code -m pkttype} (xt_pkttype): the link-layer packet type. */
@org.pf4j.Extension
public final class PkttypeExtension implements MatchExtension {
    static final String HELP = ""
            + "pkttype match options:\n"
            + "[!] --pkt-type packettype    match packet type\n"
            + "Valid packet types:\n"
            + "\tunicast       \t\tto us\n"
            + "\tbroadcast     \t\tto all\n"
            + "\tmulticast     \t\tto group\n"
            + "\totherhost     \t\tto someone else\n"
            + "\n";

    private static final List<Option> OPTIONS = List.of(Option.withArgument("--pkt-type").invertible().mandatory());

    @Override
    public String name() {
        return "pkttype";
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
        return new PkttypeBuilder();
    }
}
