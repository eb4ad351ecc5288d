package org.jptables.plugins.conntrack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jptables.api.Addresses;
import org.jptables.api.ConnState;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected texts are iptables-legacy 1.8.9's own answers for the same rules. */
class ConntrackTest {
    private final RuleTester t = RuleTester.filter();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--ctstate NEW,ESTABLISHED,RELATED,INVALID,UNTRACKED,SNAT,DNAT|--ctstate INVALID,NEW,RELATED,ESTABLISHED,UNTRACKED,SNAT,DNAT",
        "! --ctstate est,rel|! --ctstate RELATED,ESTABLISHED",
        "--ctstate N|--ctstate NEW",
        "--ctstate E|--ctstate ESTABLISHED",
        "--ctproto tcp|--ctproto 6",
        "! --ctproto udp|! --ctproto 17",
        "--ctproto all|--ctproto 0",
        "! --ctproto 0|! --ctproto 0",
        "--ctorigsrc 198.18.0.5/24|--ctorigsrc 198.18.0.5/24",
        "! --ctorigdst 198.18.0.1|! --ctorigdst 198.18.0.1",
        "--ctrepldst 0.0.0.0/0|--ctrepldst 0.0.0.0/0",
        "--ctorigsrc 10.1.2.3/255.255.0.255|--ctorigsrc 10.1.2.3",
        "--ctorigsrc 10.1.2.3/255.255.0.0|--ctorigsrc 10.1.2.3/16",
        "--ctorigsrc 10.1.2.3/0x10|--ctorigsrc 10.1.2.3/16",
        "--ctorigsrc 10.1.2.3/33|--ctorigsrc 10.1.2.3",
        "--ctorigsrc 10.1.2.3/32|--ctorigsrc 10.1.2.3",
        "--ctorigsrc 1.2.3.4/0|--ctorigsrc 1.2.3.4/0",
        "--ctorigsrc 10.1.2|--ctorigsrc 10.1.0.2",
        "--ctorigsrc localhost|--ctorigsrc 127.0.0.1",
        "--ctstatus NONE|--ctstatus NONE",
        "! --ctstatus ASSURED,SEEN_REPLY,CONFIRMED,EXPECTED|! --ctstatus EXPECTED,SEEN_REPLY,ASSURED,CONFIRMED",
        "--ctstatus NONE,ASSURED|--ctstatus ASSURED",
        "--ctexpire 10:20|--ctexpire 10:20",
        "! --ctexpire 5|! --ctexpire 5",
        "--ctexpire 5:|--ctexpire 5:4294967295",
        "--ctexpire 0x10|--ctexpire 16",
        "--ctexpire 00010|--ctexpire 8",
        "--ctdir original|--ctdir ORIGINAL",
        "--ctdir REPLY|--ctdir REPLY",
        "! --ctorigdstport ssh|! --ctorigdstport 22",
        "--ctorigdstport ssh:http|--ctorigdstport 22:80",
        "--ctorigdstport 70000|--ctorigdstport 4464",
        "--ctorigdstport 4294967296|--ctorigdstport 0",
        "--ctorigdstport 010|--ctorigdstport 10",
        "--ctorigdstport +5|--ctorigdstport 5",
        "--ctorigdstport 22:ssh|--ctorigdstport 22",
        "--ctorigsrcport 5:0|--ctorigsrcport 5",
        "--ctorigdstport :|--ctorigdstport 0:65535",
        "--ctdir REPLY --ctexpire 5 --ctstatus ASSURED --ctstate NEW|--ctstate NEW --ctstatus ASSURED --ctexpire 5 --ctdir REPLY",
        "--ctstate NEW --ctstatus ASSURED --ctproto tcp --ctorigsrc 1.1.1.1 --ctorigdst 2.2.2.2 --ctreplsrc 3.3.3.3 --ctrepldst 4.4.4.4 --ctorigsrcport 1 --ctorigdstport 2 --ctreplsrcport 3 --ctrepldstport 4 --ctexpire 5 --ctdir REPLY"
            + "|--ctstate NEW --ctproto 6 --ctorigsrc 1.1.1.1 --ctorigdst 2.2.2.2 --ctreplsrc 3.3.3.3 --ctrepldst 4.4.4.4 --ctorigsrcport 1 --ctorigdstport 2 --ctreplsrcport 3 --ctrepldstport 4 --ctstatus ASSURED --ctexpire 5 --ctdir REPLY",
    })
    void savesAsIptables(String options, String saved) {
        assertEquals("-A INPUT -m conntrack " + saved, t.saved("-m conntrack " + options));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--ctstate NEW,ESTABLISHED|ctstate NEW,ESTABLISHED|ctstate NEW,ESTABLISHED",
        "! --ctstate RELATED,ESTABLISHED|! ctstate RELATED,ESTABLISHED|! ctstate RELATED,ESTABLISHED",
        "--ctrepldst 0.0.0.0/0|ctrepldst anywhere|ctrepldst 0.0.0.0/0",
        "--ctrepldst 0.0.0.0|ctrepldst anywhere|ctrepldst 0.0.0.0",
        "--ctorigsrc 127.0.0.1|ctorigsrc localhost|ctorigsrc 127.0.0.1",
        "--ctorigsrc 1.2.3.4/0|ctorigsrc 1.2.3.4/0|ctorigsrc 1.2.3.4/0",
        "! --ctorigdst 198.18.0.1|! ctorigdst 198.18.0.1|! ctorigdst 198.18.0.1",
        "--ctstatus ASSURED|ctstatus ASSURED|ctstatus ASSURED",
        "--ctorigdstport ssh|ctorigdstport 22|ctorigdstport 22",
        "--ctexpire 10:20|ctexpire 10:20|ctexpire 10:20",
        "--ctdir REPLY|ctdir REPLY|ctdir REPLY",
    })
    void listsAsIptables(String options, String named, String numeric) {
        assertTrue(t.listed("-m conntrack " + options, false).endsWith(" " + named),
                () -> t.listed("-m conntrack " + options, false));
        assertTrue(t.listed("-m conntrack " + options, true).endsWith(" " + numeric),
                () -> t.listed("-m conntrack " + options, true));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--ctstate NEW,|Bad ctstate \"\"",
        "--ctstate ,NEW|Bad ctstate \",NEW\"",
        "--ctstate FOO,NEW|Bad ctstate \"FOO,NEW\"",
        "--ctproto foo|unknown protocol \"foo\" specified",
        "--ctproto 256|unknown protocol \"256\" specified",
        "--ctorigsrc 1.2.3.4/|conntrack: bad value for option \"--ctorigsrc\", neither a valid network mask nor valid CIDR (0-32).",
        "--ctorigsrc 10.1.2.3/abc|conntrack: bad value for option \"--ctorigsrc\", neither a valid network mask nor valid CIDR (0-32).",
        "--ctorigsrc 10.1.2.3/-1|conntrack: bad value for option \"--ctorigsrc\", neither a valid network mask nor valid CIDR (0-32).",
        "--ctorigsrc 10.1.2.300|getaddrinfo: Name or service not known",
        "--ctorigsrc foo.invalid|getaddrinfo: Temporary failure in name resolution",
        "--ctstatus bad|Bad ctstatus \"bad\"",
        "--ctstatus ASSURED,|Bad ctstatus \"\"",
        "--ctexpire a|conntrack: bad value for option \"--ctexpire\" near \"a\", or out of range (0-4294967295).",
        "--ctexpire 5:a|conntrack: bad value for option \"--ctexpire\" near \"a\", or out of range (0-4294967295).",
        "--ctexpire 4294967296|conntrack: bad value for option \"--ctexpire\" near \"4294967296\", or out of range (0-4294967295).",
        "--ctexpire 1:2:3|conntrack: Too many components for option \"--ctexpire\" (max: 2)",
        "--ctdir foo|conntrack: Bad value for \"--ctdir\" option: \"foo\"",
        "! --ctdir REPLY|conntrack: option \"--ctdir\" cannot be inverted.",
        "--ctorigdstport foo|Port \"foo\" does not resolve to anything.",
        "--ctorigdstport -1|Port \"-1\" does not resolve to anything.",
        "--ctorigdstport 0x10|Port \"0x10\" does not resolve to anything.",
        "--ctorigdstport 22abc|Port \"22abc\" does not resolve to anything.",
        "--ctorigdstport 99999999999999999999999|Port \"99999999999999999999999\" does not resolve to anything.",
        "--ctorigdstport 5:foo|Port \"foo\" does not resolve to anything.",
        "--ctorigdstport 1:2:3|conntrack: Too many components for option \"--ctorigdstport\" (max: 2)",
    })
    void refusesAsIptables(String options, String message) {
        assertEquals(message, t.error("-m conntrack " + options).strip());
    }

    @Test
    void multiLineErrorsKeepTheirNewline() {
        assertEquals("conntrack: Too many components for option \"--ctexpire\" (max: 2)\n",
                t.failure("-m conntrack --ctexpire 1:2:3").message());
    }

    private static PacketView tracked(int state, int status, int proto, String os, String od, String rs, String rd) {
        PacketView v = TestPackets.tcp(os, 40000, od, 22).view();
        v.conntrack(state, status, proto, Addresses.parse(os), Addresses.parse(od), Addresses.parse(rs),
                Addresses.parse(rd));
        return v;
    }

    private PacketView established() {
        return tracked(ConnState.ESTABLISHED, ConnState.STATUS_ASSURED | ConnState.STATUS_CONFIRMED, 6,
                "203.0.113.9", "198.18.0.1", "10.0.0.5", "203.0.113.9");
    }

    @Test
    void matchesStates() {
        assertTrue(t.matches("-m conntrack --ctstate RELATED,ESTABLISHED", established()));
        assertFalse(t.matches("-m conntrack ! --ctstate RELATED,ESTABLISHED", established()));
        assertTrue(t.matches("-m conntrack --ctstate DNAT",
                tracked(ConnState.NEW | ConnState.DNAT, 0, 6, "1.1.1.1", "2.2.2.2", "3.3.3.3", "1.1.1.1")));
        assertFalse(t.matches("-m conntrack --ctstate SNAT",
                tracked(ConnState.NEW | ConnState.DNAT, 0, 6, "1.1.1.1", "2.2.2.2", "3.3.3.3", "1.1.1.1")));
    }

    @Test
    void withoutAConnectionOnlyTheStateTestCounts() {
        PacketView invalid = TestPackets.tcp("1.1.1.1", 1, "2.2.2.2", 2).conntrack(ConnState.INVALID, 0).view();
        assertTrue(t.matches("-m conntrack --ctstate INVALID --ctproto 17", invalid));
        assertFalse(t.matches("-m conntrack --ctproto 6", invalid));
        assertFalse(t.matches("-m conntrack ! --ctproto 6", invalid));
        PacketView untracked = TestPackets.tcp("1.1.1.1", 1, "2.2.2.2", 2).conntrack(ConnState.UNTRACKED, 0).view();
        assertTrue(t.matches("-m conntrack --ctstate UNTRACKED --ctstatus ASSURED", untracked));
        assertFalse(t.matches("-m conntrack --ctstatus ASSURED", untracked));
    }

    @Test
    void matchesStatusAsTheKernel() {
        assertTrue(t.matches("-m conntrack --ctstatus ASSURED", established()));
        assertTrue(t.matches("-m conntrack --ctstatus SEEN_REPLY,CONFIRMED", established()));
        assertFalse(t.matches("-m conntrack --ctstatus EXPECTED", established()));
        assertTrue(t.matches("-m conntrack ! --ctstatus EXPECTED", established()));
        // A mask of 0 shares no bit with any status: NONE never matches, ! NONE always does.
        assertFalse(t.matches("-m conntrack --ctstatus NONE",
                tracked(ConnState.NEW, 0, 6, "1.1.1.1", "2.2.2.2", "2.2.2.2", "1.1.1.1")));
        assertTrue(t.matches("-m conntrack ! --ctstatus NONE", established()));
    }

    @Test
    void matchesProtocolAndTupleAddresses() {
        assertTrue(t.matches("-m conntrack --ctproto tcp", established()));
        assertFalse(t.matches("-m conntrack --ctproto udp", established()));
        assertTrue(t.matches("-m conntrack ! --ctproto udp", established()));
        assertTrue(t.matches("-m conntrack --ctorigsrc 203.0.113.0/24 --ctorigdst 198.18.0.1", established()));
        assertFalse(t.matches("-m conntrack --ctorigsrc 203.0.114.0/24", established()));
        assertTrue(t.matches("-m conntrack ! --ctorigsrc 203.0.114.0/24", established()));
        assertTrue(t.matches("-m conntrack --ctreplsrc 10.0.0.0/8 --ctrepldst 203.0.113.9", established()));
        assertFalse(t.matches("-m conntrack ! --ctreplsrc 10.0.0.0/8", established()));
        assertFalse(t.matches("-m conntrack --ctrepldst 203.0.113.8", established()));
        // The address is kept unmasked, as iptables keeps it; the mask applies to both sides.
        assertTrue(t.matches("-m conntrack --ctorigsrc 203.0.113.77/24", established()));
    }

    @Test
    void directionTuplePortsAndSecondsLeftAreDecided() {
        // the original direction of a connection 203.0.113.9:40000 -> 198.18.0.1:22, DNATed to 10.0.0.5:2222
        PacketView original = established().conntrackDetails(0, 40000, 22, 2222, 40000, 431999);
        assertTrue(t.matches("-m conntrack --ctorigdstport 22", original));
        assertFalse(t.matches("-m conntrack ! --ctorigdstport 22", original));
        assertTrue(t.matches("-m conntrack --ctorigsrcport 1024:65535 --ctreplsrcport 2222", original));
        assertFalse(t.matches("-m conntrack --ctrepldstport 22", original));
        assertTrue(t.matches("-m conntrack ! --ctrepldstport 22", original));
        assertTrue(t.matches("-m conntrack --ctexpire 0:4294967295", original));
        assertTrue(t.matches("-m conntrack --ctexpire 431999", original));
        assertFalse(t.matches("-m conntrack --ctexpire 432000:500000", original));
        assertTrue(t.matches("-m conntrack ! --ctexpire 5", original));
        assertTrue(t.matches("-m conntrack --ctdir ORIGINAL", original));
        assertFalse(t.matches("-m conntrack --ctdir REPLY", original));
        PacketView reply = established().conntrackDetails(1, 40000, 22, 2222, 40000, 431999);
        assertTrue(t.matches("-m conntrack --ctdir REPLY", reply));
        assertFalse(t.matches("-m conntrack --ctdir ORIGINAL", reply));
        // a state test still decides a packet without a connection, the rest is not asked
        assertTrue(t.matches("-m conntrack --ctstate INVALID --ctdir REPLY",
                TestPackets.tcp("1.1.1.1", 1, "2.2.2.2", 2).conntrack(ConnState.INVALID, 0).view()));
    }

    @Test
    void helpAndRevision() {
        ConntrackExtension e = new ConntrackExtension();
        assertEquals(3, e.revision());
        assertTrue(e.help().startsWith("conntrack match options:\n[!] --ctstate {INVALID|"));
        assertTrue(e.help().endsWith("    --ctdir {ORIGINAL|REPLY}   Flow direction of packet\n"));
        assertEquals(13, e.options().size());
    }
}
