package org.jptables.plugins.synproxy;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Set;
import org.jptables.kernel.conntrack.ConnectionTracker;
import org.jptables.kernel.conntrack.ConntrackConfig;
import org.jptables.kernel.host.Host;
import org.jptables.kernel.model.Ruleset;
import org.jptables.kernel.packet.Checksums;
import org.jptables.kernel.path.LocalStack;
import org.jptables.kernel.path.PacketPath;
import org.jptables.kernel.path.PacketResult;
import org.jptables.language.CommandParser;
import org.jptables.language.RestoreReader;
import org.jptables.language.names.SystemNames;
import org.jptables.testkit.RuleTester;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A whole proxied handshake through the kernel's packet path, on the conformance host (client
 * 198.18.0.2 on eth0, server 198.18.1.2 on eth1), in the classic setup: the cookies, the SYN to
 * the server, nf_synproxy_core's answer to the server's SYN-ACK, then the sequence numbers
 * (seqadj) and timestamps moved both ways for the rest of the connection.
 */
class SynproxyHandshakeTest {
    private static final int CLIENT = 0xC6120002;
    private static final int SERVER = 0xC6120102;
    private static final int ISN = 1000;
    private static final int SERVER_ISN = 5_000_000;
    private static final int SYN = 0x02;
    private static final int ACK = 0x10;
    private static final int PSH = 0x08;
    private static final String RULES = """
            *raw
            :PREROUTING ACCEPT [0:0]
            :OUTPUT ACCEPT [0:0]
            -A PREROUTING -i eth0 -p tcp -m tcp --syn -j CT --notrack
            COMMIT
            *filter
            :INPUT ACCEPT [0:0]
            :FORWARD ACCEPT [0:0]
            :OUTPUT ACCEPT [0:0]
            -A FORWARD -i eth0 -p tcp -m tcp --dport 80 -m state --state INVALID,UNTRACKED -j SYNPROXY --sack-perm --timestamp --wscale 7 --mss 1460
            -A FORWARD -m state --state INVALID -j DROP
            COMMIT
            """;

    private PacketPath path;
    private final PacketResult result = new PacketResult();
    private long now;

    @BeforeEach
    void setUp() throws Exception {
        var names = SystemNames.fromEtc();
        Ruleset ruleset = new Ruleset();
        new RestoreReader(new CommandParser(RuleTester.registry(), names, new HashMap<>(), true), names, false, false,
                false, null).restore(List.of(RULES.split("\n")), ruleset);
        ConnectionTracker conntrack = new ConnectionTracker(ConntrackConfig.defaults().withTcpLoose(false));
        path = new PacketPath(ruleset, Host.conformance(), conntrack);
    }

    /** Sends the packet in on {@code in}; the IPv4 packets that left fw, each as "device" then bytes. */
    private List<Object[]> send(String in, byte[] ip) {
        now += 10_000_000L;
        path.process(ip, ip.length, in, now, result);
        return result.emitted.stream().map(e -> new Object[] {e.on(), Arrays.copyOfRange(e.frame(), 14, e.frame().length)})
                .toList();
    }

    private static byte[] segment(int src, int dst, int sport, int dport, int flags, int seq, int ack, int window,
                                  byte[] options, int payload) {
        int tcpLength = 20 + options.length + payload;
        byte[] b = new byte[20 + tcpLength];
        b[0] = 0x45;
        put(b, 2, b.length, 2);
        b[8] = 64;
        b[9] = 6;
        put(b, 12, src, 4);
        put(b, 16, dst, 4);
        put(b, 10, Checksums.finish(Checksums.sum(b, 0, 20, 0)), 2);
        put(b, 20, sport, 2);
        put(b, 22, dport, 2);
        put(b, 24, seq, 4);
        put(b, 28, ack, 4);
        b[32] = (byte) (((20 + options.length) / 4) << 4);
        b[33] = (byte) flags;
        put(b, 34, window, 2);
        System.arraycopy(options, 0, b, 40, options.length);
        put(b, 36, tcpChecksum(b), 2);
        return b;
    }

    private static int tcpChecksum(byte[] b) {
        int total = b.length;
        byte[] copy = b.clone();
        copy[36] = 0;
        copy[37] = 0;
        int sum = Checksums.sum(copy, 12, 8, 6 + total - 20);
        return Checksums.finish(Checksums.sum(copy, 20, total - 20, sum));
    }

