package org.jptables.commands;

import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jptables.commands.graph.RulesetGraph;
import org.jptables.commands.state.StateStore;
import org.jptables.kernel.extension.DuplicateExtensionException;
import org.jptables.kernel.model.Ruleset;
import org.jptables.kernel.model.TableKind;
import org.jptables.language.RestoreException;
import org.jptables.language.RestoreReader;

/**
 * {@code jptables graph [--rules FILE] [-t TABLE] [-o FILE.svg|FILE.dot]}: the ruleset of the state
 * (or of an iptables-save file) as a Graphviz graph. DOT goes to standard output or to FILE.dot;
 * FILE.svg is drawn by Graphviz's {@code dot} (the program named by {@code JPTABLES_DOT}, else
 * {@code dot} on the PATH).
 */
final class GraphTool {
    private static final String PROGRAM = "jptables";
    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    GraphTool(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) {
        if (args.equals(List.of("-h")) || args.equals(List.of("--help"))) {
            out.print(Help.graph());
            return 0;
        }
        try {
            Settings settings = Settings.from(args, env);
            Path rules = null;
            Path output = null;
            String table = null;
            List<String> rest = settings.args();
            for (int i = 0; i < rest.size(); i++) {
                String a = rest.get(i);
                switch (a) {
                    case "--rules" -> rules = Path.of(value(rest, ++i, a));
                    case "-o", "--output" -> output = Path.of(value(rest, ++i, a));
                    case "-t", "--table" -> {
                        table = value(rest, ++i, a);
                        if (TableKind.named(table) == null) {
                            throw new Settings.UsageError("graph: no table \"" + table
                                    + "\" (filter, nat, mangle, raw, security)");
                        }
                    }
                    default -> throw new Settings.UsageError("graph: unknown argument \"" + a + "\"");
                }
            }
            String format = output == null ? "dot" : format(output);
            Session session = new Session(settings, err);
            Ruleset ruleset;
            if (rules != null) {
                ruleset = new Ruleset();
                try {
                    new RestoreReader(session.parser(true), session.names, true, false, false, null)
                            .restore(Files.readAllLines(rules), ruleset);
                } catch (RestoreException e) {
                    err.print(PROGRAM + ": " + rules + ": line " + e.line() + ": " + e.getMessage() + "\n");
                    return 2;
                }
            } else {
                try (StateStore store = StateStore.open(settings.state(), settings.initial())) {
                    ruleset = store.load(session.parser(true), session.names);
                }
            }
            String dot = RulesetGraph.dot(ruleset, table);
            if (output == null) {
                out.print(dot);
            } else if (format.equals("dot")) {
                Files.writeString(output, dot, StandardCharsets.UTF_8);
            } else {
                return svg(dot, output);
            }
            return 0;
        } catch (Settings.UsageError e) {
            err.print(PROGRAM + ": " + e.getMessage() + "\n");
            return 2;
        } catch (IOException | DuplicateExtensionException | IllegalArgumentException e) {
            err.print(PROGRAM + ": graph: " + e.getMessage() + "\n");
            return 1;
        }
    }

    private static String format(Path output) throws Settings.UsageError {
        String name = output.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
        if (name.endsWith(".svg")) {
            return "svg";
        }
        if (name.endsWith(".dot") || name.endsWith(".gv")) {
            return "dot";
        }
        throw new Settings.UsageError("graph: -o wants FILE.svg (drawn by Graphviz) or FILE.dot, not \"" + output + "\"");
    }

    /** Pipes the DOT text through {@code dot -Tsvg}; a missing Graphviz is a one-line error, not a stack trace. */
    private int svg(String dot, Path output) throws IOException {
        String program = env.getOrDefault("JPTABLES_DOT", "dot");
        Process p;
        try {
            p = new ProcessBuilder(program, "-Tsvg", "-o", output.toString())
                    .redirectErrorStream(true).start();
        } catch (IOException e) {
            err.print(PROGRAM + ": graph: cannot draw " + output + ": Graphviz's \"" + program
                    + "\" is not installed (install graphviz, or write DOT with -o FILE.dot)\n");
            return 1;
        }
        try (OutputStream in = p.getOutputStream()) {
            in.write(dot.getBytes(StandardCharsets.UTF_8));
        }
        String said = new String(p.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
        try {
            int status = p.waitFor();
            if (status != 0) {
                int nl = said.indexOf('\n');
                err.print(PROGRAM + ": graph: " + program + " failed (exit " + status + ")"
                        + (said.isEmpty() ? "" : ": " + (nl < 0 ? said : said.substring(0, nl))) + "\n");
                return 1;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            p.destroy();
            err.print(PROGRAM + ": graph: interrupted while " + program + " drew " + output + "\n");
            return 1;
        }
        return 0;
    }

    private static String value(List<String> args, int i, String option) throws Settings.UsageError {
        if (i >= args.size()) {
            throw new Settings.UsageError("graph: option \"" + option + "\" requires an argument");
        }
        return args.get(i);
    }
}
