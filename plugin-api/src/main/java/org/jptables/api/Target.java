package org.jptables.api;

/**
 * One rule's target with its parsed, immutable options. {@link #apply} runs per packet under the
 * same rules as {@link Match#matches}.
 */
public interface Target {
    /** Acts on the packet and returns a {@link Verdict}. */
    int apply(Packet packet);

    /**
     * Tells the compiled classifier what {@link #apply} does when that is a plain verdict or NAT
     * mapping (see {@link Actions}); the default declares nothing, and the target is called.
     */
    default void declare(Actions actions) {
    }

    /** The text of {@code -L} after the matches, with a leading space. */
    default void print(StringBuilder out, ListingFormat format) {
    }

    /** The options as {@code -S} prints them after {@code -j NAME}, with a leading space. */
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
