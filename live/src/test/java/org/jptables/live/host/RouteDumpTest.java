package org.jptables.live.host;

import static org.jptables.live.host.Rtnetlink.*;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.jptables.kernel.host.HostConfig;
import org.jptables.kernel.host.HostConfig.InterfaceConfig;
import org.jptables.kernel.host.HostConfig.NeighbourConfig;
import org.jptables.kernel.host.HostConfig.RouteConfig;
import org.jptables.live.netlink.Libc;
import org.jptables.live.netlink.MessageWriter;
import org.jptables.live.netlink.NetlinkException;
import org.junit.jupiter.api.Test;

/** Readings of hand-built rtnetlink answers: every kind of message, dumps in parts, refusals. */
class RouteDumpTest {
    private static final int MULTI = NLM_F_MULTI;

    /** The answers of a host with lo, eth0 (two subnets), a down link, a tunnel and a routing table of every kind. */
    static List<byte[]> answer(int type, int seq) {
        List<byte[]> out = new ArrayList<>();
        switch (type) {
            case RTM_GETLINK -> {
                // a stale part of an earlier request (another sequence number) comes first and is passed over
                out.add(new Datagram().link(seq - 1, MULTI, 9, "stale0", null, 1500, true).bytes());
                out.add(new Datagram().link(seq, MULTI, 1, "lo", "00:00:00:00:00:00", 65536, true)
                        .link(seq, MULTI, 2, "eth0", "02:00:00:00:00:01", 1500, true).bytes());
                out.add(new Datagram().link(seq, MULTI, 7, "tun0", null, 1400, true)
                        .link(seq, MULTI, 5, "d0", "02:00:00:00:05:01", 9000, false).bytes());
                out.add(new Datagram().done(seq, 0, 0).bytes());
            }
            case RTM_GETADDR -> {
                out.add(new Datagram().address(seq, MULTI, 1, "127.0.0.1", null, 8)
                        .address(seq, MULTI, 2, "198.18.0.1", null, 24)
                        .address6(seq, MULTI, 2)
                        .address(seq, MULTI, 2, "198.18.7.1", null, 24).bytes());
                out.add(new Datagram().address(seq, MULTI, 5, "198.18.5.1", null, 24)
                        .address(seq, MULTI, 7, "10.9.0.1", "10.9.0.2", 32)
                        .done(seq, 0, 0).bytes());
            }
            case RTM_GETROUTE -> out.add(new Datagram()
                    .route(seq, MULTI, RTN_UNICAST, RT_TABLE_MAIN, 3, 0, null, 0, "198.18.0.2", 2, null)
                    .route(seq, MULTI, RTN_UNICAST, RT_TABLE_MAIN, RTPROT_KERNEL, RT_SCOPE_LINK, "198.18.0.0", 24, null, 2,
                            "198.18.0.1")
                    .route(seq, MULTI, RTN_UNICAST, RT_TABLE_MAIN, RTPROT_KERNEL, RT_SCOPE_LINK, "198.18.7.0", 24, null, 2,
                            "198.18.7.1")
                    .route(seq, MULTI, RTN_UNICAST, RT_TABLE_MAIN, 4, RT_SCOPE_LINK, "10.9.0.2", 32, null, 7, null)
                    .route(seq, MULTI, RTN_UNICAST, RT_TABLE_MAIN, 3, 0, "198.18.9.0", 24, "198.18.0.3", 2, "198.18.7.1")
                    .route(seq, MULTI, 6, RT_TABLE_MAIN, 3, 0, "10.66.0.0", 16, null, 0, null)
                    .route(seq, MULTI, RTN_UNICAST, 1000, 3, 0, "10.1.0.0", 16, "198.18.0.2", 2, null)
                    .route(seq, MULTI, RTN_LOCAL, RT_TABLE_LOCAL, RTPROT_KERNEL, 254, "198.18.0.1", 32, null, 2, "198.18.0.1")
                    .route(seq, MULTI, RTN_BROADCAST, RT_TABLE_LOCAL, RTPROT_KERNEL, RT_SCOPE_LINK, "198.18.0.255", 32, null, 2,
                            "198.18.0.1")
                    .multipath(seq, MULTI, "10.77.0.0", 16, new String[] {"198.18.0.4", "198.18.7.4"}, new int[] {2, 2})
                    .done(seq, 0, 0).bytes());
            case RTM_GETNEIGH -> out.add(new Datagram()
                    .neighbour(seq, MULTI, Libc.AF_INET, 2, NUD_STALE, "198.18.0.3", "02:00:00:00:00:03")
                    .neighbour(seq, MULTI, Libc.AF_INET, 2, 0x20, "198.18.0.9", null)
                    .neighbour(seq, MULTI, Datagram.AF_INET6, 2, NUD_REACHABLE, null, "02:00:00:00:00:02")
                    .neighbour(seq, MULTI, Libc.AF_INET, 2, 0x01, "198.18.0.8", null)
                    .neighbour(seq, MULTI, Libc.AF_INET, 2, NUD_REACHABLE, "198.18.0.2", "02:00:00:00:00:02")
                    .neighbour(seq, MULTI, Libc.AF_INET, 1, NUD_PERMANENT, "198.18.99.9", "02:00:00:00:99:09")
                    .done(seq, 0, 0).bytes());
            case RTM_GETNETCONF -> out.add(new Datagram().netconf(seq, NETCONFA_IFINDEX_ALL, true).bytes());
            default -> throw new AssertionError("unexpected request " + type);
        }
        return out;
    }

