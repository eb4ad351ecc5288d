package org.jptables.kernel.path;

import org.jptables.api.Match;
import org.jptables.api.StateScope;
import org.jptables.api.Target;
import org.jptables.kernel.host.Host;
import org.jptables.kernel.model.Chain;
import org.jptables.kernel.model.MatchUse;
import org.jptables.kernel.model.Rule;
import org.jptables.kernel.model.Ruleset;
import org.jptables.kernel.model.Table;
import org.jptables.kernel.model.TableKind;

/**
 * Whether a host's packets may be replayed split by conversation ({@link ConnectionKey}), each
 * conversation's packets in their order through a kernel of its own, with exactly the results of
 * one kernel replaying them all: true when nothing a packet's fate depends on is shared between
 * conversations. The answer names the first obstacle, in words.
 *
 * <p>What is shared, besides the extensions that say so ({@link StateScope#SHARED}, the default of
 * an extension that does not declare itself):
 * <ul>
 *   <li>the nat table: NAT binds tuples from a pool of addresses and ports that every connection
 *       draws on (nf_nat_used_tuple), and a rewritten reply carries addresses that no longer key
 *       it with its request;</li>
 *   <li>the ICMP redirects a forwarding host sends (when it makes its own answers): limited per
 *       sender (inet_peer's rate_last), whatever the destination;</li>
 *   <li>the connection table's and the reassembly queues' sizes (nf_conntrack_max, 4096 queues):
 *       a full table evicts across connections. These cannot be known before the replay; the
 *       replay measures them ({@link PacketPath#peakPendingDatagrams()}, the tracker's count) and
 *       the caller checks that the sum of the conversations' peaks stays below the limit.</li>
 * </ul>
 * Conntrack itself (TCP windows, timeouts, RELATED ICMP errors keyed by the connection they
 * quote, marks and zones) is per connection; fragments of a datagram share their addresses and
 * protocol, hence their conversation.
 *
 * @param exact  whether the split replay gives the per-host results exactly
 * @param reason why (or why not), e.g. {@code rule 3 of filter INPUT uses -m limit, whose state is
 *               shared between connections}
 */
public record ConnectionSplitting(boolean exact, String reason) {

    /**
     * Decides for {@code ruleset} on {@code host}; {@code quietHost}: the host makes no answers of
     * its own (the capture holds them).
     */
    public static ConnectionSplitting decide(Ruleset ruleset, Host host, boolean quietHost) {
        Table nat = ruleset.existing(TableKind.NAT);
        if (nat != null) {
            return new ConnectionSplitting(false, "the nat table binds connections to addresses and ports from a pool"
                    + " shared by all connections (and rewritten replies would not meet their requests)");
        }
        boolean stateful = false;
        for (Table table : ruleset.tables()) {
            for (Chain chain : table.chains()) {
                int position = 0;
                for (Rule rule : chain.rules()) {
                    position++;
                    String where = "rule " + position + " of " + table.name() + " " + chain.name();
                    for (MatchUse use : rule.matchUses()) {
                        Match m = use.match();
                        StateScope scope = m.stateScope();
                        if (scope == StateScope.SHARED) {
                            return new ConnectionSplitting(false, where + " uses -m " + use.extension().name()
                                    + ", whose state is shared between connections");
                        }
                        stateful |= scope == StateScope.CONNECTION;
                    }
                    Target t = rule.targetOrNull();
                    if (t != null) {
                        StateScope scope = t.stateScope();
                        if (scope == StateScope.SHARED) {
                            return new ConnectionSplitting(false, where + " uses -j " + rule.target().name()
                                    + ", whose state is shared between connections");
                        }
                        stateful |= scope == StateScope.CONNECTION;
                    }
                }
            }
        }
        if (host.forwarding() && !quietHost) {
            return new ConnectionSplitting(false, "the host forwards and sends its own ICMP redirects, limited per"
                    + " sender across its connections (a quiet host, or one that does not forward, can be split)");
        }
        boolean tracked = RulesetNeeds.connectionTracking(ruleset);
        return new ConnectionSplitting(true, tracked || stateful ? "conntrack only, no shared state"
                : "no rule keeps state");
    }
}
