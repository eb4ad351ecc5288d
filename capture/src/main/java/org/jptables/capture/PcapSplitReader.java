package org.jptables.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * The {@link SplitReader} of a pcap file: the records whose header starts in the range. Past the
 * file header, a range rarely starts on a record, so the reader resynchronises as splittable
 * capture readers do: it looks from {@code start} for the first offset where a record header is
 * plausible (fraction of a second in range, caplen at most the snap length and the original
 * length) and so are the {@value #CHAIN} headers that follow it, each timestamp close to the last
 * (not more than {@value #BACKWARDS_SECONDS} s back nor a day ahead), or the chain ends exactly at
 * the end of the file.
 *
 * Heuristics can be fooled by a payload that looks like headers: the caller's proof of the ranges
 * ({@link SplitReader}) catches it.
 */
public final class PcapSplitReader implements SplitReader {
    static final int CHAIN = 3;
    static final long BACKWARDS_SECONDS = 1;
    private static final long DAY = 86_400;
    private static final int FILE_HEADER = 24;
    private static final int MAX_CAPLEN = 262144;

    private final FileChannel channel;
    private final long size;
    private final long end;
    private final boolean bigEndian;
    private final boolean nanos;
    private final int linkType;
    private final long snapLength;
    private final long first;
    private final ByteSource in;
    private final byte[] header = new byte[16];
    private long next = -1;

    private PcapSplitReader(FileChannel channel, long start, long end) throws IOException {
        this.channel = channel;
        this.size = channel.size();
        this.end = Math.min(end, size);
        ByteBuffer h = ByteBuffer.allocate(FILE_HEADER);
        if (channel.read(h, 0) < FILE_HEADER) {
            throw new CaptureException(0, "too short for a pcap file header");
        }
        byte[] b = h.array();
        int magicBe = (int) LinkTypes.u32(b, 0);
        int magicLe = Integer.reverseBytes(magicBe);
        if (magicBe != 0xA1B2C3D4 && magicBe != 0xA1B23C4D && magicLe != 0xA1B2C3D4 && magicLe != 0xA1B23C4D) {
            throw new CaptureException(0, String.format("magic 0x%08x: only pcap files are read in splits", magicBe));
        }
        bigEndian = magicBe == 0xA1B2C3D4 || magicBe == 0xA1B23C4D;
        nanos = (bigEndian ? magicBe : magicLe) == 0xA1B23C4D;
        long snap = u32(b, 16);
        snapLength = snap == 0 || snap > MAX_CAPLEN ? MAX_CAPLEN : snap;
        linkType = (int) u32(b, 20) & 0x0FFFFFFF;
        first = start <= FILE_HEADER ? FILE_HEADER : synchronise(start);
        channel.position(first);
        in = new ByteSource(channel, first);
    }

    /** The reader of {@code [start, end)} of a pcap file. */
    public static PcapSplitReader open(Path file, long start, long end) throws IOException {
        FileChannel channel = FileChannel.open(file, StandardOpenOption.READ);
        try {
            return new PcapSplitReader(channel, start, end);
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
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
        long at = in.offset();
        if (at >= end || !in.read(header, 0, 16, "a record header")) {
            next = at;
            return false;
        }
        long caplen = u32(header, 8);
        if (caplen > MAX_CAPLEN) {
            throw new CaptureException(at, "record length " + caplen + " is not plausible: corrupt capture");
        }
        int n = (int) caplen;
        if (r.data.length < n) {
            r.data = new byte[n];
        }
        if (n > 0 && !in.read(r.data, 0, n, "a record's data")) {
            throw new CaptureException(in.offset(), "the file ends before a record's data");
        }
        r.length = n;
        r.fileOffset = at;
        r.timeNanos = u32(header, 0) * 1_000_000_000L + (nanos ? u32(header, 4) : u32(header, 4) * 1000);
        r.linkType = linkType;
        r.interfaceName = null;
        r.originalLength = (int) u32(header, 12);
        LinkTypes.decode(r);
        return true;
    }

    /** The first offset at or after {@code start} where a chain of plausible record headers begins. */
    private long synchronise(long start) throws IOException {
        byte[] window = new byte[16];
        for (long p = start; p + 16 <= size; p++) {
            if (chainAt(p, window)) {
                return p;
            }
        }
        return size;
    }

    private boolean chainAt(long p, byte[] h) throws IOException {
        long at = p;
        long lastSeconds = -1;
        for (int i = 0; i < CHAIN; i++) {
            if (at == size && i > 0) {
                return true;
            }
            if (at + 16 > size || !read(at, h)) {
                return false;
            }
            long seconds = u32(h, 0);
            long fraction = u32(h, 4);
            long caplen = u32(h, 8);
            long origlen = u32(h, 12);
            if (fraction >= (nanos ? 1_000_000_000L : 1_000_000L) || caplen > snapLength || caplen > origlen
                    || origlen > MAX_CAPLEN) {
                return false;
            }
            if (lastSeconds >= 0 && (seconds < lastSeconds - BACKWARDS_SECONDS || seconds > lastSeconds + DAY)) {
                return false;
            }
            lastSeconds = seconds;
            at += 16 + caplen;
            if (at > size) {
                return false;
            }
        }
        return true;
    }

    private boolean read(long at, byte[] into) throws IOException {
        return PositionalReads.readFully(channel, at, into, into.length);
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
