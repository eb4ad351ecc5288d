package org.jptables.api;

/**
 * One set of ipset as a rule holds it: found by name once, when the rule is loaded
 * ({@link IpSets#find}), then asked per packet. The handle stands for the kernel's set index, not
 * for the set's contents: after {@code ipset swap} it reaches the set that took the name, as the
 * kernel's rules do.
 *
 * <p>The per-packet methods run under the same rules as {@link Match#matches}: they allocate
 * nothing and look nothing up by name. The time that timeouts are measured against is the
 * packet's own ({@link Packet#timeNanos()}), so a replay ages the sets on the capture's clock.
 */
public interface IpSet {
    /** The set's name, as {@code iptables -S} prints it. */
    String name();

    /**
     * Whether the packet's element is in the set, as the kernel's ip_set_test for the set match:
     * the element is taken from the packet by {@code lookup}'s directions; a set of more
     * dimensions than {@code lookup} gives never matches. With counters the entry's counters
     * count the packet (unless {@code lookup} says not to) and are compared with {@code lookup}'s.
     */
    boolean test(Packet packet, SetLookup lookup);

    /** Adds the packet's element, as the SET target's {@code --add-set}; a failure is silent. */
    void add(Packet packet, SetLookup lookup);

    /** Deletes the packet's element, as the SET target's {@code --del-set}; a failure is silent. */
    void delete(Packet packet, SetLookup lookup);

    /**
     * {@code --map-set}: whether the packet's element is in the set and, when it is, gives the
     * packet the entry's skbinfo that {@code lookup} asks for (mark, priority; the queue has no
     * meaning here and is left alone).
     */
    boolean map(Packet packet, SetLookup lookup);
}
