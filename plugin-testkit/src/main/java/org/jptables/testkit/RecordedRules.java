package org.jptables.testkit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * Rules with the answers the real iptables (iptables-legacy 1.8.9) gave for them, read from a
 * tab-separated test resource, and the check that jptables answers the same. A parameterized test
 * runs one row per invocation:
 *
 * <pre>
 * &#64;ParameterizedTest(name = "{0}")
 * &#64;MethodSource("org.jptables.testkit.RecordedRules#recordedTsv")
 * void recordedRuleBehavesAsIptables(RecordedRules.Row row) {
 *     RecordedRules.check(row);
 * }
 * </pre>
 *
 * <p>{@link #recordedTsv} and {@link #corpusTsv} read the test resources {@code /recorded.tsv} and
 * {@code /corpus.tsv}; {@link #read} and {@link #corpus} read any resource in those layouts, for a
 * local factory method: {@code static Stream<Row> rows() { return RecordedRules.read(MyTest.class,
 * "more.tsv"); }} and {@code @MethodSource("rows")}.
 *
 * <p>Two layouts, one row per line, blank lines ignored:
 * <ul>
 * <li>{@link #read}: {@code table, chain, rule, result, saved, exit, error[, -L line, -L -n line]}
 *     (the rules recorded for a plugin with the real tool);</li>
 * <li>{@link #corpus}: {@code file, table, chain, rule, result, saved, exit, error} (the rules of
 *     the netfilter tests, the first column naming the test file they come from).</li>
 * </ul>
 * {@code result} is {@code OK} for an accepted rule; {@code saved} is the rule as {@code iptables -S}
 * printed it after {@code -A CHAIN}; {@code exit} and {@code error} are iptables' exit status and
 * message for a refused rule.
 */
public final class RecordedRules {
    private static final String PREFIX = "iptables v1.8.9 (legacy): ";
    private static final String SHORT_PREFIX = "iptables: ";

    private RecordedRules() {
    }

    /**
     * One rule and iptables' answer to it.
     *
     * @param table         the table the rule was appended to
     * @param chain         the built-in chain the rule was appended to
     * @param rule          the rule, as given after {@code -t TABLE -A CHAIN}
     * @param result        {@code OK} when iptables accepted the rule, anything else when it refused it
     * @param saved         the accepted rule as {@code iptables -S} printed it, without {@code -A CHAIN}
     * @param exit          iptables' exit status for a refused rule
     * @param error         iptables' message for a refused rule, with or without its program prefix
     * @param listed        the rule's last line of {@code iptables -L}; empty when not recorded
     * @param listedNumeric the rule's last line of {@code iptables -L -n}; empty when not recorded
     */
    public record Row(String table, String chain, String rule, String result, String saved, int exit,
                      String error, String listed, String listedNumeric) {

        /** Whether iptables accepted the rule. */
        public boolean accepted() {
            return result.equals("OK");
        }

        /** {@code TABLE CHAIN RULE -> RESULT SAVEDERROR}: the display name of the row's test. */
        @Override
        public String toString() {
            return table + " " + chain + " " + rule + " -> " + result + " " + saved + error;
        }
    }

    /**
     * For a test class to implement: adds the test {@code theRecordingsAreThere}, which fails unless
     * {@code /recorded.tsv} holds more than ten rows (a recording cut short fails, not just shrinks).
     */
    public interface RecordingsPresent {
        /** Fails unless {@code /recorded.tsv} holds more than ten rows. */
        @Test
        default void theRecordingsAreThere() {
            long rows = recordedTsv().count();
            assertTrue(rows > 10, "/recorded.tsv holds " + rows + " rows");
        }
    }

    /**
     * A plugin's whole check against iptables' recorded answers, for a test class to implement
     * ({@code class RecordedRulesTest implements RecordedRules.Suite {}}): every row of
     * {@code /corpus.tsv} (the netfilter test rules of the extension) and of {@code /recorded.tsv}
     * (rules recorded with the real tool) through {@link #check(Row)}, and the recordings present.
     */
    public interface Suite extends RecordingsPresent {
        @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
        @org.junit.jupiter.params.provider.MethodSource("org.jptables.testkit.RecordedRules#corpusTsv")
        default void corpusRuleBehavesAsIptables(Row row) {
            check(row);
        }

        @org.junit.jupiter.params.ParameterizedTest(name = "{0}")
        @org.junit.jupiter.params.provider.MethodSource("org.jptables.testkit.RecordedRules#recordedTsv")
        default void recordedRuleBehavesAsIptables(Row row) {
            check(row);
        }
    }

    /** The rows of {@code /recorded.tsv} on the test class path, in {@link #read}'s layout. */
    public static Stream<Row> recordedTsv() {
        return read(RecordedRules.class, "/recorded.tsv");
    }

    /** The rows of {@code /corpus.tsv} on the test class path, in {@link #corpus}'s layout. */
    public static Stream<Row> corpusTsv() {
        return corpus(RecordedRules.class, "/corpus.tsv");
    }

    /**
     * The rows of a recorded.tsv-style resource ({@code table, chain, rule, result, saved, exit,
     * error}, then optionally the {@code -L} and {@code -L -n} lines).
     *
     * @param anchor   the class whose {@link Class#getResourceAsStream} finds the resource (usually the test class)
     * @param resource the resource's name, {@code "/recorded.tsv"} for one at the root of the test resources
     * @return the rows, in the resource's order
     * @throws IllegalArgumentException if there is no such resource or a line has too few columns
     */
    public static Stream<Row> read(Class<?> anchor, String resource) {
        return rows(anchor, resource, 0).stream();
    }

    /**
     * The rows of a corpus.tsv-style resource ({@code file, table, chain, rule, result, saved, exit,
     * error}): the first column, the netfilter test file a rule comes from, is left out.
     *
     * @param anchor   the class whose {@link Class#getResourceAsStream} finds the resource (usually the test class)
     * @param resource the resource's name, {@code "/corpus.tsv"} for one at the root of the test resources
     * @return the rows, in the resource's order
     * @throws IllegalArgumentException if there is no such resource or a line has too few columns
     */
    public static Stream<Row> corpus(Class<?> anchor, String resource) {
        return rows(anchor, resource, 1).stream();
    }

    /**
     * Fails unless jptables answers the row's rule as iptables did, in a table that only holds that
     * rule ({@link RuleTester#of}): an accepted rule must save as {@code -A CHAIN saved} and, when the
     * row has them, give the same last lines of {@code -L} and {@code -L -n}; a refused rule must be
     * refused with the same exit status and message (iptables' {@code "iptables v1.8.9 (legacy): "}
     * or {@code "iptables: "} prefix and surrounding white space aside).
     *
     * @param row the rule and iptables' answer
     */
    public static void check(Row row) {
        check(row, org.jptables.api.IpSets.NONE);
    }

    /**
     * {@link #check(Row)} for rules that name sets of ipset: the rule is loaded with {@code sets}
     * (the same sets the recording made, {@link TestSets}).
     *
     * @param row  the rule and iptables' answer
     * @param sets the sets the rule may name
     */
    public static void check(Row row, org.jptables.api.IpSets sets) {
        checkWith(row, RuleTester.of(row.table(), row.chain()).with(sets));
    }

    /**
     * {@link #check(Row)} for rules that name accounting objects ({@code -m nfacct}): the rule is
     * loaded with {@code objects} (the objects the recording made).
     *
     * @param row     the rule and iptables' answer
     * @param objects the accounting objects the rule may name
     */
    public static void check(Row row, org.jptables.api.NfacctObjects objects) {
        checkWith(row, RuleTester.of(row.table(), row.chain()).with(objects));
    }

    /**
     * {@link #check(Row)} with a tester of its own, for rules that need more than an empty table:
     * {@code RuleTester.of(row.table(), row.chain()).after("-t security -A INPUT -j RATEEST ...")}
     * gives the rule what the recording's {@code RECORD_SETUP} made.
     *
     * @param row    the rule and iptables' answer
     * @param tester the tester of the row's table and chain that loads the rule
     */
    public static void check(Row row, RuleTester tester) {
        checkWith(row, tester);
    }

    private static void checkWith(Row row, RuleTester t) {
        if (row.accepted()) {
            // byte for byte: some extensions end their saved options with a space (dccp's empty --dccp-types)
            String saved = row.saved().isEmpty() ? "-A " + row.chain() : "-A " + row.chain() + " " + row.saved();
            assertEquals(saved, t.saved(row.rule()), "-S");
            if (!row.listed().isEmpty()) {
                assertEquals(row.listed(), lastLine(t.listed(row.rule(), false)), "-L");
                assertEquals(row.listedNumeric(), lastLine(t.listed(row.rule(), true)), "-L -n");
            }
        } else {
            RuleTester.Failure failure = t.failure(row.rule());
            assertEquals(withoutPrefix(row.error()).strip(), failure.message().strip(), "message");
            assertEquals(row.exit(), failure.status(), "exit status");
        }
    }

    private static String withoutPrefix(String error) {
        if (error.startsWith(PREFIX)) {
            return error.substring(PREFIX.length());
        }
        return error.startsWith(SHORT_PREFIX) ? error.substring(SHORT_PREFIX.length()) : error;
    }

    private static String lastLine(String text) {
        int nl = text.lastIndexOf('\n');
        return nl < 0 ? text : text.substring(nl + 1);
    }

    private static List<Row> rows(Class<?> anchor, String resource, int skip) {
        InputStream stream = anchor.getResourceAsStream(resource);
        if (stream == null) {
            throw new IllegalArgumentException("no resource " + resource + " for " + anchor.getName());
        }
        List<Row> all = new ArrayList<>();
        try (var in = new BufferedReader(new InputStreamReader(stream, StandardCharsets.UTF_8))) {
            String line;
            int number = 0;
            while ((line = in.readLine()) != null) {
                number++;
                if (line.isBlank()) {
                    continue;
                }
                String[] f = line.split("\t", -1);
                if (f.length < skip + 7) {
                    throw new IllegalArgumentException(resource + ":" + number + ": " + f.length
                            + " columns, expected at least " + (skip + 7));
                }
                all.add(new Row(f[skip], f[skip + 1], f[skip + 2], f[skip + 3], f[skip + 4],
                        Integer.parseInt(f[skip + 5]), f[skip + 6],
                        f.length > skip + 7 ? f[skip + 7] : "", f.length > skip + 8 ? f[skip + 8] : ""));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(resource, e);
        }
        return all;
    }
}
