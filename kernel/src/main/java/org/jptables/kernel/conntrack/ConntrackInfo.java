package org.jptables.kernel.conntrack;

/**
 * How the current packet relates to its entry, as enum ip_conntrack_info: a base value, plus
 * {@link #IS_REPLY} when it travels in the reply direction. Kept per entry (the kernel keeps it in
 * the skb) because a handle stands for the entry and its packet in flight.
 */
final class ConntrackInfo {
    static final int ESTABLISHED = 0;
    static final int RELATED = 1;
    static final int NEW = 2;
    static final int IS_REPLY = 3;

    private ConntrackInfo() {
    }
}
