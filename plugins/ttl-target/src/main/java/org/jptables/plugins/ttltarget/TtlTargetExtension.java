package org.jptables.plugins.ttltarget;

import java.util.List;
import org.jptables.api.Hook;
import org.jptables.api.Option;
import org.jptables.api.Placement;
import org.jptables.api.RuleContext;
import org.jptables.api.TargetBuilder;
import org.jptables.api.TargetExtension;

/**
 * {@code -j TTL} (libipt_TTL, the kernel's xt_HL.c): sets, decrements or increments the IPv4
 * time-to-live and goes on with the next rule. The kernel's target has {@code .table = "mangle"}:
 * anywhere else the rule is refused when the table is loaded.
 */
@org.pf4j.Extension
public final class TtlTargetExtension implements TargetExtension {
    static final String HELP = ""
            + "TTL target options\n"
            + "  --ttl-set value\t\tSet TTL to <value 0-255>\n"
            + "  --ttl-dec value\t\tDecrement TTL by <value 1-255>\n"
            + "  --ttl-inc value\t\tIncrement TTL by <value 1-255>\n";

    static final String SET = "--ttl-set";
    static final String DEC = "--ttl-dec";
    static final String INC = "--ttl-inc";

    /** The kernel's xt_target.table: mangle, at every hook it has. */
    static final Placement MANGLE = Placement.table("mangle",
            Hook.PREROUTING, Hook.INPUT, Hook.FORWARD, Hook.OUTPUT, Hook.POSTROUTING);

    private static final List<Option> OPTIONS = List.of(
            Option.withArgument(SET), Option.withArgument(DEC), Option.withArgument(INC));

    @Override
    public String name() {
        return "TTL";
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
        return MANGLE;
    }

    @Override
    public TargetBuilder newBuilder(RuleContext rule) {
        return new TtlTargetBuilder();
    }
}
