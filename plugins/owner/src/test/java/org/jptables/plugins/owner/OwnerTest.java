package org.jptables.plugins.owner;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.jptables.api.Hook;
import org.jptables.api.Placement;
import org.jptables.api.Verdict;
import org.jptables.kernel.packet.LocalSocket;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The match decides as xt_owner's owner_mt; listings and messages are checked in RecordedRulesTest. */
class OwnerTest {
    private final RuleTester output = RuleTester.of("filter", "OUTPUT");

    private static PacketView sent(LocalSocket socket) {
        return TestPackets.udp("198.18.0.1", 40000, "198.18.1.2", 53).hook(Hook.OUTPUT).view().socket(socket);
    }

    private static final LocalSocket USER = LocalSocket.of(1000, 100, 27, 2000);

    /** Rows: rule options, then whether it matches a process's socket, the kernel's, and none. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--uid-owner 1000                 | true  | false | false",
        "--uid-owner 999-1001             | true  | false | false",
        "--uid-owner 0                    | false | false | false",
        "! --uid-owner 0                  | true  | true  | true",
        "! --uid-owner 1000               | false | true  | true",
        "--gid-owner 100                  | true  | false | false",
        "--gid-owner 27                   | false | false | false",
        "--gid-owner 27 --suppl-groups    | true  | false | false",
        "--gid-owner 1999-2001 --suppl-groups | true | false | false",
        "! --gid-owner 27 --suppl-groups  | false | true  | false",
        "! --gid-owner 27                 | true  | true  | true",
        "--socket-exists                  | true  | true  | false",
        "! --socket-exists                | false | false | true",
        "! --socket-exists ! --uid-owner 5 | false | false | true",
        "--socket-exists --uid-owner 1000 | true  | false | false",
        "--socket-exists ! --uid-owner 1000 | false | true | false",
        "! --uid-owner 1000 ! --gid-owner 7 | false | true | true",
    })
    void decidesAsTheKernel(String options, boolean process, boolean kernel, boolean none) {
        String rule = "-m owner " + options.strip();
        assertEquals(process, output.matches(rule, sent(USER)), "process socket");
        assertEquals(kernel, output.matches(rule, sent(LocalSocket.KERNEL)), "kernel socket");
        assertEquals(none, output.matches(rule, sent(LocalSocket.NONE)), "no socket");
    }

    @Property
    void uidRanges(@ForAll @LongRange(max = 0xFFFFFFFEL) long uid, @ForAll @LongRange(max = 0xFFFFFFFEL) long a,
                   @ForAll @LongRange(max = 0xFFFFFFFEL) long b) {
        long min = Math.min(a, b);
        long max = Math.max(a, b);
        OwnerMatch m = new OwnerMatch(OwnerMatch.UID, 0, min, max, 0, 0);
        OwnerMatch not = new OwnerMatch(OwnerMatch.UID, OwnerMatch.UID, min, max, 0, 0);
        PacketView p = sent(LocalSocket.of(uid, 0));
        assertEquals(uid >= min && uid <= max, m.matches(p));
        assertEquals(!(uid >= min && uid <= max), not.matches(p));
    }

    @Property
    void supplementaryGroupsOnlyWithTheFlag(@ForAll @LongRange(max = 0xFFFFFFFEL) long group) {
        PacketView p = sent(LocalSocket.of(1, 1, group));
        assertEquals(group == 1, new OwnerMatch(OwnerMatch.GID, 0, group, group, group, group).matches(p));
        assertTrue(new OwnerMatch(OwnerMatch.GID | OwnerMatch.SUPPL_GROUPS, 0, 0, 0, group, group).matches(p));
    }

    @Test
    void dropsBySender() {
        assertEquals(Verdict.DROP, output.verdict("-p udp -m owner --uid-owner 1000 -j DROP", sent(USER)));
        assertEquals(Verdict.ACCEPT, output.verdict("-p udp -m owner --uid-owner 1000 -j DROP", sent(LocalSocket.ROOT)));
        RuleTester post = RuleTester.of("mangle", "POSTROUTING");
        assertTrue(post.matches("-m owner --gid-owner 100", sent(USER).hook(Hook.POSTROUTING)));
    }

    @Test
    void onlyWhereTheHostSends() {
        Placement p = new OwnerExtension().placement();
        for (Hook h : Hook.values()) {
            boolean local = h == Hook.OUTPUT || h == Hook.POSTROUTING;
            for (String table : new String[] {"filter", "mangle", "nat", "raw", "security"}) {
                assertEquals(local, p.allows(table, h), table + " " + h);
            }
        }
    }

    @Test
    void help() throws Exception {
        try (InputStream in = OwnerTest.class.getResourceAsStream("/help-owner.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), new OwnerExtension().help());
        }
    }

    @Test
    void listsNamesOnlyWithoutNumeric() {
        assertFalse(output.listed("-m owner --uid-owner 0", true).contains("root"));
        assertTrue(output.listed("-m owner --uid-owner 0", false).endsWith("owner UID match root"));
        assertTrue(output.listed("-m owner --uid-owner 0-0", false).endsWith("owner UID match root"));
        assertTrue(output.listed("-m owner --uid-owner 0-1", false).endsWith("owner UID match 0-1"));
    }
}
