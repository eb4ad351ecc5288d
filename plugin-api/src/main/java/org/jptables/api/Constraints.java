package org.jptables.api;

/**
 * What a match tells the kernel's compiled classifier about itself, once, when its rule is
 * committed ({@link Match#declare}). The classifier uses the declarations to skip rules that
 * cannot match a packet without calling them; a match that declares nothing is simply called, in
 * order, as in the linear walk. Declaring is never required, only faster.
 *
 * <p>The contract holds for a <em>classifiable</em> packet, the only kind the classifier handles
 * (every other packet takes the linear walk): an IPv4 packet that is not a fragment (offset 0)
 * whose transport header is whole: 20 bytes of TCP with every option byte its data offset
 * announces, 8 of UDP, UDP-Lite and ICMP, 4 (the ports) of SCTP and DCCP.
 * <ul>
 * <li>Every constraint declared must hold whenever {@link Match#matches} returns true; and when a
 * constraint does not hold, {@code matches} must return false <em>without doing anything
 * else</em> (no state changed, no hotdrop). The classifier may then skip the rule.</li>
 * <li>{@link #sideEffectFree()} says that {@code matches} never does anything but answer on a
 * classifiable packet. Only then may the classifier use the constraints of the matches after it
 * in the same rule: skipping a rule must not skip an earlier match's side effect (a limit's
 * token, a recent list's update).</li>
 * <li>{@link #complete()} says more: that the match is nothing but its constraints.</li>
 * <li>Several constraints from one rule all hold together. Addresses are given as bytes in network
 * order, 4 for IPv4 (16 will serve IPv6 the same way); ports and marks as unsigned numbers.</li>
 * </ul>
 * A packet that has no such field (no ports in an ICMP packet) fails a port constraint and
 * satisfies an inverted one: declare ports only if the match never matches a packet without them.
 * Sets (ipset) will be declared the same way, as membership of an address or port in a named set.
 */
public interface Constraints {
    /** {@code matches} has no effect but its answer, on a classifiable packet. */
    void sideEffectFree();

    /**
     * The constraints this match declared are all it tests: on a classifiable packet it matches
     * exactly when they all hold (and it is side-effect free). A rule whose every match says so is
     * decided by the classifier alone, without calling the matches.
     */
    void complete();

    /** The IP protocol is {@code number} (is not, inverted). */
    void protocol(int number, boolean inverted);

    /** {@code (source & mask) == value}, bytes in network order (inverted: differs). */
    void sourceMasked(byte[] value, byte[] mask, boolean inverted);

    /** {@code (destination & mask) == value} (inverted: differs). */
    void destinationMasked(byte[] value, byte[] mask, boolean inverted);

    /** The source lies in {@code [first, last]}, compared unsigned (inverted: outside). */
    void sourceRange(byte[] first, byte[] last, boolean inverted);

    /** The destination lies in {@code [first, last]} (inverted: outside). */
    void destinationRange(byte[] first, byte[] last, boolean inverted);

    /**
     * The source port lies in one of the inclusive ranges {@code [ranges[0], ranges[1]]},
     * {@code [ranges[2], ranges[3]]}, ... (inverted: in none of them).
     */
    void sourcePorts(int[] ranges, boolean inverted);

    /** The destination port lies in one of the inclusive ranges (inverted: in none). */
    void destinationPorts(int[] ranges, boolean inverted);

    /** {@code (mark & mask) == value} for the packet's mark (inverted: differs). */
    void mark(long value, long mask, boolean inverted);

    /** The packet's {@link Packet#ctState()} has one of the {@link ConnState} bits of {@code states}. */
    void connectionState(int states, boolean inverted);

    /**
     * The input device's name equals {@code name}, or starts with it when {@code prefix} (the
     * {@code +} wildcard; an empty prefix matches every packet, even one without a device).
     */
    void inInterface(String name, boolean prefix, boolean inverted);

    /** As {@link #inInterface} for the output device. */
    void outInterface(String name, boolean prefix, boolean inverted);

    /**
     * The match holds for a packet with probability {@code threshold / 2^31}, drawn afresh for every
     * packet it is asked about: a uniform 31-bit number below {@code threshold} (inverted: not
     * below), as xt_statistic's random mode. {@code threshold} lies in {@code [0, 2^31]}. The
     * classifier draws its own numbers; which packets take which draw is not part of the contract,
     * only that each draw is fresh and uniform.
     */
    void random(long threshold, boolean inverted);
}
