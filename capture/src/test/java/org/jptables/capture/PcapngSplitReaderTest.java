package org.jptables.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jptables.capture.samples.OfficeTraffic;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A pcapng capture read in byte ranges of any size gives back every packet exactly once, in
 * order, with its interface's name, link type and timestamp, each range synchronising where its
 * predecessor's blocks continue; blocks that are not packets (name resolution, statistics,
 * custom) are passed over wherever they fall.
 */
class PcapngSplitReaderTest {
    @TempDir
    static Path dir;
    static Path capture;

    /** The office sample's frames, taken alternately on eth0 and eth1, other blocks among them. */
    @BeforeAll
    static void write() throws IOException {
        Path pcap = dir.resolve("office.pcap");
        OfficeTraffic.write(pcap, 7, 96 << 10);
        capture = dir.resolve("office.pcapng");
        try (CaptureReader reader = CaptureReader.open(pcap);
                PcapngWriter writer = new PcapngWriter(capture, Arrays.asList("eth0", "eth1"))) {
            CaptureRecord r = new CaptureRecord();
            int n = 0;
            while (reader.next(r)) {
                writer.write(n % 2, r.timeNanos, r.data, 0, r.length);
                if (n % 50 == 17) {
                    writer.block(4, new byte[] {1, 0, 8, 0, (byte) 198, 18, 0, 1, 'f', 'w', 0, 0, 0, 0, 0, 0}, 16);
                }
                if (n % 70 == 3) {
                    writer.block(0x00000BAD, new byte[] {0x20, 0x6C, 0, 0, 'x', 'y', 'z'}, 7);
                }
                n++;
            }
            writer.block(5, new byte[16], 16);
        }
    }

    @ParameterizedTest(name = "ranges of {0} bytes")
    @ValueSource(ints = {333, 1499, 4096, 65536, 1 << 30})
    void rangesTogetherReadEveryPacketOnce(int size) throws IOException {
        List<String> whole = new ArrayList<>();
        try (CaptureReader reader = CaptureReader.open(capture)) {
            CaptureRecord r = new CaptureRecord();
            while (reader.next(r)) {
                whole.add(describe(r));
            }
        }
        assertTrue(whole.size() > 100, "the sample has frames");
        List<String> split = new ArrayList<>();
        long length = Files.size(capture);
        long continues = -1;
        for (long start = 0; start < length; start += size) {
            try (SplitReader reader = SplitReader.open(capture, start, start + size)) {
                assertInstanceOf(PcapngSplitReader.class, reader);
                if (start > 0) {
                    assertEquals(continues, reader.firstOffset(), "the range at " + start + " synchronised");
                }
                CaptureRecord r = new CaptureRecord();
                while (reader.next(r)) {
                    split.add(describe(r));
                }
                continues = reader.nextOffset();
            }
        }
        assertEquals(length, continues);
        assertEquals(whole, split);
    }

    @Test
    void anInterfaceDescribedAfterThePacketsStopsTheRangeThatMeetsIt() throws IOException {
        Path late = dir.resolve("late.pcapng");
        byte[] frame = new byte[60];
        frame[12] = 0x08;
        try (PcapngWriter writer = new PcapngWriter(late, List.of("eth0"))) {
            writer.write(0, 1_000, frame, 0, frame.length);
            byte[] idb = new byte[8];
            idb[0] = 1;
            writer.block(1, idb, idb.length);
            writer.write(0, 2_000, frame, 0, frame.length);
        }
        int packets = 0;
        try (CaptureReader whole = CaptureReader.open(late)) {
            CaptureRecord r = new CaptureRecord();
            while (whole.next(r)) {
                packets++;
            }
        }
        assertEquals(2, packets, "read whole, the capture is fine");
        try (SplitReader reader = SplitReader.open(late, 0, Files.size(late))) {
            CaptureRecord r = new CaptureRecord();
            assertTrue(reader.next(r));
            CaptureException e = assertThrows(CaptureException.class, () -> reader.next(r));
            assertTrue(e.getMessage().contains("an interface description after the first packet: this capture"
                    + " cannot be read in splits"), e.getMessage());
        }
    }

    @Test
    void onlyCapturesAreSplittable() throws IOException {
        Path text = dir.resolve("notes.txt");
        Files.writeString(text, "not a capture");
        assertEquals(false, SplitReader.splittable(text));
        assertTrue(SplitReader.splittable(capture));
    }

    private static String describe(CaptureRecord r) {
        return r.fileOffset + " " + r.timeNanos + " " + r.length + " " + r.originalLength + " " + r.linkType + " "
                + r.interfaceName + " " + r.network + " " + Arrays.hashCode(Arrays.copyOf(r.data, r.length));
    }
}
