package org.jptables.examples.pcaplog;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jptables.api.RuleException;
import org.jptables.api.Target;
import org.jptables.api.TargetBuilder;
import org.jptables.api.Verdict;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestContext;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PcapLogTest {
    @TempDir
    Path tmp;

    private final RuleTester filter = RuleTester.filter();

    /** One record of a pcap file. */
    record Record(long seconds, long micros, int captured, int length, byte[] data) {
    }

    /** The records of a file this target wrote, after checking its header. */
    static List<Record> read(Path file) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(file)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0xA1B2C3D4, b.getInt());
        assertEquals(2, b.getShort());
        assertEquals(4, b.getShort());
        b.getInt();
        b.getInt();
        assertEquals(65535, b.getInt());
        assertEquals(101, b.getInt());
        List<Record> records = new ArrayList<>();
        while (b.hasRemaining()) {
            long seconds = b.getInt() & 0xFFFFFFFFL;
            long micros = b.getInt() & 0xFFFFFFFFL;
            int captured = b.getInt();
            int length = b.getInt();
            byte[] data = new byte[captured];
            b.get(data);
            records.add(new Record(seconds, micros, captured, length, data));
        }
        return records;
    }

    private static Target target(TestContext context, String... words) throws RuleException {
        TargetBuilder b = new PcapLogExtension().newBuilder(context);
        for (int i = 0; i < words.length; i += 2) {
            b.option(words[i], List.of(words[i + 1]), false);
        }
        return b.build();
    }

    private static byte[] bytes(PacketView p) {
        byte[] out = new byte[p.length()];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) p.u8(i);
        }
        return out;
    }

    @Test
    void savesAndListsThroughTheKernel() {
        Path file = tmp.resolve("out.pcap");
        assertEquals("-A INPUT -j PCAPLOG --file \"" + file + "\"", filter.saved("-j PCAPLOG --file " + file));
        assertEquals("-A INPUT -j PCAPLOG --file \"" + file + "\" --snaplen 96",
                filter.saved("-j PCAPLOG --snaplen 0x60 --file " + tmp + "/./out.pcap"));
        assertTrue(filter.listed("-j PCAPLOG --file " + file + " --snaplen 96", true)
                .endsWith("PCAPLOG file " + file + " snaplen 96"), filter.listed("-j PCAPLOG --file " + file, true));
        // a path with a blank and a quote: saved quoted and escaped, read back the same
        Path odd = tmp.resolve("it's here.pcap");
        String saved = filter.saved("-j PCAPLOG --file \"" + tmp + "/it\\'s here.pcap\"");
        assertEquals("-A INPUT -j PCAPLOG --file \"" + tmp + "/it\\'s here.pcap\"", saved);
        assertEquals(saved, filter.saved(saved.substring("-A INPUT ".length())));
        assertTrue(filter.listed(saved.substring("-A INPUT ".length()), true).endsWith("PCAPLOG file " + odd));
    }

    @Test
    void refusesInIptablesWords() throws IOException {
        assertEquals("PCAPLOG: option \"--file\" needs an absolute path, not \"out.pcap\".",
                filter.error("-j PCAPLOG --file out.pcap"));
        assertEquals("PCAPLOG: no directory " + tmp.resolve("none") + " for \"" + tmp.resolve("none/out.pcap") + "\".",
                filter.error("-j PCAPLOG --file " + tmp.resolve("none/out.pcap")));
        assertEquals("PCAPLOG: \"" + tmp + "\" is a directory.", filter.error("-j PCAPLOG --file " + tmp));
        assertEquals("PCAPLOG: bad value for option \"--snaplen\", or out of range (1-65535).",
                filter.error("-j PCAPLOG --file /tmp/x.pcap --snaplen 65536"));
        assertEquals("PCAPLOG: bad value for option \"--snaplen\", or out of range (1-65535).",
                filter.error("-j PCAPLOG --file /tmp/x.pcap --snaplen 0"));
        Path text = Files.writeString(tmp.resolve("notes.txt"), "not a capture, but long enough to hold a header");
        assertEquals("PCAPLOG: \"" + text + "\" is not a little-endian pcap file.", filter.error("-j PCAPLOG --file " + text));
        byte[] ethernet = new byte[24];
        ByteBuffer.wrap(ethernet).order(ByteOrder.LITTLE_ENDIAN).putInt(0xA1B2C3D4).putShort((short) 2)
                .putShort((short) 4).putInt(0).putInt(0).putInt(65535).putInt(1);
        Path other = Files.write(tmp.resolve("ethernet.pcap"), ethernet);
        assertEquals("PCAPLOG: \"" + other + "\" has link type 1, not RAW (101).", filter.error("-j PCAPLOG --file " + other));
        assertEquals("PCAPLOG: option \"--file\" must be specified", filter.error("-j PCAPLOG"));
        assertEquals("PCAPLOG: option \"--file\" cannot be inverted.", filter.error("-j PCAPLOG ! --file /tmp/x.pcap"));
    }

    @Test
    void writesEachPacketAndContinues() throws Exception {
        Path file = tmp.resolve("out.pcap");
        Target t = target(TestContext.filterInput(), "--file", file.toString());
        assertTrue(Files.notExists(file), "the file is opened by the first packet, not by the rule");
        PacketView first = TestPackets.tcp("203.0.113.9", 40000, "198.18.0.1", 22).view();
        first.timeNanos(1_700_000_000_123_456_789L);
        byte[] firstBytes = bytes(first);
        assertEquals(Verdict.CONTINUE, t.apply(first));
        PacketView second = TestPackets.udp("203.0.113.10", 5353, "198.18.0.1", 53).length(100).view();
        byte[] secondBytes = bytes(second);
        assertEquals(Verdict.CONTINUE, t.apply(second));
        List<Record> records = read(file);
        assertEquals(2, records.size());
        assertEquals(1_700_000_000L, records.get(0).seconds());
        assertEquals(123_456, records.get(0).micros());
        assertEquals(40, records.get(0).length());
        assertArrayEquals(firstBytes, records.get(0).data());
        assertEquals(128, records.get(1).length());
        assertArrayEquals(secondBytes, records.get(1).data());
    }

    @Test
    void snaplenCutsTheRecordButKeepsTheLength() throws Exception {
        Path file = tmp.resolve("short.pcap");
        PacketView p = TestPackets.udp("192.0.2.1", 1, "198.18.0.1", 2).length(1000).view();
        target(TestContext.filterInput(), "--file", file.toString(), "--snaplen", "28").apply(p);
        Record r = read(file).get(0);
        assertEquals(28, r.captured());
        assertEquals(1028, r.length());
        assertArrayEquals(Arrays.copyOf(bytes(p), 28), r.data());
    }

    @Test
    void appendsToAnExistingFileAndSharesOneWriterPerFile() throws Exception {
        Path file = tmp.resolve("shared.pcap");
        TestContext ruleset = TestContext.filterInput();
        Target a = target(ruleset, "--file", file.toString());
        Target b = target(ruleset, "--file", tmp + "/../" + tmp.getFileName() + "/shared.pcap", "--snaplen", "20");
        a.apply(TestPackets.tcp("192.0.2.1", 1, "198.18.0.1", 2).view());
        b.apply(TestPackets.tcp("192.0.2.2", 1, "198.18.0.1", 2).view());
        a.apply(TestPackets.tcp("192.0.2.3", 1, "198.18.0.1", 2).view());
        // a later ruleset (another jptables process) appends after the records already there
        target(TestContext.filterInput(), "--file", file.toString()).apply(TestPackets.tcp("192.0.2.4", 1, "198.18.0.1", 2).view());
        List<Record> records = read(file);
        assertEquals(List.of(40, 20, 40, 40), records.stream().map(Record::captured).toList());
        assertEquals(List.of(1, 2, 3, 4), records.stream().map(r -> (int) r.data()[15]).toList());
    }

    @Test
    void throughTheKernelLoop() throws Exception {
        Path file = tmp.resolve("loop.pcap");
        PacketView p = TestPackets.icmp("192.0.2.7", "198.18.0.1", 8, 0).view();
        // PCAPLOG goes on to the next rule: the chain's policy decides
        assertEquals("ACCEPT", filter.verdictName("-j PCAPLOG --file " + file, p));
        assertEquals(1, read(file).size());
        assertArrayEquals(bytes(p), read(file).get(0).data());
    }

    @Test
    void aWriteErrorIsKeptAndShownInTheListing() throws Exception {
        Path file = tmp.resolve("gone/out.pcap");
        Files.createDirectory(file.getParent());
        Target t = target(TestContext.filterInput(), "--file", file.toString());
        Files.delete(file.getParent());
        assertEquals(Verdict.CONTINUE, t.apply(TestPackets.tcp("192.0.2.1", 1, "198.18.0.1", 2).view()));
        StringBuilder listed = new StringBuilder();
        t.print(listed, null);
        assertTrue(listed.toString().startsWith(" PCAPLOG file " + file + " (write failed: "), listed.toString());
    }

    @Test
    void thePerPacketPathAllocatesNothing() throws Exception {
        Target t = target(TestContext.filterInput(), "--file", tmp.resolve("many.pcap").toString(), "--snaplen", "64");
        PacketView p = TestPackets.tcp("192.0.2.1", 1, "198.18.0.1", 2).length(200).view();
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long id = Thread.currentThread().threadId();
        for (int round = 0; round < 3; round++) {
            long before = threads.getThreadAllocatedBytes(id);
            for (int i = 0; i < 20_000; i++) {
                t.apply(p);
            }
            long allocated = threads.getThreadAllocatedBytes(id) - before;
            if (round > 0) {
                assertTrue(allocated < 1024, "allocated " + allocated + " bytes for 20000 packets");
            }
        }
        assertEquals(60_000, read(tmp.resolve("many.pcap")).size());
        StringBuilder listed = new StringBuilder();
        t.print(listed, null);
        assertEquals(" PCAPLOG file " + tmp.resolve("many.pcap") + " snaplen 64", listed.toString());
    }
}
