package org.jptables.plugins.socket;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jptables.api.ConnState;
import org.jptables.api.Hook;
import org.jptables.api.Packet;
import org.jptables.api.Sockets;
import org.jptables.kernel.host.Host;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The match decides as xt_socket's socket_match over the host model's sockets. */
class SocketTest {
    private final RuleTester prerouting = RuleTester.of("mangle", "PREROUTING");

    /** fw's sockets: a wildcard listener, a bound transparent one with a mark, an established one, UDP. */
    static final Host HOST = host("""
            interfaces:
              - {name: lo, addresses: ["127.0.0.1/8"]}
              - {name: eth0, addresses: ["198.18.0.1/24"]}
            sockets:
              - {proto: tcp, local: "0.0.0.0:22"}
              - {proto: tcp, local: "198.18.0.1:3128", transparent: true, mark: 0x2a}
              - {proto: tcp, local: "198.18.0.1:80", remote: "198.18.0.2:40001", mark: "7"}
              - {proto: tcp, state: time-wait, local: "198.18.0.1:80", remote: "198.18.0.2:40002", transparent: true}
              - {proto: tcp, local: "0.0.0.0:80"}
              - {proto: udp, local: "0.0.0.0:53"}
              - {proto: udp, local: "198.18.0.1:5353", transparent: true}
            """);

