package org.jptables.api;

/**
 * How far the state a match or target keeps reaches: what a packet's outcome (a match's answer, a
 * verdict, a rewrite) may depend on besides the packet itself. The fleet replay splits one host's
 * packets by connection only when every rule's extensions keep at most {@link #CONNECTION} state:
 * then each connection's packets, in their order, give the same outcomes wherever they run.
 *
 * <p>The default of {@link Match#stateScope()} and {@link Target#stateScope()} is {@link #SHARED}:
 * an extension that does not declare itself is assumed to remember across connections, which can
 * only cost a split, never a wrong result.
 */
public enum StateScope {
    /** The packet (with its metadata and the host) alone decides: {@code tcp}, {@code mark}, {@code LOG}. */
    NONE,
    /**
     * State kept per connection only, in the connection tracker's entry: {@code state},
     * {@code conntrack}, {@code connmark}, {@code CONNMARK}, {@code CT}. A packet's outcome depends
     * on the earlier packets of its own connection (and on what they related to it), never on another's.
     */
    CONNECTION,
    /**
     * State across connections: token buckets ({@code limit}, {@code hashlimit}), address lists
     * ({@code recent}), counters ({@code quota}, {@code statistic --mode nth}), a random sequence
     * ({@code statistic --mode random}), allocation from a pool ({@code SNAT}, {@code MASQUERADE}).
     */
    SHARED
}
