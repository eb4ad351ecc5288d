package org.jptables.distribution;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jptables replay --nflog FILE}: NFLOG's copies in a pcap of link type NFLOG (239), one
 * record per NFLOG rule a packet met, which tcpdump reads back (checked where tcpdump is installed).
 */
class NflogReplayIT {
    @TempDir
    Path dir;

    @Test
    void theCopiesLandInAnNflogPcap() throws Exception {
        Path rules = dir.resolve("rules");
        Files.writeString(rules, "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\n"
                + "-A INPUT -p udp -j NFLOG --nflog-group 5 --nflog-prefix in\n"
                + "-A FORWARD -j NFLOG --nflog-group 6 --nflog-size 20\n"
                + "-A OUTPUT -j NFLOG\nCOMMIT\n");
        Path packets = dir.resolve("packets.jsonl");
        Files.writeString(packets, "{\"in\":\"eth0\",\"src\":\"198.18.0.2\",\"dst\":\"198.18.0.1\",\"proto\":\"udp\",\"dport\":53}\n"
                + "{\"in\":\"eth0\",\"src\":\"198.18.0.2\",\"dst\":\"198.18.1.2\",\"dport\":443,\"time\":2}\n"
                + "{\"in\":\"host\",\"src\":\"198.18.0.1\",\"dst\":\"198.18.1.2\",\"proto\":\"icmp\",\"uid\":1000,\"time\":3}\n");
        Path pcap = dir.resolve("nflog.pcap");
        Jptables.Result r = new Jptables(dir).iptables(List.of("replay", "--rules", rules.toString(), "--packets",
                packets.toString(), "--nflog", pcap.toString()));
        assertEquals(0, r.status(), r.err());

        ByteBuffer b = ByteBuffer.wrap(Files.readAllBytes(pcap)).order(ByteOrder.LITTLE_ENDIAN);
        assertEquals(0xA1B2C3D4, b.getInt(0));
        assertEquals(239, b.getInt(20));
        int at = 24;
        int[] groups = new int[3];
        int records = 0;
        while (at < b.limit()) {
            int length = b.getInt(at + 8);
            groups[records++] = ((b.get(at + 16 + 2) & 0xFF) << 8) | (b.get(at + 16 + 3) & 0xFF);
            at += 16 + length;
        }
        assertEquals(3, records);
        assertEquals(List.of(5, 6, 0), List.of(groups[0], groups[1], groups[2]));

        if (Files.isExecutable(Path.of("/usr/bin/tcpdump")) || Files.isExecutable(Path.of("/usr/sbin/tcpdump"))) {
            Process p = new ProcessBuilder("tcpdump", "-r", pcap.toString(), "-nn").redirectErrorStream(true).start();
            String out = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertTrue(p.waitFor(30, TimeUnit.SECONDS));
            assertTrue(out.contains("link-type NFLOG"), out);
            assertTrue(out.contains("00:00:00.000000 IP 198.18.0.2.40000 > 198.18.0.1.53: "), out);
            // --nflog-size 20 copied the IPv4 header alone
            assertTrue(out.contains("00:00:02.000000 IP truncated-ip - 20 bytes missing! 198.18.0.2 > 198.18.1.2: [|tcp]"), out);
            assertTrue(out.contains("00:00:03.000000 IP 198.18.0.1 > 198.18.1.2: ICMP echo request, id 1, seq 1, length 8"), out);
        }
    }
}
