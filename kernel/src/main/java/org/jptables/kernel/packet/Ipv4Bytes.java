package org.jptables.kernel.packet;

import org.jptables.api.Packet;

/**
 * The bytes of one IPv4 packet and what its header says, the half of {@link PacketView} that
 * reads and rewrites the packet itself; the metadata netfilter keeps beside the bytes is
 * PacketView's. Re-pointed at another packet by {@link #point}, so one instance serves every
 * packet a path handles.
 */
abstract class Ipv4Bytes implements Packet {
    private byte[] bytes = new byte[0];
    private int offset;
    private int length;

    /** Points at {@code length} bytes of an IPv4 packet starting at {@code offset}. */
    final void point(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
    }

    public byte[] bytes() {
        return bytes;
    }

    public int offset() {
        return offset;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public int u8(int at) {
        return at < 0 || at >= length ? -1 : bytes[offset + at] & 0xFF;
    }

    @Override
    public int u16(int at) {
        return at < 0 || at > length - 2 ? -1 : ((bytes[offset + at] & 0xFF) << 8) | (bytes[offset + at + 1] & 0xFF);
    }

    @Override
    public long u32(int at) {
        if (at < 0 || at > length - 4) {
            return -1;
        }
        int i = offset + at;
        return ((long) (bytes[i] & 0xFF) << 24) | ((bytes[i + 1] & 0xFF) << 16) | ((bytes[i + 2] & 0xFF) << 8)
                | (bytes[i + 3] & 0xFF);
    }

    final int s32(int at) {
        return (int) u32(at);
    }

    @Override
    public boolean setU16(int at, int value) {
        if (at < 0 || at > length - 2) {
            return false;
        }
        bytes[offset + at] = (byte) (value >>> 8);
        bytes[offset + at + 1] = (byte) value;
        return true;
    }

    /**
     * Grows the packet by {@code count} zero bytes at {@code at} into a new array: {@link #bytes()}
     * and {@link #length()} change, so whoever holds the old array must read them again.
     */
    @Override
    public boolean insert(int at, int count) {
        if (at < 0 || at > length || count < 0) {
            return false;
        }
        byte[] grown = new byte[length + count];
        System.arraycopy(bytes, offset, grown, 0, at);
        System.arraycopy(bytes, offset + at, grown, at + count, length - at);
        bytes = grown;
        offset = 0;
        length += count;
        return true;
    }

    /**
     * Replaces the {@code oldLength} bytes at {@code at} by the first {@code newLength} bytes of
     * {@code with}, moving what follows (the NAT helpers' mangle_contents). Only the bytes change:
     * the caller sets the lengths and checksums. False, changing nothing, past the end.
     */
    public boolean replace(int at, int oldLength, byte[] with, int newLength) {
        if (at < 0 || oldLength < 0 || at + oldLength > length || newLength < 0) {
            return false;
        }
        int delta = newLength - oldLength;
        int tail = length - at - oldLength;
        if (offset + length + delta > bytes.length) {
            byte[] grown = new byte[length + delta];
            System.arraycopy(bytes, offset, grown, 0, at);
            System.arraycopy(bytes, offset + at + oldLength, grown, at + newLength, tail);
            bytes = grown;
            offset = 0;
        } else {
            System.arraycopy(bytes, offset + at + oldLength, bytes, offset + at + newLength, tail);
        }
        System.arraycopy(with, 0, bytes, offset + at, newLength);
        length += delta;
        return true;
    }

    @Override
    public int headerLength() {
        return length < 1 ? 0 : (bytes[offset] & 0x0F) * 4;
    }

    @Override
    public int totalLength() {
        return u16(2);
    }

    @Override
    public int protocol() {
        return length < 10 ? 0 : bytes[offset + 9] & 0xFF;
    }

    @Override
    public int source() {
        return s32(12);
    }

    @Override
    public int destination() {
        return s32(16);
    }

    @Override
    public int tos() {
        return u8(1);
    }

    @Override
    public int ttl() {
        return u8(8);
    }

    @Override
    public int fragmentOffset() {
        int v = u16(6);
        return v < 0 ? 0 : v & 0x1FFF;
    }

    @Override
    public int identification() {
        return length < 6 ? -1 : ((bytes[offset + 4] & 0xFF) << 8) | (bytes[offset + 5] & 0xFF);
    }

    @Override
    public boolean dontFragment() {
        return length >= 8 && (bytes[offset + 6] & 0x40) != 0;
    }

    @Override
    public boolean moreFragments() {
        return length >= 8 && (bytes[offset + 6] & 0x20) != 0;
    }
}
