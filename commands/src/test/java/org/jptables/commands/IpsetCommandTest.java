package org.jptables.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jptables ipset} on the sets kept with the ruleset: the rules that name a set hold it, as
 * the kernel's do. The expected texts are the real tools' (ipset 7.17 and iptables-legacy 1.8.9 in
 * a namespace of our own, run by hand with the same commands: {@code -m set} there, the fake
 * {@code -m fakeset} of this module's tests here, which resolves its set the same way).
 */
class IpsetCommandTest {
    private static final String BUSY = "ipset v7.17: Set cannot be destroyed: it is in use by a kernel component\n";

    @TempDir
    Path dir;
    Cli cli;

    @BeforeEach
    void setUp() {
        cli = new Cli(dir);
    }

    @Test
    void setsPersistAndTheRulesUsingThemAreItsReferences() {
        cli.ok("ipset create blk hash:ip initval 0x1");
        cli.ok("ipset add blk 198.18.0.1");
        cli.ok("-A INPUT -m fakeset --src-in blk -j DROP");
        cli.ok("-t mangle -A PREROUTING -m fakeset --src-in blk -j ACCEPT");
        assertEquals("""
                Name: blk
                Type: hash:ip
                Revision: 6
                Header: family inet hashsize 1024 maxelem 65536 bucketsize 12 initval 0x00000001
                Size in memory: 256
                References: 2
                Number of entries: 1
                Members:
                198.18.0.1
                """, cli.ok("ipset list blk"));

        Cli.Result busy = cli.run("ipset destroy blk");
        assertEquals(1, busy.status());
        assertEquals(BUSY, busy.err());
        Cli.Result rename = cli.run("ipset rename blk other");
        assertEquals(1, rename.status());
        assertEquals("ipset v7.17: Set cannot be renamed: it is in use by another system\n", rename.err());

        cli.ok("-F");
        assertTrue(cli.ok("ipset list -t blk").contains("References: 1\n"), "the mangle rule still holds it");
        cli.ok("-t mangle -F");
        cli.ok("ipset destroy blk");
        assertEquals("", cli.ok("ipset list -n"));
    }

    @Test
    void destroyingEverySetDestroysNoneWhileOneIsInUse() {
        cli.ok("ipset create blk hash:ip initval 0x1");
        cli.ok("ipset add blk 198.18.0.1");
        cli.ok("-A INPUT -m fakeset --src-in blk -j DROP");
        cli.ok("ipset create o hash:ip initval 0x2");
        Cli.Result busy = cli.run("ipset destroy");
        assertEquals(1, busy.status());
        assertEquals(BUSY, busy.err());
        assertEquals("blk\no\n", cli.ok("ipset list -n"));

        // the rule holds the index, so after a swap it holds the set that took the name
        cli.ok("ipset swap blk o");
        assertEquals("""
                Name: blk
                Type: hash:ip
                Revision: 6
                Header: family inet hashsize 1024 maxelem 65536 bucketsize 12 initval 0x00000002
                Size in memory: 216
                References: 1
                Number of entries: 0

                Name: o
                Type: hash:ip
                Revision: 6
                Header: family inet hashsize 1024 maxelem 65536 bucketsize 12 initval 0x00000001
                Size in memory: 256
                References: 0
                Number of entries: 1
                """, cli.ok("ipset -t list"));
    }

    @Test
    void aRuleCanNameOnlyASetThatExists() {
        Cli.Result missing = cli.run("-A INPUT -m fakeset --src-in nope -j DROP");
        assertEquals(2, missing.status());
        assertTrue(missing.err().startsWith("jptables v1.8.9 (legacy): Set nope doesn't exist."), missing.err());
        assertFalse(Files.exists(dir.resolve("state.rules")), "nothing stored");
    }

    @Test
    void iptablesSaveAndRestoreLeaveTheSetsAlone() throws Exception {
        cli.ok("ipset create blk hash:net");
        cli.ok("ipset add blk 198.18.0.0/16");
        cli.ok("-A INPUT -m fakeset --src-in blk -j DROP");
        String save = cli.ok("save");
        assertFalse(save.contains("ipset") || save.contains("blk 198"), save);
        assertTrue(save.contains("-A INPUT -m fakeset --src-in blk -j DROP\n"), save);

        Path rules = dir.resolve("rules");
        Files.writeString(rules, "*filter\n:INPUT ACCEPT [0:0]\n-A INPUT -m fakeset --src-in blk -j ACCEPT\nCOMMIT\n");
        cli.ok("restore " + rules);
        assertEquals("create blk hash:net family inet hashsize 1024 maxelem 65536 bucketsize 12 initval "
                        + initval(cli.ok("ipset save blk")) + "\nadd blk 198.18.0.0/16\n",
                cli.ok("ipset save blk"));
        assertTrue(cli.ok("ipset list -t blk").contains("References: 1\n"));
        assertTrue(cli.ok("-S INPUT").endsWith("-A INPUT -m fakeset --src-in blk -j ACCEPT\n"));
    }

    @Test
    void packetsMeetTheSetsOfTheState() {
        // eth0 is 198.18.0.1/24 in the default (conformance) host
        cli.ok("ipset create blk hash:ip");
        cli.ok("ipset add blk 198.18.0.5");
        cli.ok("-A INPUT -m fakeset --src-in blk -j DROP");
        cli.ok("--packet -i eth0 -s 198.18.0.5 -d 198.18.0.1");
        cli.ok("--packet -i eth0 -s 198.18.0.6 -d 198.18.0.1");
        String listing = cli.ok("-L INPUT -v -n -x");
        assertTrue(listing.startsWith("Chain INPUT (policy ACCEPT 1 packets, 40 bytes)\n"), listing);
        assertTrue(listing.contains("\n       1       40 DROP "), listing);
    }

    private static String initval(String save) {
        int at = save.indexOf("initval ") + "initval ".length();
        return save.substring(at, save.indexOf('\n', at));
    }
}
