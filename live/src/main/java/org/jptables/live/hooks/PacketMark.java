package org.jptables.live.hooks;

/**
 * The mark (skb->mark, under {@code mask}) the daemon puts on the packets it sends itself through
 * sockets with SO_MARK (REJECT's answers, for one), so that the queue rules let them pass instead
 * of queueing them back to the daemon.
 */
public record PacketMark(int value, int mask) {
    public PacketMark {
        if (mask == 0) {
            throw new IllegalArgumentException("own mark: a mask of 0 would match every packet");
        }
        if ((value & ~mask) != 0) {
            throw new IllegalArgumentException("own mark: value " + hex(value) + " has bits outside mask " + hex(mask));
        }
    }

    /** The mark {@code value} compared on all 32 bits. */
    public static PacketMark of(int value) {
        return new PacketMark(value, 0xffffffff);
    }

    public boolean fullMask() {
        return mask == 0xffffffff;
    }

    /** As iptables-save prints it: {@code 0x1}, or {@code 0x1/0xff} under a mask. */
    public String iptablesText() {
        return fullMask() ? hex(value) : hex(value) + "/" + hex(mask);
    }

    static String hex(int v) {
        return "0x" + Integer.toHexString(v);
    }
}
