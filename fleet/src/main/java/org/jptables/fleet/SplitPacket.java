package org.jptables.fleet;

/**
 * One captured frame of a host replayed by connection, on its way from the task that read it to
 * the task that replays its conversation: the frame as captured and where it sits in the host's
 * captures, which orders it. A Flink POJO.
 */
public final class SplitPacket {
    public String host;
    /** The conversation ({@code ConnectionKey}): both directions of a flow share it. */
    public long key;
    public int file;
    public long offset;
    public long timeNanos;
    public int linkType;
    public int originalLength;
    /** The interface a pcapng capture says the frame was taken on, or null. */
    public String interfaceName;
    public byte[] frame;

    public SplitPacket() {
    }
}
