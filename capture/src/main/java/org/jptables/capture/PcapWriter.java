package org.jptables.capture;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Writes records to a classic pcap file (microseconds, little-endian) that Wireshark and tcpdump
 * open: Ethernet frames, or another link type's records (NFLOG's).
 */
public final class PcapWriter implements AutoCloseable {
    private final OutputStream out;
    private final byte[] header = new byte[24];

    public PcapWriter(Path file) throws IOException {
        this(file, LinkTypes.ETHERNET);
    }

    /** A file of {@code linkType} records. */
    public PcapWriter(Path file, int linkType) throws IOException {
        out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        le32(header, 0, 0xA1B2C3D4);
        le16(header, 4, 2);
        le16(header, 6, 4);
        le32(header, 16, 262144);
        le32(header, 20, linkType);
        out.write(header, 0, 24);
    }

    public void write(long timeNanos, byte[] frame, int offset, int length) throws IOException {
        le32(header, 0, (int) (timeNanos / 1_000_000_000L));
        le32(header, 4, (int) ((timeNanos % 1_000_000_000L) / 1000));
        le32(header, 8, length);
        le32(header, 12, length);
        out.write(header, 0, 16);
        out.write(frame, offset, length);
    }

    private static void le16(byte[] b, int at, int v) {
        b[at] = (byte) v;
        b[at + 1] = (byte) (v >>> 8);
    }

    private static void le32(byte[] b, int at, int v) {
        le16(b, at, v);
        le16(b, at + 2, v >>> 16);
    }

    @Override
    public void close() throws IOException {
        out.close();
    }
}
