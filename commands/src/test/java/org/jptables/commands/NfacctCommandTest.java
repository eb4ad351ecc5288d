package org.jptables.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code jptables nfacct} on the accounting objects kept with the ruleset: the rules that name an
 * object hold it, as the kernel's do, and the packets run through the state count into it. The
 * expected texts are the real tools' (nfacct 1.0.2 and iptables-legacy 1.8.9 in a namespace of our
 * own, run by hand with the same commands: {@code -m nfacct} there, the fake {@code -m fakeacct} of
 * this module's tests here, which resolves its object the same way).
 */
class NfacctCommandTest {
    private static final String BUSY = "nfacct v1.0.2: error: Device or resource busy\n";
    private static final String NO_ENTRY = "nfacct v1.0.2: error: No such file or directory\n";
    private static final String ZERO = "{ pkts = 00000000000000000000, bytes = 00000000000000000000 } = ";

    @TempDir
    Path dir;
    Cli cli;

    @BeforeEach
    void setUp() {
        cli = new Cli(dir);
    }

    private void fails(String line, String err) {
        Cli.Result r = cli.run(line);
        assertEquals(1, r.status(), line);
        assertEquals(err, r.err(), line);
        assertEquals("", r.out(), line);
    }

    @Test
    void objectsPersistInTheOrderAddedAndRefuseDuplicates() {
        assertEquals("", cli.ok("nfacct add test"));
        fails("nfacct add test", BUSY);
        cli.ok("nfacct add t2");
        assertEquals(ZERO + "test;\n" + ZERO + "t2;\n", cli.ok("nfacct list"));
        assertEquals(ZERO + "t2;\n", cli.ok("nfacct get t2"));
        fails("nfacct get nope", NO_ENTRY);
        fails("nfacct delete nope", NO_ENTRY);
        cli.ok("nfacct delete t2");
        assertEquals(ZERO + "test;\n", cli.ok("nfacct l"));
    }

    @Test
    void aRuleNeedsItsObjectAndHoldsIt() {
        Cli.Result missing = cli.run("-A INPUT -m fakeacct --acct test");
        assertEquals(1, missing.status());
        assertEquals("iptables: No chain/target/match by that name.\n", missing.err());
        cli.ok("nfacct add test");
        cli.ok("nfacct add free");
        cli.ok("-A INPUT -m fakeacct --acct test");
        fails("nfacct delete test", BUSY);
        // flush deletes what no rule holds and says nothing of the rest
        assertEquals("", cli.ok("nfacct flush"));
        assertEquals(ZERO + "test;\n", cli.ok("nfacct list"));
        cli.ok("-F");
        cli.ok("nfacct delete test");
        assertEquals("", cli.ok("nfacct list"));
    }

    @Test
    void packetsCountIntoTheObjectAndResetReadsThenZeroes() {
        // eth0 is 198.18.0.1/24 in the default (conformance) host; each packet is 40 bytes, as the
        // rule's own counters say
        cli.ok("nfacct add test");
        cli.ok("-A INPUT -m fakeacct --acct test");
        cli.ok("--packet -i eth0 -s 198.18.0.5 -d 198.18.0.1");
        cli.ok("--packet -i eth0 -s 198.18.0.6 -d 198.18.0.1");
        String two = "{ pkts = 00000000000000000002, bytes = 00000000000000000080 } = test;\n";
        assertEquals(two, cli.ok("nfacct list"));
        assertEquals(true, cli.ok("-L INPUT -v -n -x").contains("\n       2       80 "));
        assertEquals(two, cli.ok("nfacct get test reset"));
        assertEquals(ZERO + "test;\n", cli.ok("nfacct list reset"));
        assertEquals(ZERO + "test;\n", cli.ok("nfacct list"));
    }

