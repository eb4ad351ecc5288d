package org.jptables.capture;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.ReadableByteChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

/**
 * Streams the frames of a pcap (micro- or nanosecond, either byte order) or pcapng capture
 * (several interfaces, their if_name and if_tsresol) into one reused {@link CaptureRecord}.
 * Memory stays constant; a truncated or corrupt file stops with the byte offset of the problem,
 * after every record before it was delivered.
 */
public final class CaptureReader implements AutoCloseable {
    private static final int PCAP_MICRO = 0xA1B2C3D4;
    private static final int PCAP_NANO = 0xA1B23C4D;
    private static final int PCAPNG_SHB = 0x0A0D0D0A;

    private final ByteSource in;
    private final byte[] header = new byte[32];
    private final boolean pcapng;
    private boolean bigEndian;
    private boolean nanos;
    private int pcapLinkType;
    private final List<PcapngInterface> interfaces = new ArrayList<>();

    private CaptureReader(ByteSource in) throws IOException {
        this.in = in;
        if (!in.read(header, 0, 4, "the file header")) {
            throw new CaptureException(0, "empty file: not a pcap or pcapng capture");
        }
        int magicBe = (int) LinkTypes.u32(header, 0);
        int magicLe = Integer.reverseBytes(magicBe);
        if (magicBe == PCAPNG_SHB) {
            pcapng = true;
            readSectionHeader();
        } else if (magicBe == PCAP_MICRO || magicBe == PCAP_NANO || magicLe == PCAP_MICRO || magicLe == PCAP_NANO) {
            pcapng = false;
            bigEndian = magicBe == PCAP_MICRO || magicBe == PCAP_NANO;
            nanos = (bigEndian ? magicBe : magicLe) == PCAP_NANO;
            in.read(header, 4, 20, "the pcap file header");
            pcapLinkType = (int) u32(header, 20) & 0x0FFFFFFF;
        } else {
            throw new CaptureException(0, String.format("unknown magic 0x%08x: not a pcap or pcapng capture", magicBe));
        }
    }

    public static CaptureReader open(Path file) throws IOException {
        return open(FileChannel.open(file, StandardOpenOption.READ));
    }

    /** A capture from any channel (a stream of a remote file system, say); closing the reader closes it. */
    public static CaptureReader open(ReadableByteChannel channel) throws IOException {
        return new CaptureReader(new ByteSource(channel));
    }

    /** Reads the next frame into {@code r}; false at the end of the capture. */
    public boolean next(CaptureRecord r) throws IOException {
        return pcapng ? nextBlock(r) : nextPcap(r);
    }

    private boolean nextPcap(CaptureRecord r) throws IOException {
        long at = in.offset();
        if (!in.read(header, 0, 16, "a record header")) {
            return false;
        }
        long sec = u32(header, 0);
        long frac = u32(header, 4);
        int caplen = (int) u32(header, 8);
        int origlen = (int) u32(header, 12);
        if (caplen < 0 || caplen > 262144) {
            throw new CaptureException(at, "record length " + Integer.toUnsignedString(caplen) + " is not plausible: corrupt capture");
        }
        r.fileOffset = at;
        r.timeNanos = sec * 1_000_000_000L + (nanos ? frac : frac * 1000);
        r.linkType = pcapLinkType;
        r.interfaceName = null;
        read(r, caplen);
        r.originalLength = origlen;
        LinkTypes.decode(r);
        return true;
    }

    private void read(CaptureRecord r, int caplen) throws IOException {
        if (r.data.length < caplen) {
            r.data = new byte[caplen];
        }
        if (!in.read(r.data, 0, caplen, "a record's data") && caplen > 0) {
            throw new CaptureException(in.offset(), "the file ends before a record's data");
        }
        r.length = caplen;
    }

