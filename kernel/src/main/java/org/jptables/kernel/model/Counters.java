package org.jptables.kernel.model;

/** A packet and byte counter pair, as every rule and every built-in policy has. */
public final class Counters {
    private long packets;
    private long bytes;

    public Counters() {
    }

    public Counters(long packets, long bytes) {
        this.packets = packets;
        this.bytes = bytes;
    }

    public long packets() {
        return packets;
    }

    public long bytes() {
        return bytes;
    }

    /** Counts one packet of {@code length} bytes. */
    public void add(int length) {
        packets++;
        bytes += length;
    }

    public void set(long packets, long bytes) {
        this.packets = packets;
        this.bytes = bytes;
    }

    public void zero() {
        set(0, 0);
    }
}
