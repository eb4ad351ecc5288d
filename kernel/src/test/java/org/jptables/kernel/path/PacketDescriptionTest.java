package org.jptables.kernel.path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.util.List;
import java.util.Map;
import org.jptables.kernel.packet.LocalSocket;
import org.jptables.kernel.packet.PacketView;
import org.junit.jupiter.api.Test;

class PacketDescriptionTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private static PacketDescription read(String line) throws Exception {
        return PacketDescription.of(JSON.readTree(line));
    }

    @Test
    void anUnknownFieldIsNamedWithEveryValidOne() {
        var e = assertThrows(IllegalArgumentException.class,
                () -> read("{\"src\":\"192.0.2.1\",\"dst\":\"198.18.0.1\",\"protocol\":\"udp\"}"));
        assertEquals("unknown packet field \"protocol\" (valid: in, src, dst, proto, sport, dport, flags, seq, ack, "
                + "window, mss, sack_perm, tsval, tsecr, wscale, type, code, id, icmp_seq, quote, len, data, ttl, tos, ipid, df, frame, ip, time, cpu, socket, uid, gid, "
                + "groups, cgroup, classid)", e.getMessage());
        assertTrue(e.getMessage().indexOf('\n') < 0);
    }

    /** A value of the right kind for each field. */
    private static final Map<String, Object> EXAMPLES = Map.ofEntries(Map.entry("in", "eth1"),
            Map.entry("src", "192.0.2.1"), Map.entry("dst", "198.18.0.1"), Map.entry("proto", "tcp"),
            Map.entry("sport", 1234), Map.entry("dport", 22), Map.entry("flags", "SA"), Map.entry("seq", 5),
            Map.entry("ack", 6), Map.entry("window", 100), Map.entry("mss", 1400), Map.entry("len", 3),
            Map.entry("sack_perm", true), Map.entry("tsval", 7), Map.entry("tsecr", 8), Map.entry("wscale", 7),
            Map.entry("ttl", 9), Map.entry("tos", 16), Map.entry("ipid", 0xBEEF), Map.entry("df", true),
            Map.entry("time", 1.5), Map.entry("data", "PASV\r\n"));

    @Test
    void everyListedFieldIsAccepted() throws Exception {
        for (PacketDescription.Field f : PacketDescription.FIELDS) {
            ObjectNode node = JSON.createObjectNode().put("src", "192.0.2.1").put("dst", "198.18.0.1");
            switch (f.name()) {
                case "frame" -> node.put("frame", "00".repeat(14) + "4500001400000000400100000a0000010a000002");
                case "ip" -> node.put("ip", "4500001400000000400100000a0000010a000002");
                case "quote" -> node.put("proto", "icmp").put("type", 3).put("code", 3).set("quote",
                        JSON.createObjectNode().put("src", "198.18.0.1").put("dst", "192.0.2.1").put("proto", "udp"));
                case "type", "code", "id", "icmp_seq" -> node.put("proto", "icmp").put(f.name(), 3);
                case "socket" -> node.put("in", "host").put("socket", "kernel");
                case "uid", "gid" -> node.put("in", "host").put(f.name(), 1000);
                case "groups" -> node.put("in", "host").set("groups", JSON.createArrayNode().add(27).add(100));
                case "cgroup" -> node.put("in", "host").put("cgroup", "/system.slice");
                case "classid" -> node.put("in", "host").put("classid", 0x10001);
                case "cpu" -> node.put("cpu", 3);
                default -> node.putPOJO(f.name(), EXAMPLES.get(f.name()));
            }
            assertFalse(f.meaning().isBlank(), f.name());
            PacketDescription.of(JSON.readTree(node.toString()));
        }
    }

    @Test
    void theSendersCgroupAndClassid() throws Exception {
        PacketDescription d = read("{\"in\":\"host\",\"src\":\"198.18.0.1\",\"dst\":\"198.18.1.2\","
                + "\"uid\":33,\"cgroup\":\"system.slice//nginx.service/\",\"classid\":65537}");
        assertEquals("/system.slice/nginx.service", d.socket().cgroup());
        assertEquals(65537, d.socket().classid());
        assertEquals(33, d.socket().uid());
        assertEquals("/", read("{\"in\":\"host\",\"src\":\"198.18.0.1\",\"dst\":\"198.18.1.2\"}").socket().cgroup());
        assertThrows(IllegalArgumentException.class, () -> read("{\"in\":\"host\",\"src\":\"198.18.0.1\","
                + "\"dst\":\"198.18.1.2\",\"classid\":4294967296}"));
        assertThrows(IllegalArgumentException.class, () -> read("{\"in\":\"host\",\"src\":\"198.18.0.1\","
                + "\"dst\":\"198.18.1.2\",\"socket\":\"kernel\",\"cgroup\":\"/a\"}"));
        assertThrows(IllegalArgumentException.class, () -> read("{\"in\":\"eth0\",\"src\":\"198.18.0.2\","
                + "\"dst\":\"198.18.0.1\",\"cgroup\":\"/a\"}"));
    }

    @Test
    void theHeaderFieldsLandWhereThePacketAccessorsReadThem() throws Exception {
        PacketDescription d = read("{\"in\":\"eth1\",\"src\":\"192.0.2.1\",\"dst\":\"198.18.0.1\",\"ipid\":48879,"
                + "\"df\":true,\"ttl\":9,\"tos\":16,\"len\":3}");
        assertEquals("eth1", d.in());
        PacketView p = new PacketView().wrap(d.ip());
        assertEquals(0xBEEF, p.identification());
        assertTrue(p.dontFragment());
        assertEquals(List.of(9, 16, 20 + 20 + 3), List.of(p.ttl(), p.tos(), p.totalLength()));
    }

    @Test
    void dataIsThePayloadOneByteACharacter() throws Exception {
        PacketDescription tcp = read("{\"src\":\"198.18.0.2\",\"dst\":\"198.18.1.2\",\"dport\":21,\"flags\":\"PA\","
                + "\"data\":\"PORT 1,2\\r\\n\\u00ff\"}");
        PacketView p = new PacketView().wrap(tcp.ip());
        assertEquals(20 + 20 + 11, p.totalLength());
        assertEquals('P', p.u8(40));
        assertEquals('\r', p.u8(48));
        assertEquals(0xFF, p.u8(50));
        PacketDescription udp = read("{\"src\":\"198.18.0.2\",\"dst\":\"198.18.1.2\",\"proto\":\"udp\",\"dport\":69,"
                + "\"data\":\"\\u0000\\u0001f\\u0000\"}");
        PacketView u = new PacketView().wrap(udp.ip());
        assertEquals(8 + 4, u.u16(24), "the UDP length counts the data");
        assertEquals(1, u.u16(28));
        assertEquals("data: a packet has either data or len, not both", assertThrows(IllegalArgumentException.class,
                () -> read("{\"src\":\"192.0.2.1\",\"dst\":\"198.18.0.1\",\"len\":3,\"data\":\"x\"}")).getMessage());
        assertEquals("data: character 2 is not a byte (0-255)", assertThrows(IllegalArgumentException.class,
                () -> read("{\"src\":\"192.0.2.1\",\"dst\":\"198.18.0.1\",\"data\":\"x\\u0100\"}")).getMessage());
    }

    @Test
    void theHelpListsEveryFieldOnALineOfItsOwn() {
        String help = PacketDescription.fieldHelp("  ");
        List<String> lines = help.lines().toList();
        assertEquals(PacketDescription.FIELDS.size(), lines.size());
        for (int i = 0; i < lines.size(); i++) {
            PacketDescription.Field f = PacketDescription.FIELDS.get(i);
            assertTrue(lines.get(i).startsWith("  " + f.name() + " "), lines.get(i));
            assertTrue(lines.get(i).endsWith(f.meaning()), lines.get(i));
            assertEquals(lines.get(0).indexOf(PacketDescription.FIELDS.get(0).meaning()), lines.get(i).indexOf(f.meaning()));
        }
    }

    @Test
    void theSenderOfAPacketTheHostSends() throws Exception {
        String addresses = "\"src\":\"198.18.0.1\",\"dst\":\"198.18.1.2\"";
        assertEquals(LocalSocket.ROOT, read("{\"in\":\"host\"," + addresses + "}").socket());
        assertEquals(LocalSocket.NONE, read("{" + addresses + "}").socket());
        assertEquals(LocalSocket.of(1000, 0), read("{\"in\":\"host\",\"uid\":1000," + addresses + "}").socket());
        assertEquals(LocalSocket.of(5, 6, 27, 4294967294L),
                read("{\"in\":\"host\",\"uid\":5,\"gid\":6,\"groups\":[27,4294967294]," + addresses + "}").socket());
        assertEquals(LocalSocket.KERNEL, read("{\"in\":\"host\",\"socket\":\"kernel\"," + addresses + "}").socket());
        assertEquals(LocalSocket.NONE, read("{\"in\":\"host\",\"socket\":\"none\"," + addresses + "}").socket());
        for (String bad : List.of("\"uid\":1", "\"in\":\"host\",\"uid\":-1", "\"in\":\"host\",\"gid\":4294967295",
                "\"in\":\"host\",\"uid\":\"root\"", "\"in\":\"host\",\"groups\":5",
                "\"in\":\"host\",\"socket\":\"kernel\",\"uid\":1", "\"in\":\"host\",\"socket\":\"x\"")) {
            assertThrows(IllegalArgumentException.class, () -> read("{" + bad + "," + addresses + "}"), bad);
        }
    }
}