    private void readSectionHeader() throws IOException {
        long at = in.offset() - 4;
        in.read(header, 4, 8, "a section header");
        int bom = (int) LinkTypes.u32(header, 8);
        if (bom == 0x1A2B3C4D) {
            bigEndian = true;
        } else if (bom == 0x4D3C2B1A) {
            bigEndian = false;
        } else {
            throw new CaptureException(at + 8, "bad byte-order magic in the section header");
        }
        long total = u32(header, 4);
        if (total < 28 || total % 4 != 0) {
            throw new CaptureException(at + 4, "bad section header length " + total);
        }
        in.skip(total - 12, "a section header");
        interfaces.clear();
    }

    private boolean nextBlock(CaptureRecord r) throws IOException {
        while (true) {
            long at = in.offset();
            if (!in.read(header, 0, 8, "a block header")) {
                return false;
            }
            int type = (int) u32(header, 0);
            if (type == PCAPNG_SHB) {
                readSectionHeader();
                continue;
            }
            long total = u32(header, 4);
            if (total < 12 || total % 4 != 0 || total > 16 * 1024 * 1024) {
                throw new CaptureException(at + 4, "bad block length " + total + ": corrupt capture");
            }
            long body = total - 12;
            switch (type) {
                case 1 -> interfaceBlock(body, at);
                case 6 -> {
                    enhancedPacket(r, body, at);
                    in.read(header, 0, 4, "a block trailer");
                    return true;
                }
                case 3 -> {
                    simplePacket(r, body, at);
                    in.read(header, 0, 4, "a block trailer");
                    return true;
                }
                default -> in.skip(body, "a block");
            }
            in.read(header, 0, 4, "a block trailer");
        }
    }

    private void interfaceBlock(long body, long at) throws IOException {
        byte[] b = new byte[(int) body];
        in.read(b, 0, b.length, "an interface description");
        interfaces.add(PcapngInterface.parse(b, bigEndian, at));
    }

    private void enhancedPacket(CaptureRecord r, long body, long at) throws IOException {
        in.read(header, 0, 20, "a packet block");
        int iface = (int) u32(header, 0);
        if (iface >= interfaces.size()) {
            throw new CaptureException(at + 8, "packet of interface " + iface + " that was never described");
        }
        long ts = (u32(header, 4) << 32) | u32(header, 8);
        int caplen = (int) u32(header, 12);
        int origlen = (int) u32(header, 16);
        if (caplen < 0 || caplen > body - 20) {
            throw new CaptureException(at + 20, "captured length " + caplen + " exceeds its block");
        }
        r.fileOffset = at;
        PcapngInterface described = interfaces.get(iface);
        r.timeNanos = described.nanos(ts);
        r.linkType = described.linkType();
        r.interfaceName = described.name();
        read(r, caplen);
        r.originalLength = origlen;
        in.skip(body - 20 - caplen, "a packet block");
        LinkTypes.decode(r);
    }

    private void simplePacket(CaptureRecord r, long body, long at) throws IOException {
        in.read(header, 0, 4, "a simple packet block");
        int origlen = (int) u32(header, 0);
        int caplen = (int) Math.min(origlen, body - 4);
        r.fileOffset = at;
        r.timeNanos = 0;
        r.linkType = interfaces.isEmpty() ? LinkTypes.ETHERNET : interfaces.get(0).linkType();
        r.interfaceName = interfaces.isEmpty() ? null : interfaces.get(0).name();
        read(r, caplen);
        r.originalLength = origlen;
        in.skip(body - 4 - caplen, "a simple packet block");
        LinkTypes.decode(r);
    }

    private long u32(byte[] b, int at) {
        long be = LinkTypes.u32(b, at);
        return bigEndian ? be : Integer.toUnsignedLong(Integer.reverseBytes((int) be));
    }

    private int u16(byte[] b, int at) {
        int be = LinkTypes.u16(b, at);
        return bigEndian ? be : ((be & 0xFF) << 8) | (be >>> 8);
    }

    @Override
    public void close() throws IOException {
        in.close();
    }
}
