package org.jptables.api;

/**
 * One rule's match with its parsed, immutable options. {@link #matches} runs per packet: it must
 * not allocate, reflect, look up strings or log.
 */
public interface Match {
    /**
     * Whether the packet matches. A match that cannot read what it needs (a truncated TCP header)
     * calls {@link Packet#hotdrop()} and returns false, as the kernel's matches do.
     */
    boolean matches(Packet packet);

    /**
     * Tells the kernel's compiled classifier what this match constrains, under the contract of
     * {@link Constraints}. Called once per rule at commit. A match that declares nothing is called
     * for every packet that reaches its rule, as in the linear walk.
     */
    default void declare(Constraints constraints) {
    }

    /** For implicit matches: the rule header fields this match stands for. */
    default void describe(RuleHeader header) {
    }

    /** The text of {@code -L}, each part with a leading space ({@code " tcp dpt:ssh"}). */
    default void print(StringBuilder out, ListingFormat format) {
    }

    /** The options as {@code -S} and iptables-save print them, with a leading space. */
    default void save(StringBuilder out) {
    }

    /**
     * Whether the kernel must track connections for this extension to work, as xt_state,
     * xt_conntrack and the NAT targets ask for it (nf_ct_netns_get). Linux tracks connections in a
     * network namespace only while some rule (or the nat table) needs it; a ruleset without one
     * sees no conntrack at all: no entries, no defragmentation, no conntrack INVALID drops.
     */
    default boolean needsConnectionTracking() {
        return false;
    }

    /**
     * Whether the rule needs conntrack's per-connection packet and byte counters (xt_connbytes'
     * checkentry turns {@code nf_conntrack_acct} on for the network namespace and it stays on):
     * connections made from then on are counted ({@link Packet#ctPackets}).
     */
    default boolean needsConntrackAccounting() {
        return false;
    }

    /**
     * Whether the rule uses connection labels (xt_connlabel's checkentry takes nf_connlabels_get):
     * connections made from then on get labels ({@link Packet#ctLabel}).
     */
    default boolean needsConntrackLabels() {
        return false;
    }

    /**
     * How far the state this rule's use of the extension keeps reaches (see {@link StateScope}):
     * {@link StateScope#NONE} if the packet alone decides, {@link StateScope#CONNECTION} if it
     * remembers per connection only (in the tracker's entry), {@link StateScope#SHARED} if one
     * connection's packets can change what another's get. Declare the narrowest scope that is true
     * for these options; the default, {@code SHARED}, is the safe answer for an extension that
     * does not say: a ruleset using it is never split by connection.
     */
    default StateScope stateScope() {
        return StateScope.SHARED;
    }

    /**
     * Whether this rule's use of the extension is allowed in {@code table} at {@code hook}, for
     * extensions whose placement depends on their options (addrtype's --limit-iface-in). Checked
     * with the extension's {@link Extension#placement()} at every hook the rule is reachable from.
     */
    default boolean allowedAt(String table, Hook hook) {
        return true;
    }
}
