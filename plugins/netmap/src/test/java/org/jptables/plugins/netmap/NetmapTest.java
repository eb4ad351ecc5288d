package org.jptables.plugins.netmap;

import static org.junit.jupiter.api.Assertions.*;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jptables.api.Addresses;
import org.jptables.api.Effects;
import org.jptables.api.Hook;
import org.jptables.api.Target;
import org.jptables.api.Verdict;
import org.jptables.kernel.packet.PacketEffects;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestContext;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;

/** What -j NETMAP does (xt_NETMAP's netmap_tg4), its option, listing and help, as iptables 1.8.9. */
class NetmapTest {
    private final RuleTester pre = RuleTester.of("nat", "PREROUTING");

    private static Target target(String hook, String to) throws Exception {
        var b = new NetmapExtension().newBuilder(TestContext.of("nat", hook));
        b.option("--to", List.of(to), false);
        return b.build();
    }

    /** Applies the target at {@code hook} and returns {kind, min, max, minPort, maxPort, flags} it asked for. */
    private static int[] natAsked(String to, Hook hook, String src, String dst) throws Exception {
        int[] seen = new int[7];
        PacketView p = TestPackets.tcp(src, 5000, dst, 80).view().hook(hook);
        p.effects(new PacketEffects() {
            @Override
            public void reject(PacketView packet, int icmpCode) {
            }

            @Override
            public void log(PacketView packet, int level, String prefix, int flags) {
            }

            @Override
            public void nat(PacketView packet, int kind, int minAddress, int maxAddress, int minPort, int maxPort,
                            int flags) {
                seen[0]++;
                seen[1] = kind;
                seen[2] = minAddress;
                seen[3] = maxAddress;
                seen[4] = minPort;
                seen[5] = maxPort;
                seen[6] = flags;
            }
        });
        assertEquals(Verdict.ACCEPT, target(hook.name(), to).apply(p));
        assertEquals(1, seen[0]);
        assertEquals(seen[2], seen[3], "one address");
        assertEquals(0, seen[4]);
        assertEquals(0, seen[5]);
        assertEquals(Effects.NAT_MAP_IPS, seen[6]);
        return seen;
    }

    @Test
    void mapsTheDestinationNetworkAtPreroutingAndOutput() throws Exception {
        for (Hook h : new Hook[] {Hook.PREROUTING, Hook.OUTPUT}) {
            int[] s = natAsked("10.20.0.0/16", h, "192.0.2.1", "198.51.100.77");
            assertEquals(Effects.DNAT, s[1]);
            assertEquals(Addresses.parse("10.20.100.77"), s[2]);
        }
    }

    @Test
    void mapsTheSourceNetworkAtPostroutingAndInput() throws Exception {
        for (Hook h : new Hook[] {Hook.POSTROUTING, Hook.INPUT}) {
            int[] s = natAsked("172.16.5.0/24", h, "192.0.2.1", "198.51.100.77");
            assertEquals(Effects.SNAT, s[1]);
            assertEquals(Addresses.parse("172.16.5.1"), s[2]);
        }
    }

    @Test
    void prefixLengthsAtTheEnds() throws Exception {
        assertEquals(Addresses.parse("1.2.3.4"), natAsked("1.2.3.4", Hook.PREROUTING, "9.9.9.9", "8.8.8.8")[2]);
        assertEquals(Addresses.parse("8.8.8.8"), natAsked("1.2.3.4/0", Hook.PREROUTING, "9.9.9.9", "8.8.8.8")[2]);
        assertEquals(Addresses.parse("1.2.3.5"), natAsked("1.2.3.4/31", Hook.PREROUTING, "9.9.9.9", "8.8.8.9")[2]);
        // the address is masked when read: host bits given in --to do not matter
        assertEquals(Addresses.parse("1.2.3.8"), natAsked("1.2.3.99/24", Hook.PREROUTING, "9.9.9.9", "8.8.8.8")[2]);
    }

    @Test
    void savesAndLists() {
        assertEquals("-A PREROUTING -j NETMAP --to 1.2.3.0/24", pre.saved("-j NETMAP --to 1.2.3.4/24"));
        assertEquals("-A PREROUTING -j NETMAP --to 1.2.3.4/32", pre.saved("-j NETMAP --to 1.2.3.4"));
        assertEquals("-A PREROUTING -j NETMAP --to 192.168.7.0/24", pre.saved("-j NETMAP --to 192.168.7.9/255.255.255.0"));
        assertTrue(pre.listed("-j NETMAP --to 10.0.0.0/8", false).endsWith("anywhere             to:10.0.0.0/8"));
        assertTrue(pre.listed("-j NETMAP --to 10.0.0.0/8", true).endsWith("0.0.0.0/0            to:10.0.0.0/8"));
    }

    @Test
    void refusesAsIptables() {
        assertEquals("NETMAP: option \"--to\" must be specified", pre.error("-j NETMAP"));
        assertEquals("NETMAP: bad value for option \"--to\", neither a valid network mask nor valid CIDR (0-32).",
                pre.error("-j NETMAP --to 1.2.3.4/x"));
        assertEquals(2, pre.failure("-j NETMAP").status());
    }

    @Test
    void natTableOnly() {
        for (String[] place : new String[][] {{"filter", "INPUT"}, {"mangle", "PREROUTING"}, {"raw", "OUTPUT"}}) {
            var f = RuleTester.of(place[0], place[1]).failure("-j NETMAP --to 1.2.3.0/24");
            assertEquals(1, f.status());
            assertTrue(f.message().contains("Invalid argument. Run `dmesg' for more information."), f.message());
        }
        for (String chain : new String[] {"PREROUTING", "INPUT", "OUTPUT", "POSTROUTING"}) {
            assertEquals("-A " + chain + " -j NETMAP --to 1.2.3.0/24",
                    RuleTester.of("nat", chain).saved("-j NETMAP --to 1.2.3.0/24"));
        }
    }

    @Test
    void helpIsIptables() throws Exception {
        try (InputStream in = NetmapTest.class.getResourceAsStream("/help-NETMAP.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), new NetmapExtension().help());
        }
    }
}
