package org.jptables.plugins.nat;

import java.util.List;
import org.jptables.api.Effects;
import org.jptables.api.Hook;
import org.jptables.api.Option;
import org.jptables.api.Placement;

/**
 * The four NAT targets of libxt_NAT: what each is called, takes, prints and where the kernel lets
 * it run. They share one parser and one target class.
 */
public enum NatKind {
    DNAT("DNAT", Effects.DNAT, 2, "--to-destination", "to:", false,
            Placement.table("nat", Hook.PREROUTING, Hook.OUTPUT), ""
            + "DNAT target options:\n"
            + " --to-destination [<ipaddr>[-<ipaddr>]][:port[-port[/port]]]\n"
            + "\t\t\t\tAddress to map destination to.\n"
            + "[--random] [--persistent]\n"),
    SNAT("SNAT", Effects.SNAT, 0, "--to-source", "to:", false,
            Placement.table("nat", Hook.POSTROUTING, Hook.INPUT), ""
            + "SNAT target options:\n"
            + " --to-source [<ipaddr>[-<ipaddr>]][:port[-port]]\n"
            + "\t\t\t\tAddress to map source to.\n"
            + "[--random] [--random-fully] [--persistent]\n"),
    MASQUERADE("MASQUERADE", Effects.MASQUERADE, 0, "--to-ports", "masq ports: ", true,
            Placement.table("nat", Hook.POSTROUTING), ""
            + "MASQUERADE target options:\n"
            + " --to-ports <port>[-<port>]\n"
            + "\t\t\t\tPort (range) to map to.\n"
            + " --random\n"
            + "\t\t\t\tRandomize source port.\n"
            + " --random-fully\n"
            + "\t\t\t\tFully randomize source port.\n"),
    REDIRECT("REDIRECT", Effects.REDIRECT, 0, "--to-ports", "redir ports ", true,
            Placement.table("nat", Hook.PREROUTING, Hook.OUTPUT), ""
            + "REDIRECT target options:\n"
            + " --to-ports <port>[-<port>]\n"
            + "\t\t\t\tPort (range) to map to.\n"
            + " [--random]\n");

    static final String RANDOM = "--random";
    static final String RANDOM_FULLY = "--random-fully";
    static final String PERSISTENT = "--persistent";

    private final String targetName;
    private final int effect;
    private final int revision;
    private final String rangeOption;
    private final String listedPrefix;
    private final boolean portsOnly;
    private final Placement placement;
    private final String help;

    NatKind(String targetName, int effect, int revision, String rangeOption, String listedPrefix, boolean portsOnly,
            Placement placement, String help) {
        this.targetName = targetName;
        this.effect = effect;
        this.revision = revision;
        this.rangeOption = rangeOption;
        this.listedPrefix = listedPrefix;
        this.portsOnly = portsOnly;
        this.placement = placement;
        this.help = help;
    }

    String targetName() {
        return targetName;
    }

    /** The {@code Effects} constant of {@code Packet.nat}. */
    public int effect() {
        return effect;
    }

    /** iptables 1.8.9 uses DNAT revision 2 (shifted port ranges); the others are revision 0. */
    int revision() {
        return revision;
    }

    /** {@code --to-destination}, {@code --to-source} or {@code --to-ports}. */
    String rangeOption() {
        return rangeOption;
    }

    /** What -L writes before the range. */
    String listedPrefix() {
        return listedPrefix;
    }

    /** MASQUERADE and REDIRECT take ports only, and print them without the leading colon. */
    boolean portsOnly() {
        return portsOnly;
    }

    Placement placement() {
        return placement;
    }

    String help() {
        return help;
    }

    /** The options in libxt_NAT's tables: the range (mandatory for DNAT and SNAT) and the flags each takes. */
    List<Option> options() {
        Option range = Option.withArgument(rangeOption);
        return switch (this) {
            case DNAT -> List.of(range.mandatory(), Option.flag(RANDOM), Option.flag(PERSISTENT));
            case SNAT -> List.of(range.mandatory(), Option.flag(RANDOM), Option.flag(RANDOM_FULLY),
                    Option.flag(PERSISTENT));
            case MASQUERADE -> List.of(range, Option.flag(RANDOM), Option.flag(RANDOM_FULLY));
            case REDIRECT -> List.of(range, Option.flag(RANDOM));
        };
    }
}
