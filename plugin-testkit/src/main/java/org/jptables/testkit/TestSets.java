package org.jptables.testkit;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import org.jptables.api.IpSets;
import org.jptables.ipset.IpsetTool;
import org.jptables.kernel.ipset.SetStore;
import org.jptables.language.ParameterException;
import org.jptables.language.Tokenizer;
import org.jptables.language.names.SystemNames;

/**
 * Sets for the tests of extensions that name them, made with ipset's own command lines, on a clock
 * the test moves:
 *
 * <pre>
 * TestSets sets = TestSets.of("create bad hash:ip", "add bad 192.0.2.1");
 * RuleTester t = RuleTester.filter().with(sets.sets());
 * assertEquals("DROP", t.verdictName("-m set --match-set bad src -j DROP", packet));
 * assertTrue(sets.ipset("list bad").contains("References: 1"));
 * </pre>
 *
 * The clock starts at {@link #START} (1,700,000,000 s of the Unix epoch); give packets the same
 * time ({@code TestPackets.tcp(...).at(sets.nanos())}) so that timeouts run alike for commands and
 * packets.
 */
public final class TestSets {
    /** The clock's start, in nanoseconds. */
    public static final long START = 1_700_000_000_000_000_000L;

    private final long[] now = {START};
    private final SetStore store = new SetStore(() -> now[0]);

    private TestSets() {
    }

    /** Sets made by the ipset commands given (without the program name); each must succeed. */
    public static TestSets of(String... commands) {
        TestSets sets = new TestSets();
        for (String c : commands) {
            sets.ipset(c);
        }
        return sets;
    }

    /** The sets, for {@link RuleTester#with}. */
    public IpSets sets() {
        return store;
    }

    /** The store itself, for tests of the kernel's side. */
    public SetStore store() {
        return store;
    }

    /** Moves the commands' clock on by {@code seconds}. */
    public TestSets advance(double seconds) {
        now[0] += (long) (seconds * 1e9);
        return this;
    }

    /** The commands' clock now, in nanoseconds. */
    public long nanos() {
        return now[0];
    }

    /** Runs one ipset command line that must succeed, and returns what it printed. */
    public String ipset(String command) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        List<String> words;
        try {
            words = Tokenizer.split(command);
        } catch (ParameterException e) {
            throw new AssertionError("ipset " + command + ": " + e.getMessage(), e);
        }
        int status = new IpsetTool(store, SystemNames.fromEtc(), new ByteArrayInputStream(new byte[0]),
                new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8),
                Path.of(".")).run(words);
        if (status != 0) {
            throw new AssertionError("ipset " + command + " failed with " + status + ": "
                    + err.toString(StandardCharsets.UTF_8));
        }
        return out.toString(StandardCharsets.UTF_8) + err.toString(StandardCharsets.UTF_8);
    }
}
