package org.jptables.examples.pcaplog;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import org.jptables.api.Packet;

/**
 * One pcap file (classic format, microsecond timestamps, little-endian, link type RAW), appended
 * to by every rule that names it. Opened on the first packet; each record is written with one
 * {@link FileChannel#write} from a buffer allocated once, so nothing is lost when the process ends
 * and the per-packet path does not allocate. The first write error is kept (see {@link #error()})
 * and stops the writing: the per-packet path may not log.
 */
final class PcapFile {
    static final int MAX_SNAPLEN = 65535;
    static final int MAGIC = 0xA1B2C3D4;
    /** LINKTYPE_RAW: the packet begins with its IPv4 header. */
    static final int LINKTYPE_RAW = 101;
    static final int HEADER_LENGTH = 24;
    static final int RECORD_HEADER_LENGTH = 16;

    private final Path path;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(RECORD_HEADER_LENGTH + MAX_SNAPLEN)
            .order(ByteOrder.LITTLE_ENDIAN);
    private FileChannel channel;
    private String error;

    PcapFile(Path path) {
        this.path = path;
    }

    Path path() {
        return path;
    }

    /** The first write error, or null. */
    synchronized String error() {
        return error;
    }

    /** Appends one record of at most {@code snaplen} bytes of {@code packet}. */
    synchronized void write(Packet packet, int snaplen) {
        if (error != null) {
            return;
        }
        try {
            if (channel == null) {
                open();
            }
            int length = packet.length();
            int captured = Math.min(length, snaplen);
            long nanos = packet.timeNanos();
            buffer.clear();
            buffer.putInt((int) (nanos / 1_000_000_000L));
            buffer.putInt((int) (nanos % 1_000_000_000L / 1000));
            buffer.putInt(captured);
            buffer.putInt(length);
            for (int i = 0; i < captured; i++) {
                buffer.put((byte) packet.u8(i));
            }
            buffer.flip();
            while (buffer.hasRemaining()) {
                channel.write(buffer);
            }
        } catch (IOException e) {
            error = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        }
    }

    private void open() throws IOException {
        channel = FileChannel.open(path, StandardOpenOption.CREATE, StandardOpenOption.WRITE, StandardOpenOption.APPEND);
        if (channel.size() == 0) {
            ByteBuffer header = ByteBuffer.allocate(HEADER_LENGTH).order(ByteOrder.LITTLE_ENDIAN);
            header.putInt(MAGIC).putShort((short) 2).putShort((short) 4).putInt(0).putInt(0).putInt(MAX_SNAPLEN)
                    .putInt(LINKTYPE_RAW).flip();
            while (header.hasRemaining()) {
                channel.write(header);
            }
        } else {
            String problem = appendProblem(path);
            if (problem != null) {
                throw new IOException(path + " " + problem);
            }
        }
    }

    /**
     * Why records cannot be appended to {@code file}, or null when they can: it is absent, empty, or
     * a little-endian microsecond pcap file of link type RAW, as this class writes them.
     */
    static String appendProblem(Path file) throws IOException {
        if (!Files.exists(file) || Files.size(file) == 0) {
            return null;
        }
        byte[] head = new byte[HEADER_LENGTH];
        int n;
        try (var in = Files.newInputStream(file)) {
            n = in.readNBytes(head, 0, HEADER_LENGTH);
        }
        ByteBuffer b = ByteBuffer.wrap(head, 0, n).order(ByteOrder.LITTLE_ENDIAN);
        if (n < HEADER_LENGTH || b.getInt(0) != MAGIC) {
            return "is not a little-endian pcap file";
        }
        if (b.getInt(20) != LINKTYPE_RAW) {
            return "has link type " + b.getInt(20) + ", not RAW (" + LINKTYPE_RAW + ")";
        }
        return null;
    }
}
