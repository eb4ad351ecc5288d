package org.jptables.capture;

/**
 * One captured frame, reused for every record: the bytes are valid until the next read.
 * {@link #network} points at the IPv4 header (or -1 when the frame carries something else).
 */
public final class CaptureRecord {
    public byte[] data = new byte[65536 + 64];
    public int length;
    public int originalLength;
    public long timeNanos;
    public int linkType;
    /** Interface name from pcapng's if_name, or null. */
    public String interfaceName;
    /** Interface index from SLL2, or 0. */
    public int interfaceIndex;
    /** SLL's packet type (0 to us, 4 outgoing ...) or -1 when the link layer does not say. */
    public int packetType = -1;
    /** Offset of the network header in {@link #data}. */
    public int network;
    /** EtherType (or SLL protocol) of the payload: 0x0800 for IPv4. */
    public int etherType;
    /** Source and destination MAC for Ethernet, else -1. */
    public long sourceMac = -1;
    public long destinationMac = -1;
    /** Byte offset of the record in the file, for messages. */
    public long fileOffset;

    /**
     * Makes this record the frame given, as read by another reader (a split's, its bytes shipped
     * to where they are replayed), and decodes its link layer as a reader does.
     */
    public void set(byte[] frame, int frameLength, long time, int link, int original, long offset, String iface)
            throws CaptureException {
        if (data.length < frameLength) {
            data = new byte[frameLength];
        }
        System.arraycopy(frame, 0, data, 0, frameLength);
        length = frameLength;
        timeNanos = time;
        linkType = link;
        originalLength = original;
        fileOffset = offset;
        interfaceName = iface;
        LinkTypes.decode(this);
    }
}
