package org.jptables.plugins.addrtype;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.jptables.api.Addresses;
import org.jptables.api.Hook;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected texts are iptables-legacy 1.8.9's answers for the same rules. */
class AddrtypeTest {
    private final RuleTester t = RuleTester.filter();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--src-type LOCAL|--src-type LOCAL|ADDRTYPE match src-type LOCAL",
        "! --src-type LOCAL,UNICAST ! --dst-type BROADCAST,MULTICAST,ANYCAST|! --src-type UNICAST,LOCAL ! --dst-type BROADCAST,ANYCAST,MULTICAST|ADDRTYPE match src-type !UNICAST,LOCAL dst-type !BROADCAST,ANYCAST,MULTICAST",
        "--src-type local|--src-type LOCAL|ADDRTYPE match src-type LOCAL",
        "--src-type LOC|--src-type LOCAL|ADDRTYPE match src-type LOCAL",
        "--src-type U|--src-type UNSPEC|ADDRTYPE match src-type UNSPEC",
        "--src-type LOCAL,LOCAL|--src-type LOCAL|ADDRTYPE match src-type LOCAL",
        "--dst-type LOCAL --limit-iface-in|--dst-type LOCAL --limit-iface-in|ADDRTYPE match dst-type LOCAL limit-in",
        "--src-type UNSPEC,UNICAST,LOCAL,BROADCAST,ANYCAST,MULTICAST,BLACKHOLE,UNREACHABLE,PROHIBIT,THROW,NAT,XRESOLVE|--src-type UNSPEC,UNICAST,LOCAL,BROADCAST,ANYCAST,MULTICAST,BLACKHOLE,UNREACHABLE,PROHIBIT,THROW,NAT,XRESOLVE|ADDRTYPE match src-type UNSPEC,UNICAST,LOCAL,BROADCAST,ANYCAST,MULTICAST,BLACKHOLE,UNREACHABLE,PROHIBIT,THROW,NAT,XRESOLVE",
    })
    void savesAndListsAsIptables(String options, String saved, String listed) {
        assertEquals("-A INPUT -m addrtype " + saved, t.saved("-m addrtype " + options));
        assertTrue(t.listed("-m addrtype " + options, false).endsWith(" " + listed));
        assertTrue(t.listed("-m addrtype " + options, true).endsWith(" " + listed));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--src-type LOCAL,|addrtype: bad type \"\"",
        "--src-type ,LOCAL|addrtype: bad type `,LOCAL'",
        "--src-type FOO,LOCAL|addrtype: bad type `FOO,LOCAL'",
        "--dst-type LOCALX|addrtype: bad type \"LOCALX\"",
        "--dst-type LOCAL ! --limit-iface-in|addrtype: option \"--limit-iface-in\" cannot be inverted.",
        "--src-type LOCAL --src-type UNICAST|addrtype: option \"--src-type\" can only be used once.",
        "--dst-type LOCAL --limit-iface-out|Invalid argument. Run `dmesg' for more information.",
    })
    void refusesAsIptables(String options, String message) {
        assertEquals(message, t.error("-m addrtype " + options).strip());
    }

    /** Where the kernel lets each interface limit be used (iptables-legacy, mangle table). */
    @ParameterizedTest
    @CsvSource({"PREROUTING,true,false", "INPUT,true,false", "FORWARD,true,true", "OUTPUT,false,true",
        "POSTROUTING,false,true"})
    void interfaceLimitsFitTheirHooks(String chain, boolean inAllowed, boolean outAllowed) {
        RuleTester m = RuleTester.of("mangle", chain);
        for (String limit : List.of("in", "out")) {
            String rule = "-m addrtype --src-type LOCAL --limit-iface-" + limit;
            if (limit.equals("in") ? inAllowed : outAllowed) {
                assertEquals("-A " + chain + " " + rule, m.saved(rule));
            } else {
                assertEquals("Invalid argument. Run `dmesg' for more information.", m.error(rule));
            }
        }
    }

    /** A host where 198.18.0.1 is local on eth0 only, 198.18.255.255 its broadcast. */
    private static PacketView onHost(PacketView v) {
        int local = Addresses.parse("198.18.0.1");
        int broadcast = Addresses.parse("198.18.255.255");
        return v.addressTypes((address, device) -> {
            if (address == local) {
                return device == null || device.equals("eth0") ? 2 : 1;
            }
            if (address == broadcast) {
                return 3;
            }
            return (address >>> 28) == 0xE ? 5 : 1;
        });
    }

    @Test
    void matchesAddressTypes() {
        PacketView toUs = onHost(TestPackets.tcp("203.0.113.9", 1, "198.18.0.1", 22).in("eth1").view());
        assertTrue(t.matches("-m addrtype --dst-type LOCAL", toUs));
        assertTrue(t.matches("-m addrtype --src-type UNICAST --dst-type LOCAL", toUs));
        assertFalse(t.matches("-m addrtype --src-type LOCAL", toUs));
        assertTrue(t.matches("-m addrtype ! --src-type LOCAL", toUs));
        assertFalse(t.matches("-m addrtype ! --dst-type LOCAL,BROADCAST", toUs));
        assertTrue(t.matches("-m addrtype --dst-type BROADCAST,MULTICAST",
                onHost(TestPackets.udp("203.0.113.9", 1, "224.0.0.251", 5353).view())));
    }

    @Test
    void interfaceLimitAsksTheDevice() {
        PacketView viaEth1 = onHost(TestPackets.tcp("203.0.113.9", 1, "198.18.0.1", 22).in("eth1").view());
        assertTrue(t.matches("-m addrtype --dst-type LOCAL", viaEth1));
        assertFalse(t.matches("-m addrtype --dst-type LOCAL --limit-iface-in", viaEth1));
        PacketView viaEth0 = onHost(TestPackets.tcp("203.0.113.9", 1, "198.18.0.1", 22).in("eth0").view());
        assertTrue(t.matches("-m addrtype --dst-type LOCAL --limit-iface-in", viaEth0));
        RuleTester fwd = RuleTester.of("filter", "FORWARD");
        PacketView out0 = onHost(TestPackets.tcp("203.0.113.9", 1, "198.18.0.1", 22).in("eth1").out("eth0")
                .hook(Hook.FORWARD).view());
        assertTrue(fwd.matches("-m addrtype --dst-type LOCAL --limit-iface-out", out0));
        assertFalse(fwd.matches("-m addrtype --dst-type LOCAL --limit-iface-in", out0));
    }

    @Test
    void help() {
        String help = new AddrtypeExtension().help();
        assertTrue(help.startsWith("Address type match options:\n [!] --src-type type[,...]      Match source"));
        assertTrue(help.endsWith("\nValid types:           \n                                UNSPEC\n"
                + "                                UNICAST\n                                LOCAL\n"
                + "                                BROADCAST\n                                ANYCAST\n"
                + "                                MULTICAST\n                                BLACKHOLE\n"
                + "                                UNREACHABLE\n                                PROHIBIT\n"
                + "                                THROW\n                                NAT\n"
                + "                                XRESOLVE\n"));
    }
}
