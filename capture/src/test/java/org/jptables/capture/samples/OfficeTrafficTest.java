package org.jptables.capture.samples;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.jptables.api.ConnState;
import org.jptables.capture.CaptureReader;
import org.jptables.capture.CaptureRecord;
import org.jptables.kernel.conntrack.ConnectionTracker;
import org.jptables.kernel.packet.Checksums;
import org.jptables.kernel.packet.PacketView;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class OfficeTrafficTest {
    @TempDir
    Path tmp;

    @Test
    void theSameSeedGivesTheSameBytesAndAnotherSeedOtherBytes() throws Exception {
        Path a = tmp.resolve("a.pcap");
        Path b = tmp.resolve("b.pcap");
        Path c = tmp.resolve("c.pcap");
        OfficeTraffic.write(a, OfficeTraffic.SEED, 0);
        OfficeTraffic.write(b, OfficeTraffic.SEED, 0);
        OfficeTraffic.write(c, OfficeTraffic.SEED + 1, 0);
        assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
        assertFalse(Arrays.equals(Files.readAllBytes(a), Files.readAllBytes(c)));
    }

    @Test
    void everyChecksumIsRightAndTimeNeverGoesBack() throws Exception {
        Path file = tmp.resolve("office.pcap");
        OfficeTraffic.Written w = OfficeTraffic.write(file, OfficeTraffic.SEED, 0);
        int frames = 0;
        long last = 0;
        try (CaptureReader reader = CaptureReader.open(file)) {
            CaptureRecord r = new CaptureRecord();
            while (reader.next(r)) {
                frames++;
                assertEquals(0x0800, r.etherType);
                assertTrue(r.timeNanos >= last, "frame " + frames + " goes back in time");
                last = r.timeNanos;
                byte[] d = r.data;
                int ip = r.network;
                int len = r.length - ip;
                assertEquals(0xFFFF, Checksums.sum(d, ip, 20, 0), "IP checksum of frame " + frames);
                int proto = d[ip + 9] & 0xFF;
                int l4len = len - 20;
                int pseudo = proto == 1 ? 0 : Checksums.sum(d, ip + 12, 8, proto + l4len);
                assertEquals(0xFFFF, Checksums.sum(d, ip + 20, l4len, pseudo), "checksum of frame " + frames);
            }
        }
        assertEquals(w.packets(), frames);
    }

    /**
     * With every packet accepted, connection tracking must follow every flow: no packet is INVALID,
     * and the ssh sessions' data is ESTABLISHED. That holds only if sequence numbers, acknowledgements
     * and windows are what real TCP stacks send.
     */
    @Test
    void connectionTrackingFollowsEveryFlow() throws Exception {
        Path file = tmp.resolve("office.pcap");
        OfficeTraffic.write(file, OfficeTraffic.SEED, 4 << 20);
        ConnectionTracker tracker = new ConnectionTracker();
        PacketView view = new PacketView();
        byte[] packet = new byte[65536];
        int established = 0;
        int sshEstablished = 0;
        int frames = 0;
        try (CaptureReader reader = CaptureReader.open(file)) {
            CaptureRecord r = new CaptureRecord();
            while (reader.next(r)) {
                frames++;
                int len = r.length - r.network;
                System.arraycopy(r.data, r.network, packet, 0, len);
                view.wrap(packet, 0, len);
                view.inInterface(view.source() == OfficeTraffic.HOST ? "" : "eth0");
                int handle = tracker.track(view, r.timeNanos);
                assertTrue(handle >= 0, "frame " + frames + " is INVALID to conntrack");
                if (tracker.isNew(handle)) {
                    tracker.confirm(handle);
                }
                if ((view.ctState() & ConnState.ESTABLISHED) != 0) {
                    established++;
                    if (view.protocol() == 6 && (view.u16(20) == 22 || view.u16(22) == 22)) {
                        sshEstablished++;
                    }
                }
            }
        }
        assertTrue(frames > 5000, "4 MB of office traffic is thousands of frames: " + frames);
        assertTrue(established > frames / 2, established + " of " + frames);
        assertTrue(sshEstablished > 100, "ssh frames ESTABLISHED: " + sshEstablished);
    }
}
