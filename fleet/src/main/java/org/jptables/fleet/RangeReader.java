package org.jptables.fleet;

import java.nio.file.Path;
import java.util.Arrays;
import org.apache.flink.streaming.api.functions.ProcessFunction;
import org.apache.flink.util.Collector;
import org.apache.flink.util.OutputTag;
import org.jptables.capture.CaptureRecord;
import org.jptables.capture.SplitReader;
import org.jptables.kernel.path.ConnectionKey;

/**
 * Reads one byte range of a capture ({@link SplitReader}: pcap or pcapng) and sends each frame on, keyed by
 * its conversation. Beside the frames, on {@link #CHECKS}, where the range synchronised and where
 * its records continue past its end (the client proves with them that the ranges cover every
 * record once), and the fragmented ICMP errors seen, which a conversation key cannot place.
 */
final class RangeReader extends ProcessFunction<CaptureRange, SplitPacket> {
    private static final long serialVersionUID = 1L;
    static final OutputTag<FleetRecord> CHECKS = new OutputTag<>("split-checks") {
    };

    @Override
    public void processElement(CaptureRange range, Context context, Collector<SplitPacket> out) throws Exception {
        long fragmentedIcmp = 0;
        try (SplitReader reader = SplitReader.open(Path.of(range.path), range.start, range.end)) {
            CaptureRecord r = new CaptureRecord();
            while (reader.next(r)) {
                SplitPacket p = new SplitPacket();
                p.host = range.host;
                p.file = range.file;
                p.offset = r.fileOffset;
                p.timeNanos = r.timeNanos;
                p.linkType = r.linkType;
                p.originalLength = r.originalLength;
                p.interfaceName = r.interfaceName;
                p.frame = Arrays.copyOf(r.data, r.length);
                if (r.etherType == 0x0800 && r.network >= 0) {
                    int length = r.length - r.network;
                    p.key = ConnectionKey.of(r.data, r.network, length);
                    if (ConnectionKey.isFragmentedIcmpError(r.data, r.network, length)) {
                        fragmentedIcmp++;
                    }
                }
                out.collect(p);
            }
            context.output(CHECKS, new FleetRecord(SplitChecks.SYNC, range.host, "rules",
                    range.file + ":" + range.index, 0, reader.firstOffset(), reader.nextOffset()));
        } catch (java.io.IOException e) {
            throw new HostFailure(range.host + ": " + range.path + " [" + range.start + ", " + range.end + "): "
                    + e.getMessage(), e);
        }
        context.output(CHECKS, new FleetRecord(SplitChecks.CHECK, range.host, "rules", SplitChecks.FRAGMENTED_ICMP, 0,
                fragmentedIcmp, 0));
    }
}
