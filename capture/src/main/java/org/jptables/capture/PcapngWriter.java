package org.jptables.capture;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * Writes Ethernet frames to a pcapng file (little-endian, one section): an interface description
 * per interface named (if_name, nanosecond timestamps), then an enhanced packet block per frame.
 * For captures whose packets must say on which interface they were taken.
 */
public final class PcapngWriter implements AutoCloseable {
    private final OutputStream out;
    private final int interfaces;
    private final byte[] head = new byte[28];

    /** A file whose interfaces 0, 1, ... are named {@code names} (an entry may be null: no name). */
    public PcapngWriter(Path file, List<String> names) throws IOException {
        out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        interfaces = names.size();
        byte[] shb = new byte[16];
        le32(shb, 0, 0x1A2B3C4D);
        le16(shb, 4, 1);
        le32(shb, 8, -1); // section length unknown
        le32(shb, 12, -1);
        block(0x0A0D0D0A, shb, shb.length);
        for (String name : names) {
            byte[] n = name == null ? new byte[0] : name.getBytes(StandardCharsets.UTF_8);
            int nameOption = n.length == 0 ? 0 : 4 + ((n.length + 3) & ~3);
            byte[] idb = new byte[8 + nameOption + 8 + 4];
            le16(idb, 0, LinkTypes.ETHERNET);
            le32(idb, 4, 262144);
            int p = 8;
            if (n.length > 0) {
                le16(idb, p, 2);
                le16(idb, p + 2, n.length);
                System.arraycopy(n, 0, idb, p + 4, n.length);
                p += nameOption;
            }
            le16(idb, p, 9); // if_tsresol: 10^-9
            le16(idb, p + 2, 1);
            idb[p + 4] = 9;
            block(1, idb, idb.length); // the last 4 bytes stay zero: opt_endofopt
        }
    }

    /** One frame taken on interface {@code iface} at {@code timeNanos}. */
    public void write(int iface, long timeNanos, byte[] frame, int offset, int length) throws IOException {
        if (iface < 0 || iface >= interfaces) {
            throw new IllegalArgumentException("interface " + iface + " of " + interfaces);
        }
        int padded = (length + 3) & ~3;
        int total = 32 + padded;
        le32(head, 0, 6);
        le32(head, 4, total);
        le32(head, 8, iface);
        le32(head, 12, (int) (timeNanos >>> 32));
        le32(head, 16, (int) timeNanos);
        le32(head, 20, length);
        le32(head, 24, length);
        out.write(head, 0, 28);
        out.write(frame, offset, length);
        out.write(new byte[padded - length]);
        le32(head, 0, total);
        out.write(head, 0, 4);
    }

    /** A block of any type with {@code body} (padded to 4 bytes): name resolution, statistics, custom. */
    public void block(int type, byte[] body, int length) throws IOException {
        int padded = (length + 3) & ~3;
        int total = 12 + padded;
        le32(head, 0, type);
        le32(head, 4, total);
        out.write(head, 0, 8);
        out.write(body, 0, length);
        out.write(new byte[padded - length]);
        le32(head, 0, total);
        out.write(head, 0, 4);
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
