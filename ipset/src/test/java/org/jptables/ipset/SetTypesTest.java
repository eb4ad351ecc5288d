package org.jptables.ipset;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.jptables.api.Names;
import org.jptables.kernel.ipset.SetStore;
import org.jptables.language.names.SystemNames;
import org.junit.jupiter.api.Test;

/**
 * Each type's add, del and test with their answers, on a clock the test moves. The expected texts
 * and exit codes are the real ipset 7.17's, run with the same commands in a network namespace of
 * our own (kernel 6.18; {@code sleep} where this test moves the clock); the golden sessions
 * ({@link GoldenSessionsTest}) cover the listings.
 */
class SetTypesTest {
    private static final Names NAMES = SystemNames.fromEtc();
    private final long[] now = {1_700_000_000_000_000_000L};
    private final SetStore store = new SetStore(() -> now[0]);

    /** Runs one command line; its exit code, then what it printed on stdout and stderr, in that order. */
    private String ipset(String line) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new IpsetTool(store, NAMES, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Path.of(".")).run(List.of(line.split(" ")));
        return status + ":" + out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }

    private void ok(String... lines) {
        for (String l : lines) {
            assertEquals("0:", ipset(l), l);
        }
    }

    private static String in(String element, String set) {
        return "0:Warning: " + element + " is in set " + set + ".\n";
    }

    private static String notIn(String element, String set) {
        return "1:" + element + " is NOT in set " + set + ".\n";
    }

    private static String error(String message) {
        return "1:ipset v7.17: " + message + "\n";
    }

    private void sleep(double seconds) {
        now[0] += (long) (seconds * 1e9);
    }

    @Test
    void hashIpEntriesTimeOutAndComeBack() {
        ok("create t hash:ip timeout 2", "add t 10.0.0.1");
        assertEquals(in("10.0.0.1", "t"), ipset("test t 10.0.0.1"));
        sleep(2.2);
        assertEquals(notIn("10.0.0.1", "t"), ipset("test t 10.0.0.1"));
        assertEquals("0:", ipset("add t 10.0.0.1"), "an expired entry is added anew");
        assertEquals(error("Element cannot be added to the set: it's already added"), ipset("add t 10.0.0.1"));
        assertEquals("0:", ipset("-exist add t 10.0.0.1"));
    }

    @Test
    void aFullHashRefusesMore() {
        ok("create m hash:ip maxelem 2", "add m 10.0.0.1", "add m 10.0.0.2");
        assertEquals(error("Hash is full, cannot add more elements"), ipset("add m 10.0.0.3"));
        ok("del m 10.0.0.1", "add m 10.0.0.3");
    }

    @Test
    void hashNetNomatchCarvesOutOfALargerNet() {
        ok("create n hash:net", "add n 10.0.0.0/8", "add n 10.1.0.0/16 nomatch");
        assertEquals(notIn("10.1.2.3", "n"), ipset("test n 10.1.2.3"));
        assertEquals(in("10.2.2.3", "n"), ipset("test n 10.2.2.3"));
        assertEquals(notIn("10.1.0.0/16", "n"), ipset("test n 10.1.0.0/16"));
        ok("del n 10.1.0.0/16");
        assertEquals(in("10.1.2.3", "n"), ipset("test n 10.1.2.3"));
        assertEquals(error("Element cannot be deleted from the set: it's not added"), ipset("del n 10.1.0.0/16"));
    }

    @Test
    void hashIpNetmaskStoresTheNetwork() {
        ok("create nm hash:ip netmask 24", "add nm 10.0.0.77");
        assertEquals(in("10.0.0.200", "nm"), ipset("test nm 10.0.0.200"));
        assertEquals("0:10.0.0.0\n", ipset("list nm").replaceAll("(?s)^0:.*Members:\n", "0:"));
    }

    @Test
    void portTypesTellTheProtocols() {
        ok("create ipi hash:ip,port,ip", "add ipi 10.0.0.1,tcp:80,10.0.0.2");
        assertEquals(in("10.0.0.1,tcp:80,10.0.0.2", "ipi"), ipset("test ipi 10.0.0.1,80,10.0.0.2"));
        assertEquals(notIn("10.0.0.1,udp:80,10.0.0.2", "ipi"), ipset("test ipi 10.0.0.1,udp:80,10.0.0.2"));
        ok("create np hash:net,port", "add np 10.0.0.0/24,53");
        assertEquals(in("10.0.0.9,tcp:53", "np"), ipset("test np 10.0.0.9,tcp:53"));
        assertEquals(notIn("10.0.0.9,udp:53", "np"), ipset("test np 10.0.0.9,udp:53"));
    }

    @Test
    void bitmapsKeepToTheirRange() {
        ok("create b bitmap:ip range 10.0.0.0-10.0.0.15");
        assertEquals(error("Element is out of the range of the set"), ipset("add b 10.0.0.16"));
        ok("add b 10.0.0.4-10.0.0.6");
        assertEquals("0:10.0.0.4\n10.0.0.5\n10.0.0.6\n", ipset("list b").replaceAll("(?s)^0:.*Members:\n", "0:"));
        ok("create bp bitmap:port range 20-30");
        assertEquals(error("Element is out of the range of the set"), ipset("add bp 31"));
        ok("add bp tcp:22");
        assertEquals(in("22", "bp"), ipset("test bp 22"));
    }
}