    @Test
    void quotasAreListedWithTheirMode() {
        cli.ok("nfacct add p packet 3");
        cli.ok("nfacct add d byte -1");
        cli.ok("nfacct add e byte 0x10");
        cli.ok("nfacct add g byte 12abc");
        assertEquals("""
                { pkts = 00000000000000000000, bytes = 00000000000000000000, quota = 00000000000000000003, \
                mode = packet, overquota = no } = p;
                { pkts = 00000000000000000000, bytes = 00000000000000000000, quota = 18446744073709551615, \
                mode = byte, overquota = no } = d;
                { pkts = 00000000000000000000, bytes = 00000000000000000000, quota = 00000000000000000000, \
                mode = byte, overquota = no } = e;
                { pkts = 00000000000000000000, bytes = 00000000000000000000, quota = 00000000000000000012, \
                mode = byte, overquota = no } = g;
                """, cli.ok("nfacct list"));
        assertEquals("""
                <?xml version="1.0" encoding="utf-8"?>
                <nfacct>
                <obj><name>p</name><pkts>00000000000000000000</pkts><bytes>00000000000000000000</bytes></obj>
                </nfacct>
                """, cli.ok("nfacct get p xml"));
    }

    @Test
    void namesAreCutTo31Characters() {
        cli.ok("nfacct add " + "a".repeat(66));
        fails("nfacct add " + "a".repeat(31), BUSY);
        assertEquals(ZERO + "a".repeat(31) + ";\n", cli.ok("nfacct list"));
    }

    @Test
    void badCommandLinesGetTheToolsMessages() {
        fails("nfacct add", "nfacct v1.0.2: missing object name\n");
        fails("nfacct get", "nfacct v1.0.2: missing object name\n");
        fails("nfacct delete", "nfacct v1.0.2: missing object name\n");
        fails("nfacct add a b", "nfacct v1.0.2: missing quota value\n");
        fails("nfacct add a b c", "nfacct v1.0.2: argument must \"byte\" or \"packet\"\n");
        fails("nfacct add b bytes 3", "nfacct v1.0.2: argument must \"byte\" or \"packet\"\n");
        fails("nfacct add c byte abc", "nfacct v1.0.2: error reading quota\n");
        fails("nfacct add a packets 3 x", "nfacct v1.0.2: too many arguments\n");
        fails("nfacct delete a b", "nfacct v1.0.2: too many arguments\n");
        fails("nfacct flush x", "nfacct v1.0.2: too many arguments\n");
        fails("nfacct list bar", "nfacct v1.0.2: unknown argument\n");
        fails("nfacct get a b", "nfacct v1.0.2: unknown argument\n");
        fails("nfacct foo", "nfacct v1.0.2: Unknown command: foo\nUsage: nfacct command [parameters]...\n");
        fails("nfacct lists", "nfacct v1.0.2: Unknown command: lists\nUsage: nfacct command [parameters]...\n");
        fails("nfacct -h", "nfacct v1.0.2: Unknown command: -h\nUsage: nfacct command [parameters]...\n");
        Cli.Result none = cli.run("nfacct");
        assertEquals(1, none.status());
        assertEquals("Usage: nfacct command [parameters]...\n", none.err());
        assertEquals("", cli.ok("nfacct list"), "nothing was added");
    }

    @Test
    void helpAndVersionAreTheTools() {
        assertEquals("""
                nfacct v1.0.2: utility for the Netfilter extended accounting infrastructure
                Usage: nfacct command [parameters]...

                Commands:
                  list [reset]\t\tList the accounting object table (and reset)
                  add object-name\tAdd new accounting object to table
                  delete object-name\tDelete existing accounting object
                  get object-name\tGet existing accounting object
                  flush\t\t\tFlush accounting object table
                  restore\t\tRestore accounting object table reading 'list' output from stdin
                  monitor\t\tListens for quota attainment notifications
                  version\t\tDisplay version and disclaimer
                  help\t\t\tDisplay this help message
                """, cli.ok("nfacct h"));
        assertEquals(true, cli.ok("nfacct vers").startsWith(
                "nfacct v1.0.2: utility for the Netfilter extended accounting infrastructure\n"
                + "Copyright (C) 2011 Pablo Neira Ayuso <pablo@netfilter.org>\n"));
    }
}