    static final HostConfig EXPECTED = new HostConfig(true,
            List.of(new InterfaceConfig("lo", 1, "00:00:00:00:00:00", List.of("127.0.0.1/8"), 65536, null),
                    new InterfaceConfig("eth0", 2, "02:00:00:00:00:01", List.of("198.18.0.1/24", "198.18.7.1/24"), 1500, null),
                    new InterfaceConfig("d0", 5, "02:00:00:00:05:01", List.of("198.18.5.1/24"), 9000, false),
                    new InterfaceConfig("tun0", 7, null, List.of("10.9.0.1/32"), 1400, null)),
            List.of(new NeighbourConfig("198.18.99.9", "02:00:00:00:99:09", "lo"),
                    new NeighbourConfig("198.18.0.2", "02:00:00:00:00:02", "eth0"),
                    new NeighbourConfig("198.18.0.3", "02:00:00:00:00:03", "eth0")),
            List.of(new RouteConfig("default", "198.18.0.2", "eth0", null),
                    new RouteConfig("10.9.0.2/32", null, "tun0", null),
                    new RouteConfig("198.18.9.0/24", "198.18.0.3", "eth0", "198.18.7.1"),
                    new RouteConfig("10.77.0.0/16", "198.18.0.4", "eth0", null)));

    @Test
    void readsEveryKindOfAnswerIntoTheHostsDescription() {
        ScriptedChannel channel = new ScriptedChannel(RouteDumpTest::answer, 1000);
        HostSnapshot snapshot;
        try (RouteDump dump = new RouteDump(channel)) {
            snapshot = dump.read();
        }
        assertEquals(EXPECTED, snapshot.config());
        assertEquals(List.of("route blackhole 10.66.0.0/16: the host model has unicast routes only",
                "route 10.77.0.0/16: multipath, only its first of 2 next hops is kept",
                "1 routes of tables other than main and local: the host model has one table"), snapshot.leftOut());
        int dump = MessageWriter.NLM_F_REQUEST | MessageWriter.NLM_F_DUMP;
        List<String> asked = channel.requests.stream().map(r -> r[0] + "/" + r[1] + "/" + r[2]).toList();
        assertEquals(List.of(RTM_GETLINK + "/" + dump + "/1", RTM_GETADDR + "/" + dump + "/2",
                RTM_GETROUTE + "/" + dump + "/3", RTM_GETNEIGH + "/" + dump + "/4",
                RTM_GETNETCONF + "/" + MessageWriter.NLM_F_REQUEST + "/5"), asked);
    }

