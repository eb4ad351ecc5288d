package org.jptables.capture;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayOutputStream;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.jptables.kernel.packet.Ipv4Builder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CaptureReaderTest {
    @TempDir
    Path dir;

    private static byte[] ethernet(byte[] ip) {
        byte[] f = new byte[14 + ip.length];
        f[0] = 2;
        f[5] = 1;
        f[6] = 2;
        f[11] = 2;
        f[12] = 0x08;
        System.arraycopy(ip, 0, f, 14, ip.length);
        return f;
    }

    @Test
    void writtenPcapReadsBack() throws Exception {
        Path file = dir.resolve("a.pcap");
        byte[] ip = new Ipv4Builder().source("198.18.0.2").destination("198.18.0.1").build();
        try (PcapWriter w = new PcapWriter(file)) {
            w.write(1_500_000_000L, ethernet(ip), 0, 14 + ip.length);
            w.write(2_000_001_000L, ethernet(ip), 0, 14 + ip.length);
        }
        try (CaptureReader r = CaptureReader.open(file)) {
            CaptureRecord rec = new CaptureRecord();
            assertTrue(r.next(rec));
            assertEquals(1_500_000_000L, rec.timeNanos);
            assertEquals(0x0800, rec.etherType);
            assertEquals(14, rec.network);
            assertEquals(0x020000000002L, rec.sourceMac);
            assertArrayEquals(ip, Arrays.copyOfRange(rec.data, 14, rec.length));
            assertTrue(r.next(rec));
            assertEquals(2_000_001_000L, rec.timeNanos);
            assertFalse(r.next(rec));
        }
    }

    @Test
    void aTruncatedCaptureSaysWhereAfterDeliveringWhatCameBefore() throws Exception {
        Path file = dir.resolve("t.pcap");
        byte[] ip = new Ipv4Builder().source("198.18.0.2").destination("198.18.0.1").build();
        try (PcapWriter w = new PcapWriter(file)) {
            w.write(0, ethernet(ip), 0, 14 + ip.length);
            w.write(0, ethernet(ip), 0, 14 + ip.length);
        }
        byte[] all = Files.readAllBytes(file);
        Files.write(file, Arrays.copyOf(all, all.length - 10));
        try (CaptureReader r = CaptureReader.open(file)) {
            CaptureRecord rec = new CaptureRecord();
            assertTrue(r.next(rec));
            CaptureException e = assertThrows(CaptureException.class, () -> r.next(rec));
            assertEquals(all.length - 10, e.offset());
            assertTrue(e.getMessage().contains("ends inside a record's data"), e.getMessage());
        }
    }

    @Test
    void notACapture() throws Exception {
        Path file = dir.resolve("x.pcap");
        Files.writeString(file, "hello world, not a capture");
        CaptureException e = assertThrows(CaptureException.class, () -> CaptureReader.open(file));
        assertTrue(e.getMessage().startsWith("at byte 0: unknown magic"), e.getMessage());
    }

    @Test
    void pcapngWithNamedInterfacesAndNanosecondsInBothByteOrders() throws Exception {
        for (ByteOrder order : new ByteOrder[] {ByteOrder.LITTLE_ENDIAN, ByteOrder.BIG_ENDIAN}) {
            byte[] ip = new Ipv4Builder().source("198.18.1.2").destination("198.18.0.2").build();
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            out.write(block(order, 0x0A0D0D0A, buf(order, 16).putInt(0x1A2B3C4D).putShort((short) 1).putShort((short) 0)
                    .putLong(-1).array()));
            byte[] name = "eth1".getBytes(StandardCharsets.UTF_8);
            ByteBuffer idb = buf(order, 8 + 8 + 8 + 4).putShort((short) 1).putShort((short) 0).putInt(0);
            idb.putShort((short) 2).putShort((short) 4).put(name);
            idb.putShort((short) 9).putShort((short) 1).put((byte) 9).put(new byte[3]);
            idb.putInt(0);
            out.write(block(order, 1, idb.array()));
            byte[] frame = ethernet(ip);
            int padded = (frame.length + 3) & ~3;
            ByteBuffer epb = buf(order, 20 + padded).putInt(0).putInt(0).putInt(123_456_789).putInt(frame.length)
                    .putInt(frame.length).put(frame);
            out.write(block(order, 6, epb.array()));
            Path file = dir.resolve("a-" + order + ".pcapng");
            Files.write(file, out.toByteArray());
            try (CaptureReader r = CaptureReader.open(file)) {
                CaptureRecord rec = new CaptureRecord();
                assertTrue(r.next(rec));
                assertEquals("eth1", rec.interfaceName);
                assertEquals(123_456_789L, rec.timeNanos);
                assertArrayEquals(ip, Arrays.copyOfRange(rec.data, rec.network, rec.length));
                assertFalse(r.next(rec));
            }
        }
    }

    private static ByteBuffer buf(ByteOrder order, int n) {
        return ByteBuffer.allocate(n).order(order);
    }

    private static byte[] block(ByteOrder order, int type, byte[] body) {
        ByteBuffer b = buf(order, 12 + body.length).putInt(type).putInt(12 + body.length).put(body).putInt(12 + body.length);
        return b.array();
    }

    @Test
    void theLabCaptureOfTheSharedFolder() throws Exception {
        Path lab = Path.of("../../shared/captures/lab.pcap");
        org.junit.jupiter.api.Assumptions.assumeTrue(Files.exists(lab), "shared/ is not beside the project");
        int frames = 0;
        int ipv4 = 0;
        try (CaptureReader r = CaptureReader.open(lab)) {
            CaptureRecord rec = new CaptureRecord();
            while (r.next(rec)) {
                frames++;
                if (rec.etherType == 0x0800) {
                    ipv4++;
                }
            }
        }
        assertTrue(frames >= 28, "lab.pcap has the 28 packets of the lab-capture case: " + frames);
        assertTrue(ipv4 >= 28);
    }
}
