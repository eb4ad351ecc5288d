package org.jptables.live.netlink;

import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteOrder;

/**
 * Builds netlink messages in a native buffer: a header (nlmsghdr, host order), an optional family
 * header, then attributes (nlattr, aligned to 4). Several messages may follow each other in one
 * buffer and go in one send. Reused for every message: it allocates nothing.
 */
public final class MessageWriter {
    public static final int NLM_F_REQUEST = 0x1;
    public static final int NLM_F_ACK = 0x4;
    public static final int NLM_F_DUMP = 0x300;
    public static final int NLA_F_NESTED = 0x8000;

    private static final ValueLayout.OfShort BE_SHORT = ValueLayout.JAVA_SHORT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt BE_INT = ValueLayout.JAVA_INT_UNALIGNED.withOrder(ByteOrder.BIG_ENDIAN);
    private static final ValueLayout.OfInt INT = ValueLayout.JAVA_INT_UNALIGNED;
    private static final ValueLayout.OfShort SHORT = ValueLayout.JAVA_SHORT_UNALIGNED;

    private final MemorySegment buffer;
    private long start;
    private long end;
    private int nestStart = -1;

    public MessageWriter(MemorySegment buffer) {
        this.buffer = buffer;
    }

    public MemorySegment buffer() {
        return buffer;
    }

    /** Bytes written so far, every message included. */
    public long length() {
        return end;
    }

    /** Forgets every message: the next one starts at the buffer's beginning. */
    public MessageWriter reset() {
        start = 0;
        end = 0;
        return this;
    }

    /** Starts a message of {@code type} with {@code flags} and sequence number {@code seq}. */
    public MessageWriter begin(int type, int flags, int seq) {
        start = end;
        buffer.set(INT, start, 16);
        buffer.set(SHORT, start + 4, (short) type);
        buffer.set(SHORT, start + 6, (short) flags);
        buffer.set(INT, start + 8, seq);
        buffer.set(INT, start + 12, 0);
        end = start + 16;
        return this;
    }

    /** The nfnetlink header (struct nfgenmsg): family, version 0, resource id in network order. */
    public MessageWriter nfgen(int family, int resourceId) {
        buffer.set(ValueLayout.JAVA_BYTE, end, (byte) family);
        buffer.set(ValueLayout.JAVA_BYTE, end + 1, (byte) 0);
        buffer.set(BE_SHORT, end + 2, (short) resourceId);
        end += 4;
        return this;
    }

    /** Raw bytes of a family header of another layout (rtgenmsg, ifinfomsg...), padded to 4. */
    public MessageWriter header(byte[] bytes) {
        MemorySegment.copy(bytes, 0, buffer, ValueLayout.JAVA_BYTE, end, bytes.length);
        end += align(bytes.length);
        return this;
    }

    public MessageWriter attrBigEndianInt(int type, int value) {
        attrHeader(type, 4);
        buffer.set(BE_INT, end, value);
        end += 4;
        return this;
    }

    public MessageWriter attrInt(int type, int value) {
        attrHeader(type, 4);
        buffer.set(INT, end, value);
        end += 4;
        return this;
    }

    public MessageWriter attrByte(int type, int value) {
        attrHeader(type, 1);
        buffer.set(ValueLayout.JAVA_BYTE, end, (byte) value);
        end += 4;
        return this;
    }

    /** An attribute of {@code length} bytes of {@code bytes} from {@code offset}. */
    public MessageWriter attrBytes(int type, byte[] bytes, int offset, int length) {
        attrHeader(type, length);
        MemorySegment.copy(bytes, offset, buffer, ValueLayout.JAVA_BYTE, end, length);
        end += align(length);
        return this;
    }

    /** An attribute whose payload the caller writes at {@link #position()}; then {@link #skip}. */
    public MessageWriter attrHeader(int type, int payloadLength) {
        buffer.set(SHORT, end, (short) (4 + payloadLength));
        buffer.set(SHORT, end + 2, (short) type);
        end += 4;
        return this;
    }

    public long position() {
        return end;
    }

    /** Moves past {@code length} payload bytes written directly into the buffer, padded to 4. */
    public MessageWriter skip(int length) {
        end += align(length);
        return this;
    }

    /** Opens a nested attribute; {@link #endNest()} closes it (one level is all nfnetlink needs). */
    public MessageWriter nest(int type) {
        nestStart = (int) end;
        buffer.set(SHORT, end + 2, (short) (type | NLA_F_NESTED));
        end += 4;
        return this;
    }

    public MessageWriter endNest() {
        buffer.set(SHORT, nestStart, (short) (end - nestStart));
        nestStart = -1;
        return this;
    }

    /** Closes the current message: its length goes into its header. */
    public MessageWriter end() {
        buffer.set(INT, start, (int) (end - start));
        return this;
    }

    public static int align(int length) {
        return (length + 3) & ~3;
    }
}
