package org.jptables.plugins.ipvs;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jptables.api.Packet;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Parsing, listing and packets. The kernel here has no xt_ipvs, so iptables-legacy 1.8.9 refuses
 * every such rule when it commits; what it printed before (the rule with {@code -v -A}, which is the
 * numeric listing, and the parse errors) was recorded on 2026-12-03 and is below; the saved forms
 * come from netfilter's libxt_ipvs.t and libipt_ipvs.t (NetfilterTestsIT) and libxt_ipvs.c.
 */
class IpvsTest {
    private final RuleTester filter = RuleTester.filter();

    /** Rows: the options, what {@code iptables -v -A} printed for them, the saved options. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--ipvs                          | ipvs                          | --ipvs",
        "! --ipvs                        | ! ipvs                        | ! --ipvs",
        "--vproto tcp                    | vproto 6                      | --vproto 6",
        "! --vproto TCP                  | ! vproto 6                    | ! --vproto 6",
        "--vproto 23                     | vproto 23                     | --vproto 23",
        "--vproto 0x11                   | vproto 17                     | --vproto 17",
        "--vproto all                    | vproto 0                      | --vproto 0",
        "--vproto icmpv6                 | vproto 58                     | --vproto 58",
        "--vproto ICMP                   | vproto 1                      | --vproto 1",
        "--vaddr 1.2.3.4                 | vaddr 1.2.3.4                 | --vaddr 1.2.3.4",
        "! --vaddr 1.2.3.4/255.255.255.0 | ! vaddr 1.2.3.4/24            | ! --vaddr 1.2.3.4/24",
        "--vaddr 0.0.0.0/0               | vaddr 0.0.0.0/0               | --vaddr 0.0.0.0/0",
        "--vaddr 0/0                     | vaddr 0.0.0.0/0               | --vaddr 0.0.0.0/0",
        "--vaddr localhost               | vaddr 127.0.0.1               | --vaddr 127.0.0.1",
        "--vaddr 1.2.3.4/33              | vaddr 1.2.3.4                 | --vaddr 1.2.3.4",
        "--vaddr 1.2.3.4/255.0.255.0     | vaddr 1.2.3.4                 | --vaddr 1.2.3.4",
        "--vport http                    | vport 80                      | --vport 80",
        "--vport 70000                   | vport 4464                    | --vport 4464",
        "--vdir reply                    | vdir REPLY                    | --vdir REPLY",
        "--vmethod masq                  | vmethod MASQ                  | --vmethod MASQ",
        "! --vmethod IPIP                | ! vmethod IPIP                | ! --vmethod IPIP",
        "--vmethod Gate --vdir Original  | vdir ORIGINAL vmethod GATE    | --vdir ORIGINAL --vmethod GATE",
        "--vportctl 21                   | vportctl 21                   | --vportctl 21",
        "--ipvs --vport 80               | vport 80                      | --vport 80",
        "--vproto 6 --vaddr 1.2.3.4/16 --vport 22 --vdir ORIGINAL --vmethod GATE --vportctl 21"
            + " | vproto 6 vaddr 1.2.3.4/16 vport 22 vdir ORIGINAL vmethod GATE vportctl 21"
            + " | --vproto 6 --vaddr 1.2.3.4/16 --vport 22 --vdir ORIGINAL --vmethod GATE --vportctl 21",
        "--ipvs ! --vproto 17 ! --vaddr 10.0.0.0/8 ! --vport 53 --vdir REPLY ! --vmethod MASQ ! --vportctl 21"
            + " | ! vproto 17 ! vaddr 10.0.0.0/8 ! vport 53 vdir REPLY ! vmethod MASQ ! vportctl 21"
            + " | ! --vproto 17 ! --vaddr 10.0.0.0/8 ! --vport 53 --vdir REPLY ! --vmethod MASQ ! --vportctl 21",
    })
    void listsAndSavesAsIptables(String options, String printed, String saved) {
        String rule = "-m ipvs " + options;
        assertTrue(filter.listed(rule, true).endsWith("0.0.0.0/0            0.0.0.0/0            " + printed),
                filter.listed(rule, true));
        assertEquals("-A INPUT -m ipvs " + saved, filter.saved(rule));
    }

    @Test
    void theListingWithoutNumbersSaysAnywhereForAZeroAddress() {
        assertTrue(filter.listed("-m ipvs --vaddr 0/0", false).endsWith(" vaddr anywhere"));
        assertTrue(filter.listed("-m ipvs --vaddr 10.1.2.3/8", false).endsWith(" vaddr 10.1.2.3/8"));
    }

    /** Rows: the options, iptables' message (program prefix and trailing blank line left out). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "''                       | IPVS: At least one option is required",
        "! --ipvs --vport 80      | ! --ipvs cannot be together with other options",
        "--vdir FOO               | ipvs: Bad value for \"--vdir\" option: \"FOO\"",
        "--vmethod x              | ipvs: Bad value for \"--vmethod\" option: \"x\"",
        "! --vdir REPLY           | ipvs: option \"--vdir\" cannot be inverted.",
        "--vport -1               | Port \"-1\" does not resolve to anything.",
        "--vport 1:2              | Port \"1:2\" does not resolve to anything.",
        "--vproto foo             | unknown protocol \"foo\" specified",
        "--vproto 256             | unknown protocol \"256\" specified",
        "--vproto Tcp             | unknown protocol \"Tcp\" specified",
        "--vproto ALL             | unknown protocol \"ALL\" specified",
        "--vaddr 1.2.3.4/x        | ipvs: bad value for option \"--vaddr\", neither a valid network mask nor valid CIDR (0-32).",
        "--vaddr 1.2.3.300        | getaddrinfo: Name or service not known",
        "--vport 1 --vport 2      | ipvs: option \"--vport\" can only be used once.",
    })
    void refusesAsIptables(String options, String message) {
        assertEquals(message, filter.error("-m ipvs " + options));
        assertEquals(2, filter.failure("-m ipvs " + options).status());
    }

    @Test
    void withoutIpvsOnTheHostOnlyNotIpvsMatches() {
        Packet p = TestPackets.tcp("198.18.0.2", 40000, "198.18.1.2", 80).view();
        assertEquals(false, filter.matches("-m ipvs --ipvs", p));
        assertEquals(true, filter.matches("-m ipvs ! --ipvs", p));
        // every other option implies --ipvs, even negated
        assertEquals(false, filter.matches("-m ipvs ! --vproto 17", p));
        assertEquals(false, filter.matches("-m ipvs ! --vaddr 1.2.3.4", p));
        assertEquals(false, filter.matches("-m ipvs --vdir REPLY", p));
        assertEquals(false, filter.matches("-m ipvs ! --vmethod GATE ! --vportctl 21", p));
        assertTrue(RuleTester.of("nat", "POSTROUTING").matches("-m ipvs ! --ipvs", p));
    }

    @Test
    void help() throws Exception {
        try (InputStream in = IpvsTest.class.getResourceAsStream("/help-ipvs.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), new IpvsExtension().help());
        }
    }
}
