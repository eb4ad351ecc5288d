package org.jptables.plugins.ipvs;

import java.util.List;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.Placement;
import org.jptables.api.RuleContext;

/**
 * The {@code ipvs} match (xt_ipvs revision 0): properties of the IPVS connection a packet belongs
 * to. The kernel registers it for every table and hook. The host model has no IPVS (no virtual
 * services, no packet with {@code skb->ipvs_property}), so on packets only {@code ! --ipvs} holds.
 */
@org.pf4j.Extension
public final class IpvsExtension implements MatchExtension {
    static final String HELP = "IPVS match options:\n"
            + "[!] --ipvs                      packet belongs to an IPVS connection\n"
            + "\n"
            + "Any of the following options implies --ipvs (even negated)\n"
            + "[!] --vproto protocol           VIP protocol to match; by number or name,\n"
            + "                                e.g. \"tcp\"\n"
            + "[!] --vaddr address[/mask]      VIP address to match\n"
            + "[!] --vport port                VIP port to match; by number or name,\n"
            + "                                e.g. \"http\"\n"
            + "    --vdir {ORIGINAL|REPLY}     flow direction of packet\n"
            + "[!] --vmethod {GATE|IPIP|MASQ}  IPVS forwarding method used\n"
            + "[!] --vportctl port             VIP port of the controlling connection to\n"
            + "                                match, e.g. 21 for FTP\n";

    private static final List<Option> OPTIONS = List.of(
            Option.flag("--ipvs").invertible(),
            Option.withArgument("--vproto").invertible(),
            Option.withArgument("--vaddr").invertible(),
            Option.withArgument("--vport").invertible(),
            Option.withArgument("--vdir"),
            Option.withArgument("--vmethod").invertible(),
            Option.withArgument("--vportctl").invertible());

    @Override
    public String name() {
        return "ipvs";
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
        return Placement.ANYWHERE;
    }

    @Override
    public MatchBuilder newBuilder(RuleContext rule) {
        return new IpvsBuilder(rule);
    }
}
