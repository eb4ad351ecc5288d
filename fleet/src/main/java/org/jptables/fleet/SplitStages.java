package org.jptables.fleet;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.functions.Partitioner;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.java.functions.KeySelector;
import org.apache.flink.streaming.api.datastream.DataStream;
import org.apache.flink.streaming.api.datastream.SingleOutputStreamOperator;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * The stages of the hosts split by connection:
 *
 * <pre>
 *   byte ranges of the captures --[round robin]--> read (RangeReader: frames keyed by conversation)
 *     --[by host and conversation]--> replay each conversation, its frames put back in capture order
 *     (ConversationReplay) --> per-host records
 * </pre>
 *
 * The order is what makes the split exact: a task receives frames from every reader in any order,
 * and puts each conversation's frames back in the order of the host's captures (file, offset),
 * which is the per-host replay's order.
 */
final class SplitStages {
    private SplitStages() {
    }

    static DataStream<FleetRecord> build(StreamExecutionEnvironment env, List<HostSpec> hosts, FleetOptions options,
                                         int parallelism) {
        List<CaptureRange> ranges = ranges(hosts, options.rangeBytes());
        Map<String, HostSpec> byName = new HashMap<>();
        hosts.forEach(h -> byName.put(h.name, h));
        SingleOutputStreamOperator<SplitPacket> frames = env.fromData(ranges, TypeInformation.of(CaptureRange.class))
                .name("capture ranges").rebalance()
                .process(new RangeReader()).name("read ranges").setParallelism(parallelism)
                .returns(SplitPacket.class);
        DataStream<FleetRecord> checks = frames.getSideOutput(RangeReader.CHECKS);
        DataStream<FleetRecord> replayed = frames.partitionCustom(new ByConversation(), new Conversation())
                .fullWindowPartition().mapPartition(new ConversationReplay(options, byName)).name("replay conversations")
                .setParallelism(parallelism).returns(FleetRecord.class);
        return replayed.union(checks);
    }

    /** Each capture cut in ranges of about {@code size} bytes (at least one per capture). */
    static List<CaptureRange> ranges(List<HostSpec> hosts, long size) {
        List<CaptureRange> ranges = new ArrayList<>();
        for (HostSpec h : hosts) {
            for (int f = 0; f < h.captures.length; f++) {
                String path = CaptureSource.localPath(h.captures[f]).toString();
                long length = CaptureSource.size(h.captures[f]);
                int index = 0;
                for (long start = 0; start < length || index == 0; start += size) {
                    ranges.add(new CaptureRange(h.name, f, path, start, Math.min(length, start + size), index++));
                }
            }
        }
        return ranges;
    }

    /** The host and conversation of a frame, as one number. */
    static final class Conversation implements KeySelector<SplitPacket, Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public Long getKey(SplitPacket p) {
            return p.host.hashCode() * 0x9E3779B97F4A7C15L + p.key;
        }
    }

    /** Spreads conversations over the replaying tasks. */
    static final class ByConversation implements Partitioner<Long> {
        private static final long serialVersionUID = 1L;

        @Override
        public int partition(Long key, int partitions) {
            long k = key * 0xBF58476D1CE4E5B9L;
            return (int) Math.floorMod(k ^ (k >>> 29), (long) partitions);
        }
    }
}
