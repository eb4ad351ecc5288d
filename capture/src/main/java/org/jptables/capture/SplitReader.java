package org.jptables.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads the records of one byte range {@code [start, end)} of a capture file, so that several
 * readers share one big capture: the records whose first byte lies in the range, in file order.
 * A range rarely starts on a record, so each reader finds the first one by heuristics; it also
 * tells, read record by record rather than guessed, where the records continue past its end
 * ({@link #nextOffset()}). The caller proves a set of ranges by checking that every range's
 * {@link #firstOffset()} is its predecessor's {@link #nextOffset()}: then every record was read
 * exactly once.
 */
public interface SplitReader extends AutoCloseable {
    /** Where this range's first record starts (the file's size if none starts in or after the range). */
    long firstOffset();

    /** After {@link #next} returned false: where the first record at or after the range's end starts. */
    long nextOffset();

    /** Reads the next record of the range into {@code r}; false past the range. */
    boolean next(CaptureRecord r) throws IOException;

    @Override
    void close() throws IOException;

    /** The reader of {@code [start, end)} of a pcap or pcapng file, chosen by its magic number. */
    static SplitReader open(Path file, long start, long end) throws IOException {
        return magic(file) == Magic.PCAPNG ? PcapngSplitReader.open(file, start, end)
                : PcapSplitReader.open(file, start, end);
    }

    /** Whether the file is a capture read in splits (pcap or pcapng). */
    static boolean splittable(Path file) throws IOException {
        return magic(file) != Magic.OTHER;
    }

    /** The kinds of file the magic number tells apart. */
    enum Magic { PCAP, PCAPNG, OTHER }

    private static Magic magic(Path file) throws IOException {
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ)) {
            ByteBuffer h = ByteBuffer.allocate(4);
            if (channel.read(h, 0) < 4) {
                return Magic.OTHER;
            }
            int magic = h.getInt(0);
            int le = Integer.reverseBytes(magic);
            if (magic == 0x0A0D0D0A) {
                return Magic.PCAPNG;
            }
            return magic == 0xA1B2C3D4 || magic == 0xA1B23C4D || le == 0xA1B2C3D4 || le == 0xA1B23C4D ? Magic.PCAP
                    : Magic.OTHER;
        }
    }
}
