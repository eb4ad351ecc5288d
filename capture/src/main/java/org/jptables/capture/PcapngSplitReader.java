package org.jptables.capture;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The {@link SplitReader} of a pcapng file: the packet blocks (enhanced and simple) whose block
 * starts in the range. What a packet block means depends on the interface descriptions before it,
 * so every reader first reads the file's head: its section header and the interface descriptions
 * up to the first packet block, which is where capture tools write them. A section header or an
 * interface description after the first packet (a concatenated or re-described capture) cannot be
 * known to the readers of later ranges: the reader that meets one stops with a message saying so,
 * and such a file is replayed whole.
 *
 * <p>Blocks start on 4-byte boundaries and carry their length at both ends, which makes
 * resynchronising more certain than in pcap: from {@code start} the reader looks at each 4-byte
 * boundary for a block of a known type whose trailing length equals its leading one, a packet
 * block's interface described and its captured length within the block, followed by
 * {@value #CHAIN} - 1 more such blocks or the end of the file.
 */
public final class PcapngSplitReader implements SplitReader {
    static final int CHAIN = 3;
    private static final int SECTION_HEADER = 0x0A0D0D0A;
    private static final int INTERFACE = 1;
    private static final int SIMPLE_PACKET = 3;
    private static final int ENHANCED_PACKET = 6;
    /** Block types of pcapng (obsolete packet, name resolution, statistics, decryption secrets, custom). */
    private static final int[] KNOWN = {SECTION_HEADER, INTERFACE, 2, SIMPLE_PACKET, 4, 5, ENHANCED_PACKET, 10,
        0x00000BAD, 0x40000BAD};
    private static final long MAX_BLOCK = 16 * 1024 * 1024;

    private final FileChannel channel;
    private final long size;
    private final long end;
    private final boolean bigEndian;
    private final List<PcapngInterface> interfaces = new ArrayList<>();
    private final long first;
    private final ByteSource in;
    private final byte[] header = new byte[20];
    private final byte[] probe = new byte[28];
    private long next = -1;

    private PcapngSplitReader(FileChannel channel, long start, long end) throws IOException {
        this.channel = channel;
        this.size = channel.size();
        this.end = Math.min(end, size);
        byte[] shb = new byte[12];
        if (!read(0, shb)) {
            throw new CaptureException(0, "too short for a pcapng section header");
        }
        if ((int) LinkTypes.u32(shb, 0) != SECTION_HEADER) {
            throw new CaptureException(0, "not a pcapng file: no section header at its start");
        }
        int bom = (int) LinkTypes.u32(shb, 8);
        if (bom != 0x1A2B3C4D && bom != 0x4D3C2B1A) {
            throw new CaptureException(8, "bad byte-order magic in the section header");
        }
        bigEndian = bom == 0x1A2B3C4D;
        long headEnd = readHead(u32(shb, 4));
        first = start <= headEnd ? headEnd : synchronise(start);
        channel.position(first);
        in = new ByteSource(channel, first);
    }

    /** The reader of {@code [start, end)} of a pcapng file. */
    public static PcapngSplitReader open(Path file, long start, long end) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return new PcapngSplitReader(channel, start, end);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    /** Reads the interface descriptions before the first packet block; returns that block's offset. */
    private long readHead(long sectionLength) throws IOException {
        if (sectionLength < 28 || sectionLength % 4 != 0 || sectionLength > size) {
            throw new CaptureException(4, "bad section header length " + sectionLength);
        }
        long at = sectionLength;
        byte[] h = new byte[8];
        while (at + 8 <= size && read(at, h)) {
            int type = (int) u32(h, 0);
            long total = u32(h, 4);
            if (type == ENHANCED_PACKET || type == SIMPLE_PACKET || type == 2) {
                return at;
            }
            checkLength(at, total);
            if (type == SECTION_HEADER) {
                throw new CaptureException(at, "a second section before the first packet: read whole");
            }
            if (type == INTERFACE) {
                byte[] body = new byte[(int) total - 12];
                read(at + 8, body);
                interfaces.add(PcapngInterface.parse(body, bigEndian, at));
            }
            at += total;
        }
        return Math.min(at, size);
    }

    @Override
    public long firstOffset() {
        return first;
    }

    @Override
    public long nextOffset() {
        return next;
    }

    @Override
    public boolean next(CaptureRecord r) throws IOException {
        while (true) {
            long at = in.offset();
            if (at >= end || !in.read(header, 0, 8, "a block header")) {
                next = at;
                return false;
            }
            int type = (int) u32(header, 0);
            long total = u32(header, 4);
            checkLength(at, total);
            if (type == SECTION_HEADER || type == INTERFACE) {
                throw new CaptureException(at, (type == INTERFACE ? "an interface description" : "a section header")
                        + " after the first packet: this capture cannot be read in splits (--split host reads it whole)");
            }
            long body = total - 12;
            if (type == ENHANCED_PACKET) {
                enhancedPacket(r, body, at);
            } else if (type == SIMPLE_PACKET) {
                simplePacket(r, body, at);
            } else {
                in.skip(body, "a block");
            }
            in.read(header, 0, 4, "a block trailer");
            if (type == ENHANCED_PACKET || type == SIMPLE_PACKET) {
                return true;
            }
        }
    }

    private void enhancedPacket(CaptureRecord r, long body, long at) throws IOException {
        in.read(header, 0, 20, "a packet block");
        int iface = (int) u32(header, 0);
        if (iface < 0 || iface >= interfaces.size()) {
            throw new CaptureException(at + 8, "packet of interface " + iface + " that was never described");
        }
        long caplen = u32(header, 12);
        if (caplen > body - 20) {
            throw new CaptureException(at + 20, "captured length " + caplen + " exceeds its block");
        }
        PcapngInterface described = interfaces.get(iface);
        fill(r, (int) caplen, at);
        r.timeNanos = described.nanos((u32(header, 4) << 32) | u32(header, 8));
        r.linkType = described.linkType();
        r.interfaceName = described.name();
        r.originalLength = (int) u32(header, 16);
        in.skip(body - 20 - caplen, "a packet block");
        LinkTypes.decode(r);
    }

    private void simplePacket(CaptureRecord r, long body, long at) throws IOException {
        in.read(header, 0, 4, "a simple packet block");
        long original = u32(header, 0);
        int caplen = (int) Math.min(original, body - 4);
        fill(r, caplen, at);
        r.timeNanos = 0;
        r.linkType = interfaces.isEmpty() ? LinkTypes.ETHERNET : interfaces.get(0).linkType();
        r.interfaceName = interfaces.isEmpty() ? null : interfaces.get(0).name();
        r.originalLength = (int) original;
        in.skip(body - 4 - caplen, "a simple packet block");
        LinkTypes.decode(r);
    }

    private void fill(CaptureRecord r, int caplen, long at) throws IOException {
        if (r.data.length < caplen) {
            r.data = new byte[caplen];
        }
        if (caplen > 0 && !in.read(r.data, 0, caplen, "a packet's data")) {
            throw new CaptureException(in.offset(), "the file ends before a packet's data");
        }
        r.length = caplen;
        r.fileOffset = at;
    }

    private void checkLength(long at, long total) throws CaptureException {
        if (total < 12 || total % 4 != 0 || total > MAX_BLOCK) {
            throw new CaptureException(at + 4, "bad block length " + total + ": corrupt capture");
        }
    }

    /** The first 4-byte boundary at or after {@code start} where a chain of plausible blocks begins. */
    private long synchronise(long start) throws IOException {
        for (long p = (start + 3) & ~3L; p + 12 <= size; p += 4) {
            if (chainAt(p)) {
                return p;
            }
        }
        return size;
    }

    private boolean chainAt(long p) throws IOException {
        long at = p;
        for (int i = 0; i < CHAIN; i++) {
            if (at == size && i > 0) {
                return true;
            }
            long total = plausibleBlock(at);
            if (total < 0) {
                return false;
            }
            at += total;
        }
        return true;
    }

    /** The length of a plausible block at {@code at}, or -1. */
    private long plausibleBlock(long at) throws IOException {
        int n = (int) Math.min(probe.length, size - at);
        if (n < 12 || !read(at, probe, n)) {
            return -1;
        }
        int type = (int) u32(probe, 0);
        long total = u32(probe, 4);
        if (!known(type) || total < 12 || total % 4 != 0 || total > MAX_BLOCK || at + total > size) {
            return -1;
        }
        byte[] trailer = new byte[4];
        if (!read(at + total - 4, trailer) || u32(trailer, 0) != total) {
            return -1;
        }
        if (type == ENHANCED_PACKET) {
            if (total < 32 || n < 28) {
                return -1;
            }
            long iface = u32(probe, 8);
            long caplen = u32(probe, 20);
            long original = u32(probe, 24);
            if (iface >= interfaces.size() || caplen > total - 32 || caplen > original) {
                return -1;
            }
        }
        return total;
    }

    private static boolean known(int type) {
        for (int k : KNOWN) {
            if (k == type) {
                return true;
            }
        }
        return false;
    }

    private boolean read(long at, byte[] into) throws IOException {
        return read(at, into, into.length);
    }

    private boolean read(long at, byte[] into, int n) throws IOException {
        return PositionalReads.readFully(channel, at, into, n);
    }

    private long u32(byte[] b, int at) {
        long v = LinkTypes.u32(b, at);
        return bigEndian ? v : Long.reverseBytes(v) >>> 32;
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
