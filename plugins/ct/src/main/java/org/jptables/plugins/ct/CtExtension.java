package org.jptables.plugins.ct;

import java.util.List;
import org.jptables.api.Hook;
import org.jptables.api.Option;
import org.jptables.api.Placement;
import org.jptables.api.RuleContext;
import org.jptables.api.TargetBuilder;
import org.jptables.api.TargetExtension;

/**
 * {@code -j CT} (xt_CT revision 2, the one iptables-legacy 1.8.9 picks on a current kernel): sets
 * up connection tracking for the packet before conntrack sees it. The kernel module registers for
 * the raw table only, at PREROUTING and OUTPUT: iptables 1.8.9 refuses it elsewhere with "Invalid
 * argument", also in a user chain of another table that nothing jumps to.
 *
 * <p>Options, parsed, listed and saved as libxt_CT does:
 * <ul>
 *   <li>{@code --notrack}: the packet is left untracked ({@code Packet.untrack()}); the state
 *       matches then see UNTRACKED. With it the kernel ignores every other option (they are still
 *       accepted and printed) and does not switch connection tracking on.</li>
 *   <li>{@code --helper name}: kept to 15 characters; the kernel needs a rule protocol ({@code -p},
 *       not inverted) and a helper of that name for it, else "No chain/target/match by that name".
 *       The helpers known are those built into the recording kernel ({@code ConntrackHelpers}:
 *       ftp, tftp, irc, sip, ...); the name is resolved to the helper's id when the rule is
 *       loaded.</li>
 *   <li>{@code --timeout name}: iptables 1.8.9 keeps only its first 4 characters. jptables has no
 *       timeout policies (none exist on the recording kernel either), so the kernel's answer is
 *       "Invalid argument" without a rule protocol and "No chain/target/match by that name" with.</li>
 *   <li>{@code --ctevents}, {@code --expevents}: comma lists of event names.</li>
 *   <li>{@code --zone}, {@code --zone-orig}, {@code --zone-reply}: {@code ID} (0-65535) or
 *       {@code mark}; the directions add up and the last ID wins, as in libxt_CT.</li>
 * </ul>
 *
 * <p>At packet time {@code --notrack}, the zones and the helper act: the packet's connection is
 * looked up and created in that zone (for one direction with {@code --zone-orig}/{@code
 * --zone-reply}), and a connection it creates gets the helper ({@code Packet.conntrackHelper}:
 * jptables' conntrack runs ftp and tftp, which expect the data connections they see announced;
 * the others are attached but expect nothing). jptables has no conntrack events or timeout
 * policies: those options are kept, listed and saved. The rule lets the packet go on
 * (Verdict.CONTINUE) and switches connection tracking on, as xt_CT's nf_ct_netns_get does.
 */
@org.pf4j.Extension
public final class CtExtension implements TargetExtension {
    static final String HELP = "CT target options:\n"
            + " --notrack\t\t\tDon't track connection\n"
            + " --helper name\t\t\tUse conntrack helper 'name' for connection\n"
            + " --timeout name \t\tUse timeout policy 'name' for connection\n"
            + " --ctevents event[,event...]\tGenerate specified conntrack events for connection\n"
            + " --expevents event[,event...]\tGenerate specified expectation events for connection\n"
            + " --zone {ID|mark}\t\tAssign/Lookup connection in zone ID/packet nfmark\n"
            + " --zone-orig {ID|mark}\t\tSame as 'zone' option, but only applies to ORIGINAL direction\n"
            + " --zone-reply {ID|mark} \tSame as 'zone' option, but only applies to REPLY direction\n";

    /** Raw table, PREROUTING and OUTPUT (xt_CT's .table and .hooks). */
    static final Placement RAW = Placement.table("raw", Hook.PREROUTING, Hook.OUTPUT);

    /** In libxt_CT's ct_opts_v1 order. */
    private static final List<Option> OPTIONS = List.of(
            Option.flag("--notrack"),
            Option.withArgument("--helper"),
            Option.withArgument("--timeout"),
            Option.withArgument("--ctevents"),
            Option.withArgument("--expevents"),
            Option.withArgument("--zone-orig"),
            Option.withArgument("--zone-reply"),
            Option.withArgument("--zone"));

    @Override
    public String name() {
        return "CT";
    }

    @Override
    public int revision() {
        return 2;
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
        return RAW;
    }

    @Override
    public TargetBuilder newBuilder(RuleContext rule) {
        return new CtBuilder(rule);
    }
}
