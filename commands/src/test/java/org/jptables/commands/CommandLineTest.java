package org.jptables.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CommandLineTest {
    @TempDir
    Path dir;
    Cli cli;

    @BeforeEach
    void setUp() {
        cli = new Cli(dir);
    }

    @Test
    void emptyFilterTableListsAsIptablesDoes() {
        assertEquals("""
                Chain INPUT (policy ACCEPT)
                target     prot opt source               destination         \n
                Chain FORWARD (policy ACCEPT)
                target     prot opt source               destination         \n
                Chain OUTPUT (policy ACCEPT)
                target     prot opt source               destination         \n""".replace("\\n\n", "\n"),
                cli.ok("-L"));
    }

    @Test
    void rulesAreSavedInIptablesOrderAndPersist() {
        cli.ok("-A INPUT -s 192.0.2.1 -p 6 -j ACCEPT");
        cli.ok("-N web");
        cli.ok("-A INPUT -j web");
        cli.ok("-A web -m fakemark ! --is 7 -j RETURN");
        assertEquals("""
                -P INPUT ACCEPT
                -P FORWARD ACCEPT
                -P OUTPUT ACCEPT
                -N web
                -A INPUT -s 192.0.2.1/32 -p tcp -j ACCEPT
                -A INPUT -j web
                -A web -m fakemark ! --is 7 -j RETURN
                """, cli.ok("-S"));
    }

    @Test
    void verboseListingHasCountersAndInterfaces() {
        cli.ok("-A INPUT -p 1 -j DROP");
        assertEquals("""
                Chain INPUT (policy ACCEPT 0 packets, 0 bytes)
                num   pkts bytes target     prot opt in     out     source               destination         \n\
                1        0     0 DROP       1    --  *      *       0.0.0.0/0            0.0.0.0/0           \n""",
                cli.ok("-L INPUT -v -n --line-numbers"));
    }

    @Test
    void insertReplaceDeleteByNumberAndSpec() {
        cli.ok("-A INPUT -p 6 -j ACCEPT");
        cli.ok("-I INPUT -p 17 -j ACCEPT");
        cli.ok("-I INPUT 3 -p 1 -j DROP");
        cli.ok("-R INPUT 1 -p 47 -j DROP");
        assertEquals("-A INPUT -p gre -j DROP\n-A INPUT -p tcp -j ACCEPT\n-A INPUT -p icmp -j DROP\n",
                rules());
        cli.ok("-D INPUT -p 6 -j ACCEPT");
        cli.ok("-D INPUT 1");
        assertEquals("-A INPUT -p icmp -j DROP\n", rules());
        assertEquals(0, cli.run("-C INPUT -p 1 -j DROP").status());
        Cli.Result missing = cli.run("-C INPUT -p 1 -j ACCEPT");
        assertEquals(1, missing.status());
        assertEquals("iptables: Bad rule (does a matching rule exist in that chain?).\n", missing.err());
    }

    private String rules() {
        return cli.ok("-S INPUT").lines().filter(l -> l.startsWith("-A")).map(l -> l + "\n")
                .reduce("", String::concat);
    }

    @Test
    void parameterProblemsExitWithTwoAndTheTryLine() {
        Cli.Result r = cli.run("-A INPUT --nosuch 1");
        assertEquals(2, r.status());
        assertEquals("jptables v1.8.9 (legacy): unknown option \"--nosuch\"\n"
                + "Try `jptables -h' or 'jptables --help' for more information.\n", r.err());
        assertEquals(2, cli.run("-A INPUT -p 6 -p 17").status());
        assertEquals("jptables v1.8.9 (legacy): multiple -p flags not allowed\n"
                + "Try `jptables -h' or 'jptables --help' for more information.\n", cli.run("-A INPUT -p 6 -p 17").err());
        assertEquals("Bad argument `foo'\nTry `jptables -h' or 'jptables --help' for more information.\n",
                cli.run("-A INPUT foo").err());
        assertEquals("jptables v1.8.9 (legacy): fakemark: option \"--is\" must be specified\n\n"
                + "Try `jptables -h' or 'jptables --help' for more information.\n", cli.run("-A INPUT -m fakemark").err());
        assertEquals("jptables v1.8.9 (legacy): fakemark: option \"--is\" can only be used once.\n\n"
                + "Try `jptables -h' or 'jptables --help' for more information.\n",
                cli.run("-A INPUT -m fakemark --is 1 --is 2").err());
    }

    @Test
    void chainsInUseLoopsAndPlacementAreRefusedWithoutHalfApplying() {
        cli.ok("-N a");
        cli.ok("-N b");
        cli.ok("-A INPUT -j a");
        cli.ok("-A a -j b");
        Cli.Result loop = cli.run("-A b -j a");
        assertEquals(1, loop.status());
        assertEquals("iptables: Too many levels of symbolic links.\n", loop.err());
        assertEquals(1, cli.run("-X b").status());
        cli.ok("-A b -m fakemark --is 1 -j ACCEPT");
        Cli.Result placement = cli.run("-A OUTPUT -j a");
        assertEquals(1, placement.status());
        assertEquals("iptables: Invalid argument. Run `dmesg' for more information.\n", placement.err());
        assertEquals("-A INPUT -j a\n", rules());
        assertEquals("", cli.ok("-S OUTPUT").replace("-P OUTPUT ACCEPT\n", ""));
    }

    @Test
    void anExtensionOfAnotherTableIsRefusedEvenInAChainNothingJumpsTo() {
        cli.ok("-N lone");
        cli.ok("-A lone -j FAKEREJECT");
        cli.ok("-t mangle -N lone");
        Cli.Result r = cli.run("-t mangle -A lone -j FAKEREJECT");
        assertEquals(1, r.status());
        assertEquals("iptables: Invalid argument. Run `dmesg' for more information.\n", r.err());
        assertEquals("", cli.ok("-t mangle -S lone").replace("-N lone\n", ""));
    }

    @Test
    void unknownChainAndTable() {
        Cli.Result r = cli.run("-A NOPE -j ACCEPT");
        assertEquals(1, r.status());
        assertEquals("iptables: No chain/target/match by that name.\n", r.err());
        Cli.Result t = cli.run("-t nosuch -L");
        assertEquals(3, t.status());
    }

    @Test
    void saveAndRestoreRoundTrip() {
        cli.ok("-A INPUT -p 6 -j ACCEPT");
        cli.ok("-t nat -P POSTROUTING ACCEPT");
        cli.ok("-t raw -L");
        String saved = cli.ok("save");
        assertEquals(true, saved.contains("*filter\n:INPUT ACCEPT [0:0]\n"));
        assertEquals(true, saved.contains("*nat\n"));
        assertEquals(false, saved.contains("*raw\n"), "a listing keeps nothing, not even the table it looked at");
    }
}
