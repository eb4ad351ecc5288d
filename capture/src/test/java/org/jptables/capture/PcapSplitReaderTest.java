package org.jptables.capture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jptables.capture.samples.OfficeTraffic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * A pcap read in byte ranges of any size gives back every record exactly once, in order, each
 * range synchronising where its predecessor's records continue.
 */
class PcapSplitReaderTest {
    @TempDir
    static Path dir;

    @ParameterizedTest(name = "ranges of {0} bytes")
    @ValueSource(ints = {100, 1499, 4096, 65536, 1 << 30})
    void rangesTogetherReadEveryRecordOnce(int size) throws IOException {
        Path file = dir.resolve("office-" + size + ".pcap");
        OfficeTraffic.write(file, 42, 96 << 10);
        List<String> whole = new ArrayList<>();
        try (CaptureReader reader = CaptureReader.open(file)) {
            CaptureRecord r = new CaptureRecord();
            while (reader.next(r)) {
                whole.add(describe(r));
            }
        }
        List<String> split = new ArrayList<>();
        long length = Files.size(file);
        long continues = -1;
        for (long start = 0; start < length; start += size) {
            try (PcapSplitReader reader = PcapSplitReader.open(file, start, start + size)) {
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
    void aPcapngFileGetsItsOwnReader() throws IOException {
        Path file = dir.resolve("x.pcapng");
        try (PcapngWriter writer = new PcapngWriter(file, java.util.List.of("eth0"))) {
            writer.write(0, 5, new byte[60], 0, 60);
        }
        try (SplitReader reader = SplitReader.open(file, 0, 1 << 20)) {
            assertFalse(reader instanceof PcapSplitReader);
        }
    }

    private static String describe(CaptureRecord r) {
        return r.fileOffset + " " + r.timeNanos + " " + r.length + " " + r.network + " "
                + java.util.Arrays.hashCode(java.util.Arrays.copyOf(r.data, r.length));
    }
}
