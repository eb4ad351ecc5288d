package org.jptables.kernel.path;

import org.jptables.api.ConnState;
import org.jptables.api.Hook;
import org.jptables.api.Verdict;
import org.jptables.kernel.model.Ruleset;
import org.jptables.kernel.model.TableKind;
import org.jptables.kernel.packet.PacketView;

/**
 * What connection tracking does to a packet at the hooks, around the tables: finding or making its
 * entry, the nat table for a connection's first packet and the rewrite its binding asks, confirming
 * the entry at the last hook, and forgetting an unconfirmed one when the packet is dropped.
 */
final class ConnectionSteps {
    private final ConnectionTracking conntrack;
    private final Ruleset ruleset;
    private final PacketView view;
    private final NatTranslation translation;
    private final HookRunner tables;

    /** {@code conntrack} null: the ruleset tracks nothing, every packet is untracked. */
    ConnectionSteps(ConnectionTracking conntrack, Ruleset ruleset, PacketView view, NatTranslation translation,
                    HookRunner tables) {
        this.conntrack = conntrack;
        this.ruleset = ruleset;
        this.view = view;
        this.translation = translation;
        this.tables = tables;
    }

    /** The packet's connection, {@link ConnectionTracking#UNTRACKED} or {@link ConnectionTracking#TABLE_FULL}. */
    int track(long now) {
        if (conntrack == null || (view.ctState() & ConnState.UNTRACKED) != 0) {
            return ConnectionTracking.UNTRACKED;
        }
        return conntrack.track(view, now);
    }

    /** The packet is dropped: a connection it made is never confirmed, so it is forgotten. */
    String dropped(int ct) {
        if (ct >= 0 && conntrack.isNew(ct)) {
            conntrack.abort(ct);
        }
        return "DROP";
    }

    /**
     * Confirms the connection at the last hook, after its helper (which may drop or rewrite the
     * packet) and the sequence adjustment; false when the helper drops it or its tuples clash with
     * a connection confirmed meanwhile (a NAT binding that found no free tuple): the kernel drops
     * that packet. {@code local}: delivered to this host; {@code loopback}: through lo.
     */
    boolean confirm(int ct, boolean local, boolean loopback) {
        if (ct < 0) {
            return true;
        }
        // nf_confirm: the connection's helper reads the packet first, and may drop it
        if (!conntrack.help(ct, view, local, loopback)) {
            dropped(ct);
            return false;
        }
        // only the original direction confirms: a REJECT answer attached as a reply never does
        return conntrack.isReply(ct) || conntrack.confirm(ct);
    }

    /**
     * The nat table at {@code hook} for a connection's first packet, binding the connection (a null
     * binding when no rule decided), then the rewrite the binding asks of this packet.
     */
    int nat(int ct, Hook hook, boolean source) {
        if (ct < 0) {
            return Verdict.ACCEPT;
        }
        // a related ICMP error is translated, never looked up in the nat table (nf_nat_inet_fn)
        boolean relatedIcmp = view.protocol() == 1 && conntrack.isRelated(ct);
        if (relatedIcmp && ruleset.existing(TableKind.NAT) != null
                && view.u8(view.headerLength()) == 5 && !translation.redirectSurvives(ct)) {
            return Verdict.DROP;
        }
        if (conntrack.isNew(ct) && !conntrack.natDone(ct, source) && !relatedIcmp) {
            translation.clearRequest();
            int verdict = tables.run(TableKind.NAT, hook);
            if (verdict != Verdict.ACCEPT) {
                return verdict;
            }
            translation.bind(ct, source);
        }
        translation.rewrite(ct, source);
        return Verdict.ACCEPT;
    }
}
