package org.jptables.plugins.hmark;

import java.util.List;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;
import org.jptables.api.TargetBuilder;
import org.jptables.api.TargetExtension;

/**
 * {@code -j HMARK} (xt_HMARK, IPv4): the packet mark becomes a hash of the packet's (or its
 * connection's) addresses, ports or SPI and protocol, scaled to {@code --hmark-mod} and moved by
 * {@code --hmark-offset}. Usable in every table and chain.
 */
@org.pf4j.Extension
public final class HmarkExtension implements TargetExtension {
    static final String HELP = "HMARK target options, i.e. modify hash calculation by:\n"
            + "  --hmark-tuple [src|dst|sport|dport|spi|proto|ct][,...]\n"
            + "  --hmark-mod value\t\t    nfmark modulus value\n"
            + "  --hmark-offset value\t\t    Last action add value to nfmark\n\n"
            + "  --hmark-rnd\t\t\t    Random see for hashing\n"
            + " Alternatively, fine tuning of what will be included in hash calculation\n"
            + "  --hmark-src-prefix length\t    Source address mask CIDR prefix\n"
            + "  --hmark-dst-prefix length\t    Dest address mask CIDR prefix\n"
            + "  --hmark-sport-mask value\t    Mask src port with value\n"
            + "  --hmark-dport-mask value\t    Mask dst port with value\n"
            + "  --hmark-spi-mask value\t    For esp and ah AND spi with value\n"
            + "  --hmark-sport value\t\t    OR src port with value\n"
            + "  --hmark-dport value\t\t    OR dst port with value\n"
            + "  --hmark-spi value\t\t    For esp and ah OR spi with value\n"
            + "  --hmark-proto-mask value\t    Mask Protocol with value\n";

    /**
     * libxt_HMARK's table, in its order. {@code --hmark-mod} is mandatory, but libxt_HMARK's own
     * check says so first, in its words: the builder does.
     */
    private static final List<Option> OPTIONS = List.of(
            Option.withArgument("--hmark-tuple"),
            Option.withArgument("--hmark-src-prefix"),
            Option.withArgument("--hmark-dst-prefix"),
            Option.withArgument("--hmark-sport-mask"),
            Option.withArgument("--hmark-dport-mask"),
            Option.withArgument("--hmark-spi-mask"),
            Option.withArgument("--hmark-sport"),
            Option.withArgument("--hmark-dport"),
            Option.withArgument("--hmark-spi"),
            Option.withArgument("--hmark-proto-mask"),
            Option.withArgument("--hmark-rnd"),
            Option.withArgument("--hmark-mod"),
            Option.withArgument("--hmark-offset"));

    @Override
    public String name() {
        return "HMARK";
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
    public TargetBuilder newBuilder(RuleContext rule) {
        return new HmarkBuilder();
    }
}
