package org.jptables.plugins.tproxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jptables.api.Sockets;
import org.jptables.api.Verdict;
import org.jptables.kernel.host.Host;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;

/** The target decides as xt_TPROXY's tproxy_tg4 over the host model's sockets. */
class TproxyTest {
    private final RuleTester prerouting = RuleTester.of("mangle", "PREROUTING");

    /** A transparent proxy on fw: its listener, the connections it accepted, one in TIME_WAIT. */
    static final Host HOST = host("""
            interfaces:
              - {name: lo, addresses: ["127.0.0.1/8"]}
              - {name: eth0, addresses: ["198.18.0.1/24", "198.18.0.100/24"]}
              - {name: eth1, addresses: ["198.18.1.1/24"]}
              - {name: eth2}
            sockets:
              - {proto: tcp, local: "0.0.0.0:3128", transparent: true}
              - {proto: tcp, local: "198.18.0.1:8080"}
              - {proto: tcp, local: "198.18.1.2:80", remote: "198.18.0.2:40001", transparent: true}
              - {proto: tcp, state: time-wait, local: "198.18.1.2:80", remote: "198.18.0.2:40002", transparent: true}
              - {proto: udp, local: "0.0.0.0:5353", transparent: true}
              - {proto: tcp, local: "198.18.0.100:3129", transparent: true}
              - {proto: tcp, local: "198.18.1.2:3130", transparent: true}
            localMarks: ["0x1/0x1"]
            """);

