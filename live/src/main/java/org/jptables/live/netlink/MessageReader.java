package org.jptables.live.netlink;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Walks the netlink messages of one received datagram and their attributes, in place. Positions
 * are offsets into the buffer; nothing is allocated.
 */
public final class MessageReader {
    public static final int NLMSG_NOOP = 1;
    public static final int NLMSG_ERROR = 2;
    public static final int NLMSG_DONE = 3;
    public static final int NLMSG_OVERRUN = 4;

    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED;
    private static final ValueLayout.OfInt BE_INT = INT.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfShort BE_SHORT = SHORT.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfLong BE_LONG = ValueLayout.JAVA_LONG_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);

    private final MemorySegment buffer;
    private long limit;
    private long message = -1;
    private long next;

    public MessageReader(MemorySegment buffer) {
        this.buffer = buffer;
    }

    public MemorySegment buffer() {
        return buffer;
    }

    /** Starts over on a datagram of {@code length} bytes at the buffer's beginning. */
    public MessageReader reset(long length) {
        limit = length;
        message = -1;
        next = 0;
        return this;
    }

    /** Moves to the next message; false when there is none (or the rest is too short to be one). */
    public boolean nextMessage() {
        if (next + 16 > limit) {
            return false;
        }
        int length = buffer.get(INT, next);
        if (length < 16 || next + length > limit) {
            throw new IllegalStateException("netlink: a message of " + length + " bytes at offset " + next
                    + " does not fit the " + limit + " received");
        }
        message = next;
        next += MessageWriter.align(length);
        return true;
    }

    /** Steps back to the current message, so that the next {@link #nextMessage()} returns it again. */
    public void unread() {
        if (message >= 0) {
            next = message;
        }
    }

    public int type() {
        return buffer.get(SHORT, message + 4) & 0xFFFF;
    }

    public int flags() {
        return buffer.get(SHORT, message + 6) & 0xFFFF;
    }

    public int sequence() {
        return buffer.get(INT, message + 8);
    }

    public long messageOffset() {
        return message;
    }

    public int messageLength() {
        return buffer.get(INT, message);
    }

    /** For NLMSG_ERROR: the (negative) errno, 0 for an acknowledgement. */
    public int error() {
        return buffer.get(INT, message + 16);
    }

    /** The first attribute after a family header of {@code headerLength} bytes, or -1. */
    public long firstAttribute(int headerLength) {
        long at = message + 16 + MessageWriter.align(headerLength);
        return at + 4 <= message + messageLength() ? at : -1;
    }

    /** The attribute after {@code attribute} within the current message, or -1. */
    public long nextAttribute(long attribute) {
        long at = attribute + MessageWriter.align(attributeLength(attribute) + 4);
        return at + 4 <= message + messageLength() ? at : -1;
    }

    /** The first attribute nested in {@code attribute}, or -1. */
    public long firstNested(long attribute) {
        return attributeLength(attribute) >= 4 ? attribute + 4 : -1;
    }

    /** The attribute after {@code attribute} inside the nest {@code parent}, or -1. */
    public long nextNested(long parent, long attribute) {
        long at = attribute + MessageWriter.align(attributeLength(attribute) + 4);
        return at + 4 <= parent + 4 + attributeLength(parent) ? at : -1;
    }

    /** The attribute's type, flags (nested, byte order) stripped. */
    public int attributeType(long attribute) {
        return buffer.get(SHORT, attribute + 2) & 0x3FFF;
    }

    /** The attribute's payload length. */
    public int attributeLength(long attribute) {
        return (buffer.get(SHORT, attribute) & 0xFFFF) - 4;
    }

    public long payload(long attribute) {
        return attribute + 4;
    }

    public int u8(long at) {
        return buffer.get(ValueLayout.JAVA_BYTE, at) & 0xFF;
    }

    public int u16(long at) {
        return buffer.get(SHORT, at) & 0xFFFF;
    }

    public int u16be(long at) {
        return buffer.get(BE_SHORT, at) & 0xFFFF;
    }

    public int u32(long at) {
        return buffer.get(INT, at);
    }

    public int u32be(long at) {
        return buffer.get(BE_INT, at);
    }

    public long u64be(long at) {
        return buffer.get(BE_LONG, at);
    }

    /** A NUL-terminated string of at most {@code max} bytes at {@code at} (for names: allocates). */
    public String string(long at, int max) {
        int n = 0;
        while (n < max && buffer.get(ValueLayout.JAVA_BYTE, at + n) != 0) {
            n++;
        }
        byte[] bytes = new byte[n];
        MemorySegment.copy(buffer, ValueLayout.JAVA_BYTE, at, bytes, 0, n);
        return new String(bytes, java.nio.charset.StandardCharsets.UTF_8);
    }

    /** Copies {@code length} bytes at {@code at} into {@code into} from {@code offset}. */
    public void copy(long at, byte[] into, int offset, int length) {
        MemorySegment.copy(buffer, ValueLayout.JAVA_BYTE, at, into, offset, length);
    }
}