    /** NOP, NOP, timestamps; then what follows. */
    private static byte[] ts(int tsval, int tsecr, int... more) {
        byte[] o = new byte[12 + more.length];
        o[0] = 1;
        o[1] = 1;
        o[2] = 8;
        o[3] = 10;
        put(o, 4, tsval, 4);
        put(o, 8, tsecr, 4);
        for (int i = 0; i < more.length; i++) {
            o[12 + i] = (byte) more[i];
        }
        return o;
    }

    @Test
    void proxiesTheHandshakeAndMovesTheServersNumbersOntoTheCookie() {
        // the client's SYN: MSS 1460, SACK permitted, window scale 6, a timestamp
        byte[] synOptions = {2, 4, 0x05, (byte) 0xB4, 4, 2, 1, 1, 1, 3, 3, 6, 1, 1, 8, 10, 0, 0, 0, 100, 0, 0, 0, 0};
        List<Object[]> out = send("eth0", segment(CLIENT, SERVER, 40000, 80, SYN, ISN, 0, 29200, synOptions, 0));
        assertEquals(1, out.size());
        byte[] synAck = (byte[]) out.get(0)[1];
        assertEquals("eth0", out.get(0)[0]);
        assertEquals(SYN | ACK, synAck[33] & 0xFF);
        int cookie = get(synAck, 24, 4);
        int tsCookie = get(synAck, 48, 4);
        assertEquals(6 | 1 << 4, tsCookie & 0x3f, "the client's window scale and SACK in the timestamp cookie");
        assertEquals(100, get(synAck, 52, 4));

        // the client's ACK returns both cookies: fw opens the connection to the server
        out = send("eth0", segment(CLIENT, SERVER, 40000, 80, ACK, ISN + 1, cookie + 1, 502, ts(101, tsCookie), 0));
        assertEquals(1, out.size());
        byte[] serverSyn = (byte[]) out.get(0)[1];
        assertEquals("eth1", out.get(0)[0]);
        assertEquals(List.of(SYN, ISN, cookie, 502), List.of(serverSyn[33] & 0xFF, get(serverSyn, 24, 4),
                get(serverSyn, 28, 4), get(serverSyn, 34, 2)));
        // MSS from the cookie, SACK and window scale 6 from the timestamp cookie, the client's timestamps
        assertEquals(List.of(2, 4, 1460, 4, 2, 8, 10, 101, tsCookie, 1, 3, 3, 6),
                List.of(serverSyn[40] & 0xFF, serverSyn[41] & 0xFF, get(serverSyn, 42, 2), serverSyn[44] & 0xFF,
                        serverSyn[45] & 0xFF, serverSyn[46] & 0xFF, serverSyn[47] & 0xFF, get(serverSyn, 48, 4),
                        get(serverSyn, 52, 4), serverSyn[56] & 0xFF, serverSyn[57] & 0xFF, serverSyn[58] & 0xFF,
                        serverSyn[59] & 0xFF));

        // the server's SYN-ACK (window scale 5, its own clock at 7777) is consumed and answered both ways
        out = send("eth1", segment(SERVER, CLIENT, 80, 40000, SYN | ACK, SERVER_ISN, ISN + 1, 28960,
                ts(7777, 101, 1, 3, 3, 5), 0));
        assertEquals(2, out.size());
        byte[] toServer = (byte[]) out.get(0)[1];
        assertEquals("eth1", out.get(0)[0]);
        // the ACK to the server: the client's window as conntrack saw it (td_maxwin), the SYN-ACK's
        // timestamps swapped; it meets the hook again on its way out, where tsoff is already set, so
        // its TSecr is moved as every later original-direction TSecr is (synproxy_tstamp_adjust)
        int tsoff = 7777 - tsCookie;
        assertEquals(List.of(CLIENT, SERVER, ACK, ISN + 1, SERVER_ISN + 1, 502, 101, 7777 + tsoff),
                List.of(get(toServer, 12, 4), get(toServer, 16, 4), toServer[33] & 0xFF, get(toServer, 24, 4),
                        get(toServer, 28, 4), get(toServer, 34, 2), get(toServer, 44, 4), get(toServer, 48, 4)));
        byte[] toClient = (byte[]) out.get(1)[1];
        assertEquals("eth0", out.get(1)[0]);
        assertEquals(List.of(SERVER, CLIENT, ACK, cookie + 1, ISN + 1, 28960 >> 5, tsCookie, 101),
                List.of(get(toClient, 12, 4), get(toClient, 16, 4), toClient[33] & 0xFF, get(toClient, 24, 4),
                        get(toClient, 28, 4), get(toClient, 34, 2), get(toClient, 44, 4), get(toClient, 48, 4)),
                "the window update: the server's numbers and clock as the client was told them");

        // the server's data reaches the client on the cookie's numbers, its checksum still right
        out = send("eth1", segment(SERVER, CLIENT, 80, 40000, PSH | ACK, SERVER_ISN + 1, ISN + 1, 227,
                ts(7800, 101), 20));
        byte[] data = (byte[]) out.get(0)[1];
        assertEquals(List.of(cookie + 1, ISN + 1, tsCookie + 23, 101), List.of(get(data, 24, 4), get(data, 28, 4),
                get(data, 44, 4), get(data, 48, 4)));
        assertEquals(tcpChecksum(data), get(data, 36, 2));

        // the client's acknowledgement and timestamp echo reach the server in the server's terms
        out = send("eth0", segment(CLIENT, SERVER, 40000, 80, ACK, ISN + 1, cookie + 21, 502, ts(102, tsCookie + 23), 0));
        byte[] ack = (byte[]) out.get(0)[1];
        assertEquals(List.of(ISN + 1, SERVER_ISN + 21, 102, 7800), List.of(get(ack, 24, 4), get(ack, 28, 4),
                get(ack, 44, 4), get(ack, 48, 4)));
        assertEquals(tcpChecksum(ack), get(ack, 36, 2));
    }

