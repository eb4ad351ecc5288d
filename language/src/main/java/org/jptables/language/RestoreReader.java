package org.jptables.language;

import java.util.ArrayList;
import java.util.List;
import org.jptables.api.Names;
import org.jptables.api.Verdict;
import org.jptables.kernel.model.Chain;
import org.jptables.kernel.model.KernelException;
import org.jptables.kernel.model.Ruleset;
import org.jptables.kernel.model.Table;
import org.jptables.kernel.model.TableKind;

/**
 * iptables-restore: reads a ruleset file table by table. Each table is built aside and put in place
 * at its COMMIT, so a failing line applies nothing of its table, while tables committed before it
 * stay, exactly as with iptables-restore.
 */
public final class RestoreReader {
    private final CommandParser parser;
    private final CommandExecutor executor;
    private final boolean counters;
    private final boolean noflush;
    private final boolean test;
    private final String onlyTable;

    public RestoreReader(CommandParser parser, Names names, boolean counters, boolean noflush, boolean test,
                         String onlyTable) {
        this.parser = parser;
        this.executor = new CommandExecutor(names);
        this.counters = counters;
        this.noflush = noflush;
        this.test = test;
        this.onlyTable = onlyTable;
    }

    public void restore(List<String> lines, Ruleset ruleset) throws RestoreException {
        Table table = null;
        int lineNo = 0;
        boolean skipping = false;
        boolean refusedAtCommit = false;
        for (String raw : lines) {
            lineNo++;
            String line = raw.strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            if (line.startsWith("*")) {
                String name = line.substring(1).strip();
                TableKind kind = TableKind.named(name);
                skipping = onlyTable != null && !onlyTable.equals(name);
                if (skipping) {
                    continue;
                }
                if (kind == null) {
                    throw new RestoreException(lineNo, new ParameterException(
                            "iptables-restore: unable to initialize table '" + name + "'"));
                }
                Table existing = ruleset.existing(kind);
                table = noflush && existing != null ? existing.copy() : new Table(kind);
                table.deferSnapshots();
                if (!noflush && existing != null) {
                    // a flush keeps the built-in policies until the chain lines set them
                    for (Chain c : existing.builtinChains()) {
                        table.chain(c.name()).policy(c.policy());
                    }
                }
                continue;
            }
            if (skipping) {
                continue;
            }
            if (line.equals("COMMIT")) {
                if (table == null || refusedAtCommit) {
                    throw new RestoreException(lineNo, null);
                }
                table.publishSnapshots();
                try {
                    table.validate();
                } catch (KernelException e) {
                    throw new RestoreException(lineNo, null);
                }
                if (!test) {
                    ruleset.replace(table);
                }
                table = null;
                continue;
            }
            if (table == null) {
                throw new RestoreException(lineNo, null);
            }
            if (line.startsWith(":")) {
                chainLine(line, table, lineNo);
                continue;
            }
            List<String> words;
            ParsedCommand cmd = null;
            try {
                words = new ArrayList<>(Tokenizer.split(line));
                long[] lineCounters = null;
                if (!words.isEmpty() && words.get(0).startsWith("[")) {
                    lineCounters = bracketCounters(words.remove(0));
                    if (lineCounters == null) {
                        throw new ParameterException("Bad counter value");
                    }
                    if (!counters) {
                        lineCounters = null;
                    }
                }
                words.add(0, "-t");
                words.add(1, table.name());
                cmd = parser.parse(words);
                if (cmd.ignored()) {
                    continue;
                }
                if (lineCounters != null && cmd.counters == null) {
                    cmd.counters = lineCounters;
                }
                executor.apply(cmd, table, new StringBuilder());
            } catch (ParameterException e) {
                throw new RestoreException(lineNo, e);
            } catch (KernelException e) {
                if (cmd != null && cmd.kernelRefusal != null && cmd.kernelRefusal.equals(e.getMessage())) {
                    // libiptc hands the table to the kernel only at COMMIT: a rule the kernel's
                    // checkentry refuses fails the COMMIT line, not its own
                    refusedAtCommit = true;
                    continue;
                }
                throw new RestoreException(lineNo, null);
            }
        }
        if (table != null) {
            throw RestoreException.message(lineNo + 1, "COMMIT expected at line " + (lineNo + 1), false);
        }
    }

    private void chainLine(String line, Table table, int lineNo) throws RestoreException {
        String[] f = line.substring(1).trim().split("\\s+");
        String name = f[0];
        String policy = f.length > 1 ? f[1] : "-";
        Chain chain = table.chain(name);
        if (!policy.equals("-")) {
            if (chain == null || !chain.isBuiltin()) {
                throw RestoreException.message(lineNo, "Can't set policy `" + policy + "' on `" + name + "' line "
                        + lineNo + ": Bad built-in chain name", true);
            }
            int verdict = switch (policy) {
                case "ACCEPT" -> Verdict.ACCEPT;
                case "DROP" -> Verdict.DROP;
                default -> throw RestoreException.message(lineNo, "Can't set policy `" + policy + "' on `" + name
                        + "' line " + lineNo + ": Bad policy name", true);
            };
            chain.policy(verdict);
            if (counters && f.length > 2) {
                long[] c = bracketCounters(f[2]);
                if (c != null) {
                    chain.policyCounters().set(c[0], c[1]);
                }
            }
            return;
        }
        if (chain != null && !chain.isBuiltin() && noflush) {
            table.flush(chain);
            return;
        }
        if (name.length() >= 29) {
            throw new RestoreException(lineNo, new ParameterException(
                    "Invalid chain name `" + name + "' (must be under 29 chars)"));
        }
        try {
            table.newChain(name);
        } catch (KernelException e) {
            throw new RestoreException(lineNo, new ParameterException("error creating chain '" + name + "':File exists"));
        }
    }

    /** {@code [PACKETS:BYTES]}, or null when malformed. */
    static long[] bracketCounters(String text) {
        if (!text.startsWith("[") || !text.endsWith("]")) {
            return null;
        }
        String[] parts = text.substring(1, text.length() - 1).split(":");
        if (parts.length != 2) {
            return null;
        }
        try {
            return new long[] {Long.parseUnsignedLong(parts[0]), Long.parseUnsignedLong(parts[1])};
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