    static Host host(String yaml) {
        try {
            return Host.read(new ByteArrayInputStream(yaml.getBytes(StandardCharsets.UTF_8)), "test");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static PacketView tcp(int sport, int flags, String in) {
        return TestPackets.tcp("198.18.0.2", sport, "198.18.1.2", 80).flags(flags).in(in).view()
                .addressTypes(HOST).sockets(HOST.sockets());
    }

    @Test
    void aNewConnectionGoesToTheTransparentListenerWithTheMark() {
        PacketView syn = tcp(40000, TestPackets.SYN, "eth0");
        syn.setMark(0x100);
        assertEquals(Verdict.ACCEPT, prerouting.verdict("-p tcp -j TPROXY --on-port 3128 --tproxy-mark 0x1/0x1", syn));
        assertEquals(0x101, syn.mark());
        assertEquals(0, syn.assignedSocket());
        // the addresses stay as they were
        assertEquals(80, syn.u16(syn.transportOffset() + 2));
        // --tproxy-mark VALUE alone sets the whole mark; without it the mark stays
        PacketView again = tcp(40000, TestPackets.SYN, "eth0");
        again.setMark(0x100);
        prerouting.verdict("-p tcp -j TPROXY --on-port 3128 --tproxy-mark 0x7", again);
        assertEquals(7, again.mark());
        again.setMark(0x100);
        prerouting.verdict("-p tcp -j TPROXY --on-port 3128", again);
        assertEquals(0x100, again.mark());
    }

    @Test
    void aPacketOfAnEstablishedConnectionGoesToItsOwnSocket() {
        PacketView ack = tcp(40001, TestPackets.ACK, "eth0");
        assertEquals(Verdict.ACCEPT, prerouting.verdict("-p tcp -j TPROXY --on-port 9999 --tproxy-mark 1", ack));
        assertEquals(2, ack.assignedSocket());
    }

    @Test
    void aSynMeetingTimeWaitReopensThroughTheListener() {
        PacketView syn = tcp(40002, TestPackets.SYN, "eth0");
        assertEquals(Verdict.ACCEPT, prerouting.verdict("-p tcp -j TPROXY --on-port 3128", syn));
        assertEquals(0, syn.assignedSocket());
        // without a listener there, the TIME_WAIT socket itself takes it
        PacketView nowhere = tcp(40002, TestPackets.SYN, "eth0");
        assertEquals(Verdict.ACCEPT, prerouting.verdict("-p tcp -j TPROXY --on-port 9999", nowhere));
        assertEquals(3, nowhere.assignedSocket());
        // anything but a bare SYN stays with the TIME_WAIT socket
        PacketView ack = tcp(40002, TestPackets.ACK, "eth0");
        assertEquals(Verdict.ACCEPT, prerouting.verdict("-p tcp -j TPROXY --on-port 3128", ack));
        assertEquals(3, ack.assignedSocket());
    }

    @Test
    void noTransparentSocketDrops() {
        PacketView opaque = tcp(40000, TestPackets.SYN, "eth0");
        assertEquals(Verdict.DROP, prerouting.verdict("-p tcp -j TPROXY --on-port 8080", opaque));
        assertEquals(Sockets.NONE, opaque.assignedSocket());
        assertEquals(Verdict.DROP, prerouting.verdict("-p tcp -j TPROXY --on-port 9999", tcp(40000, TestPackets.SYN, "eth0")));
    }

    @Test
    void theListenersAddressIsOnIpElseTheInterfacesPrimaryElseTheDestination() {
        // eth0's primary address is 198.18.0.1: the listener on its secondary one is found only by --on-ip
        assertEquals(Verdict.DROP, prerouting.verdict("-p tcp -j TPROXY --on-port 3129", tcp(40000, TestPackets.SYN, "eth0")));
        assertEquals(Verdict.ACCEPT, prerouting.verdict("-p tcp -j TPROXY --on-port 3129 --on-ip 198.18.0.100",
                tcp(40000, TestPackets.SYN, "eth0")));
        // eth2 has no address: the packet's destination
        assertEquals(Verdict.ACCEPT, prerouting.verdict("-p tcp -j TPROXY --on-port 3130", tcp(40000, TestPackets.SYN, "eth2")));
        assertEquals(Verdict.DROP, prerouting.verdict("-p tcp -j TPROXY --on-port 3130", tcp(40000, TestPackets.SYN, "eth0")));
    }

    @Test
    void udpOnPortZeroKeepsTheDestinationPort() {
        PacketView mdns = TestPackets.udp("198.18.0.2", 5353, "224.0.0.251", 5353).in("eth0").view()
                .addressTypes(HOST).sockets(HOST.sockets());
        assertEquals(Verdict.ACCEPT, prerouting.verdict("-p udp -j TPROXY --on-port 0 --tproxy-mark 0x1/0x1", mdns));
        assertEquals(4, mdns.assignedSocket());
        PacketView dns = TestPackets.udp("198.18.0.2", 5353, "198.18.1.2", 53).in("eth0").view()
                .addressTypes(HOST).sockets(HOST.sockets());
        assertEquals(Verdict.DROP, prerouting.verdict("-p udp -j TPROXY --on-port 0", dns));
    }

    @Test
    void aTruncatedHeaderIsDropped() {
        PacketView cut = TestPackets.tcp("198.18.0.2", 40001, "198.18.1.2", 80).truncated(27)
                .addressTypes(HOST).sockets(HOST.sockets());
        assertEquals(Verdict.DROP, prerouting.verdict("-p tcp -j TPROXY --on-port 3128", cut));
        // a TIME_WAIT socket's packet must have its whole TCP header
        PacketView shortTimeWait = TestPackets.tcp("198.18.0.2", 40002, "198.18.1.2", 80).truncated(39)
                .addressTypes(HOST).sockets(HOST.sockets());
        assertEquals(Verdict.DROP, prerouting.verdict("-p tcp -j TPROXY --on-port 3128", shortTimeWait));
        PacketView shortEstablished = TestPackets.tcp("198.18.0.2", 40001, "198.18.1.2", 80).truncated(39)
                .addressTypes(HOST).sockets(HOST.sockets());
        assertEquals(Verdict.ACCEPT, prerouting.verdict("-p tcp -j TPROXY --on-port 3128", shortEstablished));
    }

    @Test
    void mangleUnderPreroutingAloneWithTcpOrUdp() {
        assertEquals("Invalid argument. Run `dmesg' for more information.",
                RuleTester.of("mangle", "INPUT").error("-p tcp -j TPROXY --on-port 1"));
        assertEquals(1, prerouting.failure("-p icmp -j TPROXY --on-port 1").status());
        assertEquals("TPROXY: option \"--on-port\" must be specified", prerouting.error("-j TPROXY"));
    }

    @Test
    void help() throws Exception {
        try (InputStream in = TproxyTest.class.getResourceAsStream("/help-tproxy.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), new TproxyExtension().help());
        }
    }
}
