package org.jptables.plugins.ipheader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.jptables.api.Addresses;
import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.RuleException;
import org.jptables.api.RuleHeader;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestContext;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected texts are iptables-legacy 1.8.9's answers for the same rules (this host's /etc). */
class IpHeaderTest {
    private final RuleTester t = RuleTester.filter();

    /** A builder fed with {@code option arg} pairs ("!" before an option inverts it). */
    private static List<Match> buildAll(TestContext ctx, String... words) throws RuleException {
        MatchBuilder b = new IpHeaderExtension().newBuilder(ctx);
        boolean invert = false;
        for (int i = 0; i < words.length; i++) {
            if (words[i].equals("!")) {
                invert = true;
                continue;
            }
            String option = words[i];
            if (option.equals("-f")) {
                b.option(option, List.of(), invert);
            } else {
                b.option(option, List.of(words[++i]), invert);
            }
            invert = false;
        }
        return b.buildAll();
    }

    private static Match build(String... words) throws RuleException {
        List<Match> all = buildAll(TestContext.filterInput(), words);
        assertEquals(1, all.size());
        return all.get(0);
    }

    private static String error(String... words) {
        return assertThrows(RuleException.class, () -> buildAll(TestContext.filterInput(), words)).getMessage();
    }

    private static String described(Match m) {
        List<String> parts = new ArrayList<>();
        m.describe(new RuleHeader() {
            @Override
            public void protocol(int number, boolean inverted) {
                parts.add((inverted ? "!" : "") + "p=" + number);
            }

            @Override
            public void source(int address, int mask, boolean inverted) {
                parts.add((inverted ? "!" : "") + "s=" + Addresses.format(address) + "/" + Addresses.format(mask));
            }

            @Override
            public void destination(int address, int mask, boolean inverted) {
                parts.add((inverted ? "!" : "") + "d=" + Addresses.format(address) + "/" + Addresses.format(mask));
            }

            @Override
            public void inInterface(String name, boolean inverted) {
                parts.add("i");
            }

            @Override
            public void outInterface(String name, boolean inverted) {
                parts.add("o");
            }

            @Override
            public void fragment(boolean inverted) {
                parts.add((inverted ? "!" : "") + "f");
            }
        });
        return String.join(" ", parts);
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "tcp|6", "TCP|6", "Tcp|6", "0x6|6", "06|6", "+6|6", "' 6'|6", "255|255", "253|253", "0|0", "all|0",
        "ALL|0", "ip|0", "icmp|1", "ICMP|1", "ipv6-icmp|58", "IPV6-ICMP|58", "icmpv6|58", "mh|135",
        "udplite|136", "58|58", "sctp|132",
    })
    void readsProtocols(String arg, int number) throws RuleException {
        TestContext ctx = TestContext.filterInput();
        Match m = buildAll(ctx, "-p", arg).get(0);
        assertEquals("p=" + number, described(m));
        assertEquals(number, ctx.protocol());
        assertFalse(ctx.protocolInverted());
    }

    @Test
    void declaresTheInvertedProtocol() throws RuleException {
        TestContext ctx = TestContext.filterInput();
        assertEquals("!p=17", described(buildAll(ctx, "!", "-p", "udp").get(0)));
        assertEquals(17, ctx.protocol());
        assertTrue(ctx.protocolInverted());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "foo|unknown protocol \"foo\" specified",
        "FOO|unknown protocol \"foo\" specified",
        "256|unknown protocol \"256\" specified",
        "-1|unknown protocol \"-1\" specified",
        "6x|unknown protocol \"6x\" specified",
        "ipv4|unknown protocol \"ipv4\" specified",
        "''|unknown protocol \"\" specified",
    })
    void refusesUnknownProtocols(String arg, String message) {
        assertEquals(message, error("-p", arg));
    }

    @ParameterizedTest
    @CsvSource({"all", "0", "ip", "ALL"})
    void refusesInvertedAnyProtocol(String arg) {
        assertEquals("rule would never match protocol", error("!", "-p", arg));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-s 10.11.12.13/8|-A INPUT -s 10.0.0.0/8",
        "-s 10.11.12.13/255.0.255.0|-A INPUT -s 10.0.12.0/255.0.255.0",
        "-s 1.2.3.4/255.255.0.255|-A INPUT -s 1.2.0.4/255.255.0.255",
        "-s 1.2.3.4/255.0.0.255|-A INPUT -s 1.0.0.4/255.0.0.255",
        "-s 1.2.3.4/0x8|-A INPUT -s 1.0.0.0/8",
        "-s \"1.2.3.4/ 8\"|-A INPUT -s 1.0.0.0/8",
        "-s 1.2.3.4/+8|-A INPUT -s 1.0.0.0/8",
        "-s 1.2.3.4/255.255.255.0x0|-A INPUT -s 1.2.3.0/24",
        "-s 1.2.3.4/255.255.255.255|-A INPUT -s 1.2.3.4/32",
        "-s 1.2.3.4/0|-A INPUT",
        "-s 1.2.3.4/0.0.0.0|-A INPUT",
        "-s 0/0|-A INPUT",
        "-s foo/0|-A INPUT",
        "! -s 0/0|-A INPUT ! -s 0.0.0.0/0",
        "! -s 0.0.0.0|-A INPUT ! -s 0.0.0.0/32",
        "-s 10|-A INPUT -s 10.0.0.0/32",
        "-s 10.1|-A INPUT -s 10.1.0.0/32",
        "-s 10.1.2|-A INPUT -s 10.1.2.0/32",
        "-s 127.1|-A INPUT -s 127.1.0.0/32",
        "-s 01.2.3.4|-A INPUT -s 1.2.3.4/32",
        "-s 0x1.2.3.4|-A INPUT -s 1.2.3.4/32",
        "-s 0x1.0x2.0x3.0x4|-A INPUT -s 1.2.3.4/32",
        "-s 1.2.3.04|-A INPUT -s 1.2.3.4/32",
        "-s \" 1.2.3.4\"|-A INPUT -s 1.2.3.4/32",
        "-s 16909060|-A INPUT -s 1.2.3.4/32",
        "-s 0x01020304|-A INPUT -s 1.2.3.4/32",
        "-s 1.66051|-A INPUT -s 1.1.2.3/32",
        "-s 1.2.3.00000000000045|-A INPUT -s 1.2.3.4/32",
        "-s localhost|-A INPUT -s 127.0.0.1/32",
        "-s LOCALHOST|-A INPUT -s 127.0.0.1/32",
        "! -s localhost|-A INPUT ! -s 127.0.0.1/32",
        "-s link-local|-A INPUT -s 169.254.0.0/32",
        "-s LOOPBACK|-A INPUT -s 127.0.0.0/32",
        "-s default|-A INPUT -s 0.0.0.0/32",
        "--source 1.2.3.4 --destination 5.6.7.8/32|-A INPUT -s 1.2.3.4/32 -d 5.6.7.8/32",
        "--src 1.2.3.4 --dst 5.6.7.8/24|-A INPUT -s 1.2.3.4/32 -d 5.6.7.0/24",
        "-d 5.6.7.8 -s 1.2.3.4 -p udp ! -f|-A INPUT -s 1.2.3.4/32 -d 5.6.7.8/32 -p udp ! -f",
        "--fragment|-A INPUT -f",
        "-p all|-A INPUT",
        "-p 143|-A INPUT -p ethernet",
        "-p 58|-A INPUT -p ipv6-icmp",
        "--protocol 253|-A INPUT -p 253",
        "! -p tcp|-A INPUT ! -p tcp",
    })
    void savesAsIptables(String rule, String saved) {
        assertEquals(saved, t.saved(rule));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "-s 1.2.3.999|host/network `1.2.3.999' not found",
        "-s 256.1.1.1|host/network `256.1.1.1' not found",
        "-s \"1.2.3.4 \"|host/network `1.2.3.4 ' not found",
        "-s 1.2.3.4.|host/network `1.2.3.4.' not found",
        "-s 1..2.3|host/network `1..2.3' not found",
        "-s nosuchhost|host/network `nosuchhost' not found",
        "-s ip6-localhost|host/network `ip6-localhost' not found",
        "-s 1.2.3.4/24/8|host/network `1.2.3.4/24' not found",
        "-s 1.2.3.4,,5.6.7.8|host/network `' not found",
        "-s 1.2.3.4,|host/network `' not found",
        "-s ,1.2.3.4|host/network `' not found",
        "-s \"\"|host/network `' not found",
        "-d \"1.2.3.4 ,5.6.7.8\"|host/network `1.2.3.4 ' not found",
        "-s 1.2.3.4/33|invalid mask `33' specified",
        "-s 1.2.3.4/-1|invalid mask `-1' specified",
        "-s 1.2.3.4/|invalid mask `' specified",
        "-s 1.2.3.4/x|invalid mask `x' specified",
        "-s 1.2.3.4/08|invalid mask `08' specified",
        "-s 1.2.3.4/1.2|invalid mask `1.2' specified",
        "-d 1.2.3.4/255.255.255.256|invalid mask `255.255.255.256' specified",
        "-d 1.2.3.4/255.0.0.0.|invalid mask `255.0.0.0.' specified",
        "-d \"1.2.3.4/255.255.255.0 \"|invalid mask `255.255.255.0 ' specified",
        "! -s 1.2.3.4,5.6.7.8|! not allowed with multiple source or destination IP addresses",
        "! -d 1.2.3.4,5.6.7.8|! not allowed with multiple source or destination IP addresses",
        "! -s 1.2.3.4 -d 5.6.7.8,9.9.9.9|! not allowed with multiple source or destination IP addresses",
        "-s 1.2.3.999 -d 1.2.3.998|host/network `1.2.3.999' not found",
        "-s 1.2.3.999 -s 1.1.1.1|multiple -s flags not allowed",
        "-p tcp -p udp|multiple -p flags not allowed",
        "-f -f|multiple -f flags not allowed",
        "! -p 0 -j ACCEPT|rule would never match protocol",
    })
    void refusesAsIptables(String rule, String message) {
        RuleTester.Failure f = t.failure(rule);
        assertEquals(message, f.message());
        assertEquals(2, f.status());
    }

    @Test
    void refusesTooLongHostnames() {
        String a255 = "a".repeat(255);
        assertEquals("Hostname too long", error("-s", "a".repeat(256)));
        assertEquals("Hostname too long", error("-d", a255 + "/0"));
        assertEquals("host/network `" + a255 + "' not found", error("-d", a255));
        assertEquals("Hostname too long", error("-s", "1.2.3.4," + "a".repeat(256)));
    }

    @Test
    void expandsAddressListsSourceMajor() {
        assertEquals("""
                -A INPUT -s 1.1.1.1/32 -d 3.3.3.3/32
                -A INPUT -s 1.1.1.1/32 -d 4.4.4.4/32
                -A INPUT -s 2.2.2.2/32 -d 3.3.3.3/32
                -A INPUT -s 2.2.2.2/32 -d 4.4.4.4/32""", t.saved("-s 1.1.1.1,2.2.2.2 -d 3.3.3.3,4.4.4.4"));
        assertEquals("-A INPUT -s 1.2.3.4/32\n-A INPUT -s 1.2.3.4/32", t.saved("-s 1.2.3.4,1.2.3.4"));
        assertEquals("-A INPUT -s 1.2.3.4/32\n-A INPUT -s 1.2.3.4/31", t.saved("-s 1.2.3.4,1.2.3.5/31"));
        assertEquals("-A INPUT -s 1.2.3.4/32\n-A INPUT -s 5.6.7.8/32", t.saved("-s \"1.2.3.4, 5.6.7.8\""));
        assertEquals("-A INPUT\n-A INPUT -s 1.2.3.4/32", t.saved("-s foo/0,1.2.3.4"));
    }

    @Test
    void buildAllGivesOneMatchPerCombination() throws RuleException {
        List<Match> all = buildAll(TestContext.filterInput(), "-p", "tcp", "-s", "1.1.1.1,2.2.2.0/24", "-d",
                "3.3.3.3,4.4.4.4", "-f");
        List<String> described = all.stream().map(IpHeaderTest::described).toList();
        assertEquals(List.of(
                "p=6 s=1.1.1.1/255.255.255.255 d=3.3.3.3/255.255.255.255 f",
                "p=6 s=1.1.1.1/255.255.255.255 d=4.4.4.4/255.255.255.255 f",
                "p=6 s=2.2.2.0/255.255.255.0 d=3.3.3.3/255.255.255.255 f",
                "p=6 s=2.2.2.0/255.255.255.0 d=4.4.4.4/255.255.255.255 f"), described);
    }

    @Test
    void describesOnlyWhatIsGivenAndRendersNothingItself() throws RuleException {
        assertEquals("", described(build()));
        assertEquals("!f", described(build("!", "-f")));
        assertEquals("!s=10.0.0.0/255.0.0.0 !d=0.0.0.0/0.0.0.0", described(build("!", "-s", "10.1.1.1/8", "!", "-d", "0/0")));
        Match m = build("-p", "tcp", "-s", "1.2.3.4");
        StringBuilder sb = new StringBuilder();
        m.print(sb, new ListingFormat(false, null));
        m.save(sb);
        assertEquals("", sb.toString());
    }

    @Test
    void kernelListsTheHeader() {
        assertEquals("           all  -- !localhost            anywhere            ",
                lastLine(t.listed("! -s localhost", false)));
        assertEquals("           0    -- !127.0.0.1            0.0.0.0/0           ",
                lastLine(t.listed("! -s localhost", true)));
        assertEquals("          !6    !f  10.0.0.0/255.0.255.0  1.2.3.4             ",
                lastLine(t.listed("! -p tcp ! -f -s 10.0.0.0/255.0.255.0 -d 1.2.3.4", true)));
    }

    private static String lastLine(String text) {
        List<String> lines = text.lines().toList();
        return lines.get(lines.size() - 1);
    }

    @Test
    void matchesProtocol() throws RuleException {
        Match tcp = build("-p", "tcp");
        assertTrue(tcp.matches(TestPackets.tcp("192.0.2.1", 1, "198.18.0.1", 2).view()));
        assertFalse(tcp.matches(TestPackets.udp("192.0.2.1", 1, "198.18.0.1", 2).view()));
        Match notTcp = build("!", "-p", "tcp");
        assertFalse(notTcp.matches(TestPackets.tcp("192.0.2.1", 1, "198.18.0.1", 2).view()));
        assertTrue(notTcp.matches(TestPackets.icmp("192.0.2.1", "198.18.0.1", 8, 0).view()));
        Match any = build("-p", "all");
        assertTrue(any.matches(TestPackets.ip("192.0.2.1", "198.18.0.1", 47).view()));
        assertTrue(build("-p", "47").matches(TestPackets.ip("192.0.2.1", "198.18.0.1", 47).view()));
    }

    @Test
    void matchesMaskedAddresses() throws RuleException {
        Match m = build("-s", "192.0.2.77/24", "-d", "198.18.0.1");
        assertTrue(m.matches(TestPackets.tcp("192.0.2.1", 1, "198.18.0.1", 2).view()));
        assertTrue(m.matches(TestPackets.tcp("192.0.2.255", 1, "198.18.0.1", 2).view()));
        assertFalse(m.matches(TestPackets.tcp("192.0.3.1", 1, "198.18.0.1", 2).view()));
        assertFalse(m.matches(TestPackets.tcp("192.0.2.1", 1, "198.18.0.2", 2).view()));
        Match not = build("!", "-s", "192.0.2.0/24");
        assertFalse(not.matches(TestPackets.tcp("192.0.2.1", 1, "198.18.0.1", 2).view()));
        assertTrue(not.matches(TestPackets.tcp("10.0.0.1", 1, "198.18.0.1", 2).view()));
        Match odd = build("-d", "10.0.12.0/255.0.255.0");
        assertTrue(odd.matches(TestPackets.tcp("192.0.2.1", 1, "10.99.12.7", 2).view()));
        assertFalse(odd.matches(TestPackets.tcp("192.0.2.1", 1, "11.99.12.7", 2).view()));
        assertFalse(build("!", "-d", "0/0").matches(TestPackets.tcp("192.0.2.1", 1, "10.99.12.7", 2).view()));
    }

    @Test
    void matchesFragments() throws RuleException {
        TestPackets first = TestPackets.udp("192.0.2.1", 1, "198.18.0.1", 2);
        first.ipv4().moreFragments(true);
        TestPackets later = TestPackets.udp("192.0.2.1", 1, "198.18.0.1", 2);
        later.ipv4().fragmentOffset(185);
        Match frag = build("-f");
        assertFalse(frag.matches(first.view()));
        assertTrue(frag.matches(later.view()));
        Match notFrag = build("!", "-f");
        assertTrue(notFrag.matches(first.view()));
        assertFalse(notFrag.matches(later.view()));
        assertTrue(build().matches(later.view()));
    }

    @Test
    void throughTheEvaluationLoop() {
        assertEquals("DROP", t.verdictName("-p udp -s 192.0.2.0/24 -j DROP",
                TestPackets.udp("192.0.2.9", 1, "198.18.0.1", 2).view()));
        assertEquals("ACCEPT", t.verdictName("-p udp -s 192.0.2.0/24 -j DROP",
                TestPackets.tcp("192.0.2.9", 1, "198.18.0.1", 2).view()));
        assertTrue(t.matches("! -s 1.1.1.1", TestPackets.udp("192.0.2.9", 1, "198.18.0.1", 2).view()));
        assertFalse(t.matches("-f", TestPackets.udp("192.0.2.9", 1, "198.18.0.1", 2).view()));
    }

    @Property
    void prefixMasksSaveMaskedAndMatchByPrefix(@ForAll int address, @ForAll @IntRange(min = 0, max = 32) int bits,
                                               @ForAll int packetAddress) throws RuleException {
        String text = Addresses.format(address) + "/" + bits;
        int mask = bits == 0 ? 0 : -1 << (32 - bits);
        Match m = build("-s", text);
        String expected = bits == 0 ? "s=0.0.0.0/0.0.0.0"
                : "s=" + Addresses.format(address & mask) + "/" + Addresses.format(mask);
        assertEquals(expected, described(m));
        boolean same = ((packetAddress ^ address) & mask) == 0;
        assertEquals(same, m.matches(TestPackets.ip(Addresses.format(packetAddress), "198.18.0.1", 6).view()));
        assertEquals(!same, build("!", "-s", text)
                .matches(TestPackets.ip(Addresses.format(packetAddress), "198.18.0.1", 6).view()));
    }

    @Property
    void dottedMasksAreKeptAsGiven(@ForAll int address, @ForAll int mask) throws RuleException {
        Match m = build("-d", Addresses.format(address) + "/" + Addresses.format(mask));
        assertEquals("d=" + Addresses.format(address & mask) + "/" + Addresses.format(mask), described(m));
    }

    @Property
    void protocolNumbersReadInAnyBase(@ForAll @IntRange(min = 0, max = 255) int number) throws RuleException {
        for (String text : List.of(Integer.toString(number), "0x" + Integer.toHexString(number),
                "0" + Integer.toOctalString(number))) {
            TestContext ctx = TestContext.filterInput();
            buildAll(ctx, "-p", text);
            assertEquals(number, ctx.protocol());
        }
    }
}
