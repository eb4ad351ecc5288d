package org.jptables.kernel.path;

/**
 * What live mode needs to hear of a packet's passage, at the points where the real kernel takes
 * over from userspace: the bytes after PREROUTING (what the kernel's routing decides on), the bytes
 * delivered to a local socket, and the bytes leaving by a device, with the packet's mark at each.
 * The arrays are the path's own, valid only during the call: copy what you keep. Offline paths have
 * none, so the calls cost them nothing.
 */
public interface PathObserver {
    /** After PREROUTING's tables (raw, mangle, nat), before routing: what the routing decision sees. */
    default void routed(byte[] ip, int length, int mark) {
    }

    /**
     * Delivered to the host after INPUT; {@code own} when the host made the packet itself while
     * handling another (REJECT's answer to a local address).
     */
    default void delivered(byte[] ip, int length, int mark, boolean own) {
    }

    /**
     * Leaving by device {@code out} (the host's index, see Host#name) after POSTROUTING; {@code own}
     * when the host made it while handling another packet (REJECT's answer): the packet handled
     * itself leaves with {@code own} false.
     */
    default void leaving(byte[] ip, int length, int out, int mark, boolean own) {
    }

    /** A LOG line a rule made, with the rule's --log-level (0 emerg .. 7 debug), for syslog. */
    default void logged(String line, int level) {
    }
}
