package org.jptables.plugins.recent;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.jptables.api.Hook;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.RuleException;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestContext;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected texts are iptables-legacy 1.8.9's answers for the same rules. */
class RecentTest {
    private final RuleTester t = RuleTester.filter();
    private final TestContext context = TestContext.filterInput();

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--set|--set --name DEFAULT --mask 255.255.255.255 --rsource|recent: SET name: DEFAULT side: source mask: 255.255.255.255",
        "--rcheck|--rcheck --name DEFAULT --mask 255.255.255.255 --rsource|recent: CHECK name: DEFAULT side: source mask: 255.255.255.255",
        "--update --seconds 60 --hitcount 4 --name SSH|--update --seconds 60 --hitcount 4 --name SSH --mask 255.255.255.255 --rsource|recent: UPDATE seconds: 60 hit_count: 4 name: SSH side: source mask: 255.255.255.255",
        "--remove --rdest|--remove --name DEFAULT --mask 255.255.255.255 --rdest|recent: REMOVE name: DEFAULT side: dest mask: 255.255.255.255",
        "! --rcheck --seconds 10 --reap|! --rcheck --seconds 10 --reap --name DEFAULT --mask 255.255.255.255 --rsource|! recent: CHECK seconds: 10 reap name: DEFAULT side: source mask: 255.255.255.255",
        "--set --name foo --rdest --mask 255.255.0.0|--set --name foo --mask 255.255.0.0 --rdest|recent: SET name: foo side: dest mask: 255.255.0.0",
        "--rcheck --mask 255.0.255.0|--rcheck --name DEFAULT --mask 255.0.255.0 --rsource|recent: CHECK name: DEFAULT side: source mask: 255.0.255.0",
        "--rcheck --mask 8|--rcheck --name DEFAULT --mask 0.0.0.8 --rsource|recent: CHECK name: DEFAULT side: source mask: 0.0.0.8",
        "--rcheck --mask 0x10|--rcheck --name DEFAULT --mask 0.0.0.16 --rsource|recent: CHECK name: DEFAULT side: source mask: 0.0.0.16",
        "--rcheck --mask 10.0|--rcheck --name DEFAULT --mask 10.0.0.0 --rsource|recent: CHECK name: DEFAULT side: source mask: 10.0.0.0",
        "! --set|! --set --name DEFAULT --mask 255.255.255.255 --rsource|! recent: SET name: DEFAULT side: source mask: 255.255.255.255",
        "--rsource --rdest --set|--set --name DEFAULT --mask 255.255.255.255 --rdest|recent: SET name: DEFAULT side: dest mask: 255.255.255.255",
        "--rdest --rsource --set|--set --name DEFAULT --mask 255.255.255.255 --rsource|recent: SET name: DEFAULT side: source mask: 255.255.255.255",
        "--rcheck --hitcount 0|--rcheck --name DEFAULT --mask 255.255.255.255 --rsource|recent: CHECK name: DEFAULT side: source mask: 255.255.255.255",
        "--rcheck --hitcount 65535|--rcheck --hitcount 65535 --name DEFAULT --mask 255.255.255.255 --rsource|recent: CHECK hit_count: 65535 name: DEFAULT side: source mask: 255.255.255.255",
        "--update --rttl --hitcount 3|--update --hitcount 3 --rttl --name DEFAULT --mask 255.255.255.255 --rsource|recent: UPDATE hit_count: 3 TTL-Match name: DEFAULT side: source mask: 255.255.255.255",
        "--rcheck --seconds 60 --reap --hitcount 2 --rttl --name X --rdest --mask 255.255.255.0|--rcheck --seconds 60 --reap --hitcount 2 --rttl --name X --mask 255.255.255.0 --rdest|recent: CHECK seconds: 60 reap hit_count: 2 TTL-Match name: X side: dest mask: 255.255.255.0",
    })
    void savesAndListsAsIptables(String options, String saved, String listed) {
        assertEquals("-A INPUT -m recent " + saved, t.saved("-m recent " + options));
        assertTrue(t.listed("-m recent " + options, true).endsWith(" " + listed));
        assertTrue(t.listed("-m recent " + options, false).endsWith(" " + listed));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--rcheck --mask abc|getaddrinfo: Temporary failure in name resolution",
        "--rcheck --mask 255.255.255.0/8|getaddrinfo: Name or service not known",
        "--rcheck --reap|recent: option \"--reap\" also requires \"--seconds\".",
        "--set --rttl|recent: option \"--rttl\" cannot be used together with \"--set\".",
        "--remove --rttl|recent: option \"--rttl\" cannot be used together with \"--remove\".",
        "--set --rcheck|recent: option \"--set\" cannot be used together with \"--rcheck\".",
        "--set --update|recent: option \"--set\" cannot be used together with \"--update\".",
        "--rcheck --remove|recent: option \"--rcheck\" cannot be used together with \"--remove\".",
        "--set ! --rcheck|recent: option \"--set\" cannot be used together with \"--rcheck\".",
        "--update --name a --set|recent: option \"--set\" cannot be used together with \"--update\".",
        "--seconds 5|recent: you must specify one of `--set', `--rcheck' `--update' or `--remove'",
        "--hitcount 5|recent: you must specify one of `--set', `--rcheck' `--update' or `--remove'",
        "--rcheck --seconds 0|recent: bad value for option \"--seconds\", or out of range (1-4294967295).",
        "--rcheck --seconds abc|recent: bad value for option \"--seconds\", or out of range (1-4294967295).",
        "--rcheck --seconds 4294967296|recent: bad value for option \"--seconds\", or out of range (1-4294967295).",
        "--rcheck --hitcount 4294967296|recent: bad value for option \"--hitcount\", or out of range (0-4294967295).",
        "--set --rsource --rsource|recent: option \"--rsource\" can only be used once.",
        "--set --name a --name b|recent: option \"--name\" can only be used once.",
        "! --rsource --set|recent: option \"--rsource\" cannot be inverted.",
    })
    void refusesAsIptables(String options, String message) {
        assertEquals(message, t.error("-m recent " + options).strip());
    }

    /** iptables accepts these; the kernel module refuses them (EINVAL). */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {"--set --seconds 5", "--set --hitcount 3", "--remove --seconds 5",
        "--remove --reap --seconds 5", "--set --reap --seconds 5", "--rcheck --hitcount 65536",
        "--rcheck --hitcount 4294967295", "--set --name ab/c", "--set --name .", "--set --name .."})
    void kernelRefuses(String options) {
        assertEquals("Invalid argument. Run `dmesg' for more information.", t.error("-m recent " + options));
    }

    @Test
    void longNamesAreCutTo199Characters() {
        String name = "x".repeat(260);
        assertEquals("-A INPUT -m recent --set --name " + "x".repeat(199) + " --mask 255.255.255.255 --rsource",
                t.saved("-m recent --set --name " + name));
    }

    private Match rule(String options) throws RuleException {
        MatchBuilder b = new RecentExtension().newBuilder(context);
        String[] words = options.split(" ");
        for (int i = 0; i < words.length; i++) {
            boolean inv = words[i].equals("!");
            if (inv) {
                i++;
            }
            String opt = words[i];
            var decl = new RecentExtension().options().stream().filter(o -> o.name().equals(opt)).findFirst().get();
            java.util.List<String> args = decl.arguments() == 1 ? java.util.List.of(words[++i]) : java.util.List.of();
            b.option(opt, args, inv);
        }
        return b.build();
    }

    private static PacketView from(String src, double seconds) {
        return TestPackets.tcp(src, 40000, "198.18.0.1", 22).view().timeNanos(Math.round(seconds * 1e9));
    }

    @Test
    void sshBruteForceGuard() throws RuleException {
        Match set = rule("--set --name SSH");
        Match update = rule("--update --seconds 60 --hitcount 4 --name SSH");
        String attacker = "203.0.113.9";
        // Each new connection: first the update test (drop if it matches), then --set.
        boolean[] dropped = new boolean[6];
        for (int i = 0; i < 6; i++) {
            dropped[i] = update.matches(from(attacker, 10 + i));
            if (!dropped[i]) {
                set.matches(from(attacker, 10 + i));
            }
        }
        // The update needs 4 stamps within 60 s: connections 1-4 pass (and are --set), the 5th is dropped.
        assertFalse(dropped[0]);
        assertFalse(dropped[1]);
        assertFalse(dropped[2]);
        assertFalse(dropped[3]);
        assertTrue(dropped[4]);
        assertTrue(dropped[5]);
        // Another address is not affected, and the window lets the attacker in again later.
        assertFalse(update.matches(from("203.0.113.10", 20)));
        assertFalse(update.matches(from(attacker, 200)));
    }

    @Test
    void rcheckDoesNotUpdateButUpdateDoes() throws RuleException {
        Match set = rule("--set --name W");
        Match check = rule("--rcheck --seconds 10 --name W");
        Match update = rule("--update --seconds 10 --name W");
        set.matches(from("192.0.2.1", 100));
        assertTrue(check.matches(from("192.0.2.1", 109.9)));
        assertFalse(check.matches(from("192.0.2.1", 110.1)));
        set.matches(from("192.0.2.1", 120));
        assertTrue(update.matches(from("192.0.2.1", 125)));
        // The update at 125 refreshed the entry: still seen at 134.
        assertTrue(check.matches(from("192.0.2.1", 134)));
        assertFalse(check.matches(from("192.0.2.1", 136)));
    }

    @Test
    void removeAndInversion() throws RuleException {
        Match set = rule("--set --name R");
        Match remove = rule("--remove --name R");
        Match notSeen = rule("! --rcheck --name R");
        assertTrue(notSeen.matches(from("192.0.2.7", 1)));
        assertTrue(set.matches(from("192.0.2.7", 1)));
        assertFalse(notSeen.matches(from("192.0.2.7", 2)));
        assertTrue(remove.matches(from("192.0.2.7", 3)));
        assertFalse(remove.matches(from("192.0.2.7", 4)));
        assertTrue(notSeen.matches(from("192.0.2.7", 5)));
        assertFalse(rule("! --set --name R").matches(from("192.0.2.8", 6)));
        assertTrue(rule("--rcheck --name R").matches(from("192.0.2.8", 7)));
    }

    @Test
    void invertedUpdateUpdatesWhenNotSeen() throws RuleException {
        rule("--set --name I").matches(from("192.0.2.1", 0));
        Match notRecent = rule("! --update --seconds 5 --name I");
        Match check = rule("--rcheck --seconds 5 --name I");
        // Seen at 0, not within 5 s at 10: the inverted update matches and so refreshes the entry.
        assertTrue(notRecent.matches(from("192.0.2.1", 10)));
        assertTrue(check.matches(from("192.0.2.1", 12)));
    }

    @Test
    void destinationSideAndListMask() throws RuleException {
        Match set = rule("--set --name M --rdest --mask 255.255.255.0");
        Match check = rule("--rcheck --name M --rdest");
        set.matches(TestPackets.udp("1.1.1.1", 1, "198.51.100.7", 53).view());
        // The list's mask (from the rule that made it) applies to every rule of the list.
        assertTrue(check.matches(TestPackets.udp("2.2.2.2", 1, "198.51.100.200", 53).view()));
        assertFalse(check.matches(TestPackets.udp("198.51.100.7", 1, "198.51.101.7", 53).view()));
    }

    @Test
    void ttlMatch() throws RuleException {
        Match set = rule("--set --name T");
        Match check = rule("--rcheck --rttl --name T");
        PacketView p = from("192.0.2.1", 1);
        set.matches(p);
        assertTrue(check.matches(from("192.0.2.1", 2)));
        var other = TestPackets.tcp("192.0.2.1", 40000, "198.18.0.1", 22);
        other.ipv4().ttl(5);
        assertFalse(check.matches(other.view()));
        assertTrue(rule("--rcheck --name T").matches(other.view()));
    }

    @Test
    void forwardedPacketsCountTheirTtlBeforeForwarding() throws RuleException {
        var in = TestPackets.tcp("192.0.2.1", 40000, "198.18.0.1", 22);
        in.ipv4().ttl(64);
        rule("--set --name F").matches(in.view());
        var fwd = TestPackets.tcp("192.0.2.1", 40000, "198.18.0.1", 22).in("eth0").out("eth1").hook(Hook.FORWARD);
        fwd.ipv4().ttl(63);
        assertTrue(rule("--rcheck --rttl --name F").matches(fwd.view()));
    }

    @Test
    void fullListForgetsTheLeastRecentlyUpdated() throws RuleException {
        Match set = rule("--set --name L");
        Match check = rule("--rcheck --name L");
        for (int i = 0; i < 100; i++) {
            set.matches(from("10.0.0." + i, i));
        }
        set.matches(from("10.0.0.0", 200));
        set.matches(from("10.0.1.1", 201));
        assertTrue(check.matches(from("10.0.0.0", 202)));
        assertFalse(check.matches(from("10.0.0.1", 202)));
        assertTrue(check.matches(from("10.0.0.2", 202)));
        assertTrue(check.matches(from("10.0.1.1", 202)));
    }

    @Test
    void reapForgetsTheOldestEntryWhenStale() throws RuleException {
        Match set = rule("--set --name P");
        Match reap = rule("--rcheck --seconds 10 --reap --name P");
        set.matches(from("10.0.0.1", 0));
        set.matches(from("10.0.0.2", 50));
        assertTrue(reap.matches(from("10.0.0.2", 55)));
        // 10.0.0.1 was the oldest and stale at 55: reaped, so it is gone even for a longer window.
        assertFalse(rule("--rcheck --name P").matches(from("10.0.0.1", 56)));
    }

    @Test
    void ringsHoldAsManyStampsAsTheLargestHitCount() throws RuleException {
        Match set = rule("--set --name H");
        Match check = rule("--rcheck --hitcount 40 --name H");
        for (int i = 0; i < 39; i++) {
            set.matches(from("192.0.2.1", i));
        }
        assertFalse(check.matches(from("192.0.2.1", 40)));
        set.matches(from("192.0.2.1", 41));
        assertTrue(check.matches(from("192.0.2.1", 42)));
    }

    @Test
    void perPacketPathDoesNotAllocate() throws RuleException {
        Match set = rule("--set --name A");
        Match update = rule("--update --seconds 60 --hitcount 4 --name A");
        PacketView p = from("192.0.2.1", 0);
        var bean = (com.sun.management.ThreadMXBean) java.lang.management.ManagementFactory.getThreadMXBean();
        byte[] bytes = p.bytes();
        for (int i = 0; i < 300_000; i++) {
            bytes[15] = (byte) i;
            bytes[14] = (byte) (i >>> 8);
            p.timeNanos(i * 1_000_000L);
            update.matches(p);
            set.matches(p);
            if (i == 100_000) {
                long before = bean.getCurrentThreadAllocatedBytes();
                for (int k = 0; k < 100_000; k++) {
                    bytes[15] = (byte) k;
                    p.timeNanos((i + k) * 1_000_000L);
                    update.matches(p);
                    set.matches(p);
                }
                long delta = bean.getCurrentThreadAllocatedBytes() - before;
                // One-off allocations (JIT, class loading) are allowed; one object per packet
                // would be at least 16 bytes x 200000 calls.
                assertTrue(delta < 65536, "allocated " + delta);
                return;
            }
        }
    }

    @Test
    void help() {
        String help = new RecentExtension().help();
        assertTrue(help.startsWith("recent match options:\n[!] --set                       Add source address"));
        assertTrue(help.endsWith("xt_recent by: Stephen Frost <sfrost@snowman.net>.\n"));
    }
}
