package org.jptables.ipset;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

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

/** The sets survive the state file exactly: listing, memory, timeouts, places in the hash tables. */
class SetStateTest {
    private static final Names NAMES = SystemNames.fromEtc();
    private final long[] now = {1_700_000_000_000_000_000L};

    private String ipset(SetStore store, String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = new IpsetTool(store, NAMES, new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Path.of(".")).run(List.of(args));
        assertEquals(0, status, err.toString(StandardCharsets.UTF_8));
        return out.toString(StandardCharsets.UTF_8);
    }

    @Test
    void everySetComesBackAsItWas() throws SetState.Corrupt {
        SetStore store = new SetStore(() -> now[0]);
        ipset(store, "create", "a", "hash:ip", "initval", "0x4e471812", "timeout", "100", "counters", "comment");
        ipset(store, "add", "a", "10.0.0.0/30", "comment", "four of them");
        ipset(store, "add", "a", "10.0.0.5-10.0.0.9", "timeout", "7", "packets", "3", "bytes", "99");
        ipset(store, "del", "a", "10.0.0.6");
        ipset(store, "create", "n", "hash:net,port", "initval", "1", "hashsize", "64", "bucketsize", "2");
        ipset(store, "add", "n", "10.9.0.0/26,tcp:1-3");
        ipset(store, "add", "n", "10.8.0.0/16,udp:53", "nomatch");
        ipset(store, "create", "b", "bitmap:port", "range", "0-100", "skbinfo");
        ipset(store, "add", "b", "22", "skbmark", "0x10/0xff", "skbprio", "1:2");
        ipset(store, "create", "l", "list:set");
        ipset(store, "add", "l", "b");
        ipset(store, "add", "l", "a", "before", "b");
        now[0] += 3_000_000_000L;
        List<String> lines = SetState.write(store, NAMES);
        SetStore again = new SetStore(() -> now[0]);
        SetState.read(lines, again, NAMES);
        assertEquals(ipset(store, "list"), ipset(again, "list"));
        assertEquals(lines, SetState.write(again, NAMES));
        now[0] += 5_000_000_000L;
        // the entries of 7 s expire alike in both, on their deadlines
        assertEquals(ipset(store, "list", "a"), ipset(again, "list", "a"));
    }

    @Test
    void aBrokenLineSaysWhichAndWhy() {
        SetState.Corrupt e = assertThrows(SetState.Corrupt.class, () -> SetState.read(
                List.of("create a hash:ip initval 0x1", "add a 10.0.0.1 at 9999 2 0"), new SetStore(), NAMES));
        assertEquals(1, e.index());
        assertEquals("entry does not fit its set: add a 10.0.0.1 at 9999 2 0", e.getMessage());
    }
}