    @Test
    void aDumpTheKernelMarksInconsistentIsReadAgain() {
        AtomicInteger linkDumps = new AtomicInteger();
        ScriptedChannel channel = new ScriptedChannel((type, seq) -> {
            if (type == RTM_GETLINK && linkDumps.incrementAndGet() == 1) {
                return List.of(new Datagram().link(seq, MULTI, 1, "lo", null, 65536, true).bytes(),
                        new Datagram().done(seq, NLM_F_DUMP_INTR, 0).bytes());
            }
            return answer(type, seq);
        }, 1000);
        try (RouteDump dump = new RouteDump(channel)) {
            assertEquals(EXPECTED, dump.read().config());
        }
        assertEquals(2, linkDumps.get());
        assertEquals(6, channel.requests.size(), "the first reading stops at its inconsistent dump");
    }

    @Test
    void aHostThatKeepsChangingIsRefusedAfterSomeTries() {
        ScriptedChannel channel = new ScriptedChannel((type, seq) -> List.of(
                new Datagram().link(seq, MULTI | NLM_F_DUMP_INTR, 1, "lo", null, 65536, true).done(seq, 0, 0).bytes()), 1000);
        try (RouteDump dump = new RouteDump(channel)) {
            IllegalStateException e = assertThrows(IllegalStateException.class, dump::read);
            assertEquals("rtnetlink: the host changed under each of 5 readings in a row (NLM_F_DUMP_INTR):"
                    + " no consistent reading", e.getMessage());
        }
    }

    @Test
    void aRefusalSaysWhichRequestAndTheKernelsReason() {
        ScriptedChannel channel = new ScriptedChannel((type, seq) -> type == RTM_GETROUTE
                ? List.of(new Datagram().error(seq, 1, type, "route dumps are not for you").bytes())
                : answer(type, seq), 1000);
        try (RouteDump dump = new RouteDump(channel)) {
            NetlinkException e = assertThrows(NetlinkException.class, dump::read);
            assertEquals("rtnetlink: the RTM_GETROUTE dump was refused: Operation not permitted"
                    + " (kernel: route dumps are not for you)", e.getMessage());
            assertEquals(1, e.errno());
        }
        ScriptedChannel plain = new ScriptedChannel((type, seq) -> type == RTM_GETNETCONF
                ? List.of(new Datagram().error(seq, 95, type, null).bytes())
                : answer(type, seq), 1000);
        try (RouteDump dump = new RouteDump(plain)) {
            assertEquals("rtnetlink: the RTM_GETNETCONF request was refused: Operation not supported",
                    assertThrows(NetlinkException.class, dump::read).getMessage());
        }
    }

    @Test
    void aDumpThatFailsHalfwayThrowsTheErrorOfItsDone() {
        ScriptedChannel channel = new ScriptedChannel((type, seq) -> type == RTM_GETNEIGH
                ? List.of(new Datagram().neighbour(seq, MULTI, Libc.AF_INET, 2, NUD_STALE, "198.18.0.3", "02:00:00:00:00:03")
                        .bytes(), new Datagram().done(seq, 0, -12).bytes())
                : answer(type, seq), 1000);
        try (RouteDump dump = new RouteDump(channel)) {
            assertEquals("rtnetlink: the RTM_GETNEIGH dump was refused: Cannot allocate memory",
                    assertThrows(NetlinkException.class, dump::read).getMessage());
        }
    }

    @Test
    void noAnswerIsAnErrorNotAHang() {
        ScriptedChannel channel = new ScriptedChannel((type, seq) -> List.of(), 20);
        try (RouteDump dump = new RouteDump(channel)) {
            assertEquals("rtnetlink: no answer to the RTM_GETLINK dump within 5000 ms",
                    assertThrows(IllegalStateException.class, dump::read).getMessage());
        }
    }

    @Test
    void forwardingMustBeSaid() {
        ScriptedChannel channel = new ScriptedChannel((type, seq) -> type == RTM_GETNETCONF
                ? List.of(new Datagram().netconf(seq, 2, true).bytes())
                : answer(type, seq), 1000);
        try (RouteDump dump = new RouteDump(channel)) {
            assertEquals("rtnetlink: RTM_GETNETCONF answered without NETCONFA_FORWARDING of the \"all\" devconf"
                    + " (net.ipv4.ip_forward)", assertThrows(IllegalStateException.class, dump::read).getMessage());
        }
    }
}