    static Host host(String yaml) {
        try {
            return Host.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    static PacketView tcp(int sport, String dst, int dport) {
        return TestPackets.tcp("198.18.0.2", sport, dst, dport).in("eth0").view().sockets(HOST.sockets());
    }

    static PacketView udp(int sport, String dst, int dport) {
        return TestPackets.udp("198.18.0.2", sport, dst, dport).in("eth0").view().sockets(HOST.sockets());
    }

    /** Rows: the packet (protocol:port, source port 40000 unless given), then whether each of the rules matches. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        // packet          | plain | --nowildcard | --transparent | --transparent --nowildcard
        "tcp:22            | false | true         | false         | false",
        "tcp:3128          | true  | true         | true          | true",
        "tcp:80/40001      | true  | true         | false         | false",
        "tcp:80/40002      | true  | true         | true          | true", // TIME_WAIT: never a wildcard listener
        "tcp:80/40003      | false | true         | false         | false", // the wildcard listener
        "tcp:23            | false | false        | false         | false",
        "udp:53            | false | true         | false         | false",
        "udp:5353          | true  | true         | true          | true",
        "udp:54            | false | false        | false         | false",
    })
    void decidesAsSocketMatch(String packet, boolean plain, boolean nowildcard, boolean transparent, boolean both) {
        String[] parts = packet.split("[:/]");
        int sport = parts.length > 2 ? Integer.parseInt(parts[2]) : 40000;
        int dport = Integer.parseInt(parts[1]);
        PacketView p = parts[0].equals("tcp") ? tcp(sport, "198.18.0.1", dport) : udp(sport, "198.18.0.1", dport);
        assertEquals(plain, prerouting.matches("-m socket", p), "plain");
        assertEquals(nowildcard, prerouting.matches("-m socket --nowildcard", p), "--nowildcard");
        assertEquals(transparent, prerouting.matches("-m socket --transparent", p), "--transparent");
        assertEquals(both, prerouting.matches("-m socket --transparent --nowildcard", p), "both");
    }

    @Test
    void restoresTheMarkOfAFullSocketItMatches() {
        PacketView p = tcp(40000, "198.18.0.1", 3128);
        p.setMark(1);
        assertTrue(prerouting.matches("-m socket --transparent --restore-skmark", p));
        assertEquals(0x2a, p.mark());
        PacketView established = tcp(40001, "198.18.0.1", 80);
        established.setMark(1);
        assertTrue(prerouting.matches("-m socket --restore-skmark", established));
        assertEquals(7, established.mark());
        // ignored as not transparent: the mark stays
        established.setMark(1);
        assertFalse(prerouting.matches("-m socket --transparent --restore-skmark", established));
        assertEquals(1, established.mark());
        // a wildcard listener is ignored without --nowildcard, and its mark is not taken
        PacketView wildcard = tcp(40000, "198.18.0.1", 22);
        wildcard.setMark(1);
        assertFalse(prerouting.matches("-m socket --restore-skmark", wildcard));
        assertEquals(1, wildcard.mark());
        assertTrue(prerouting.matches("-m socket --restore-skmark --nowildcard", wildcard));
        assertEquals(0, wildcard.mark());
        // a TIME_WAIT socket matches, but is no full socket: no mark
        PacketView timeWait = tcp(40002, "198.18.0.1", 80);
        timeWait.setMark(1);
        assertTrue(prerouting.matches("-m socket --restore-skmark", timeWait));
        assertEquals(1, timeWait.mark());
    }

    @Test
    void boundListenersWinOverWildcardOnesAndOnlyForTheirAddress() {
        assertEquals(1, tcp(40000, "198.18.0.1", 3128).packetSocket());
        assertEquals(Sockets.NONE, tcp(40000, "198.18.0.9", 3128).packetSocket());
        assertEquals(0, tcp(40000, "198.18.0.9", 22).packetSocket());
        assertEquals(4, tcp(40009, "198.18.0.1", 80).packetSocket());
    }

    @Test
    void icmpErrorsAreLookedUpByTheQuotedPacket() {
        // fw (198.18.0.1:80, established with 198.18.0.2:40001) sent a segment; the error quotes it
        PacketView quoted = TestPackets.tcp("198.18.0.1", 80, "198.18.0.2", 40001).view();
        byte[] inner = java.util.Arrays.copyOf(quoted.bytes(), 28);
        PacketView error = icmpError(3, inner);
        assertTrue(prerouting.matches("-m socket", error));
        PacketView echo = TestPackets.icmp("198.18.0.2", "198.18.0.1", 8, 0).view().sockets(HOST.sockets());
        assertFalse(prerouting.matches("-m socket --nowildcard", echo));
        // an error that quotes too little (no ports) finds nothing
        assertFalse(prerouting.matches("-m socket", icmpError(3, java.util.Arrays.copyOf(inner, 21))));
    }

    private static PacketView icmpError(int type, byte[] inner) {
        byte[] outer = new byte[28 + inner.length];
        outer[0] = 0x45;
        outer[2] = (byte) (outer.length >> 8);
        outer[3] = (byte) outer.length;
        outer[8] = 64;
        outer[9] = 1;
        byte[] src = {(byte) 198, 18, 0, 2};
        byte[] dst = {(byte) 198, 18, 0, 1};
        System.arraycopy(src, 0, outer, 12, 4);
        System.arraycopy(dst, 0, outer, 16, 4);
        outer[20] = (byte) type;
        System.arraycopy(inner, 0, outer, 28, inner.length);
        return new PacketView().wrap(outer).sockets(HOST.sockets());
    }

    @Test
    void aReplyOfASourceNatedConnectionIsLookedUpByTheOriginalSource() {
        // fw's socket 198.18.0.1:80 -> 198.18.0.2:40001 left SNATed as 203.0.113.1:61000; the reply comes back to that
        PacketView reply = TestPackets.tcp("198.18.0.2", 40001, "203.0.113.1", 61000).view().sockets(HOST.sockets());
        assertFalse(prerouting.matches("-m socket", reply));
        reply.conntrack(ConnState.ESTABLISHED | ConnState.SNAT, 0, 6, 0xC6120001, 0xC6120002, 0xC6120002, 0xCB007101)
                .conntrackDetails(1, 80, 40001, 40001, 61000, 100);
        assertTrue(prerouting.matches("-m socket", reply));
    }

    @Test
    void otherProtocolsAndTruncatedHeadersHaveNoSocket() {
        Packet gre = TestPackets.ip("198.18.0.2", "198.18.0.1", 47).view().sockets(HOST.sockets());
        assertFalse(prerouting.matches("-m socket --nowildcard", gre));
        assertFalse(prerouting.matches("-m socket --nowildcard", TestPackets.tcp("198.18.0.2", 40000, "198.18.0.1", 22).truncated(39).sockets(HOST.sockets())));
    }

    @Test
    void aSocketTproxyAssignedIsThePacketsOwn() {
        PacketView p = tcp(40000, "203.0.113.7", 443);
        assertFalse(prerouting.matches("-m socket --transparent", p));
        p.assignSocket(1);
        assertTrue(prerouting.matches("-m socket --transparent", p));
    }

    @Test
    void onlyPreroutingAndInput() {
        assertEquals("Invalid argument. Run `dmesg' for more information.",
                RuleTester.of("mangle", "OUTPUT").error("-m socket"));
        assertTrue(RuleTester.of("filter", "INPUT").matches("-m socket --nowildcard",
                tcp(40000, "198.18.0.1", 22).hook(Hook.INPUT)));
    }

    @Test
    void help() throws Exception {
        try (InputStream in = SocketTest.class.getResourceAsStream("/help-socket.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), new SocketExtension().help());
        }
    }
}