    @Test
    void aServerWithoutTimestampsIsAdjustedInSequenceOnly() {
        List<Object[]> out = send("eth0", segment(CLIENT, SERVER, 40001, 80, SYN, ISN, 0, 29200,
                new byte[] {2, 4, 0x05, (byte) 0xB4}, 0));
        int cookie = get((byte[]) out.get(0)[1], 24, 4);
        send("eth0", segment(CLIENT, SERVER, 40001, 80, ACK, ISN + 1, cookie + 1, 502, new byte[0], 0));
        out = send("eth1", segment(SERVER, CLIENT, 80, 40001, SYN | ACK, SERVER_ISN, ISN + 1, 28960,
                new byte[] {2, 4, 0x05, (byte) 0xB4}, 0));
        assertEquals(2, out.size());
        assertEquals(40, ((byte[]) out.get(1)[1]).length, "a bare ACK: no timestamps to carry");
        assertEquals(28960, get((byte[]) out.get(1)[1], 34, 2), "no window scale: the window as it is");
        out = send("eth1", segment(SERVER, CLIENT, 80, 40001, PSH | ACK, SERVER_ISN + 1, ISN + 1, 227, new byte[0], 5));
        assertEquals(cookie + 1, get((byte[]) out.get(0)[1], 24, 4));
    }

    @Test
    void proxiesForALocalServerThroughLo() throws Exception {
        var names = SystemNames.fromEtc();
        Ruleset ruleset = new Ruleset();
        new RestoreReader(new CommandParser(RuleTester.registry(), names, new HashMap<>(), true), names, false, false,
                false, null).restore(List.of(RULES.replace("-A FORWARD -i eth0 -p tcp -m tcp --dport 80",
                "-A INPUT -i eth0 -p tcp -m tcp --dport 22").split("\n")), ruleset);
        path = new PacketPath(ruleset, Host.conformance(), new ConnectionTracker(ConntrackConfig.defaults().withTcpLoose(false)))
                .localStack(new LocalStack(LocalStack.ports(Set.of("tcp:22"))));
        int host = 0xC6120001;
        List<Object[]> out = send("eth0", segment(CLIENT, host, 40020, 22, SYN, ISN, 0, 29200,
                new byte[] {2, 4, 0x05, (byte) 0xB4}, 0));
        int cookie = get((byte[]) out.get(0)[1], 24, 4);
        // the SYN to the local server goes through lo; the server's SYN-ACK meets the hook on its way
        // out (it did not come in through lo) and is consumed: only the window update leaves
        out = send("eth0", segment(CLIENT, host, 40020, 22, ACK, ISN + 1, cookie + 1, 502, new byte[0], 0));
        List<Object[]> updates = out.stream().filter(o -> (((byte[]) o[1])[33] & 0xFF) == ACK).toList();
        assertEquals(1, updates.size());
        byte[] update = (byte[]) updates.get(0)[1];
        assertEquals(List.of(host, CLIENT, cookie + 1, ISN + 1), List.of(get(update, 12, 4), get(update, 16, 4),
                get(update, 24, 4), get(update, 28, 4)));
    }

    private static int get(byte[] b, int at, int n) {
        int v = 0;
        for (int i = 0; i < n; i++) {
            v = (v << 8) | (b[at + i] & 0xFF);
        }
        return v;
    }

    private static void put(byte[] b, int at, int v, int n) {
        for (int i = n - 1; i >= 0; i--) {
            b[at + i] = (byte) v;
            v >>>= 8;
        }
    }
}
