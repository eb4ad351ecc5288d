package org.jptables.commands;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jptables.commands.state.StateStore;
import org.jptables.kernel.extension.DuplicateExtensionException;
import org.jptables.kernel.model.Ruleset;
import org.jptables.kernel.model.TableKind;
import org.jptables.language.RestoreException;
import org.jptables.language.RestoreReader;

/** {@code jptables-restore [-c] [-n] [-t] [-T table] [FILE]}: reads standard input when no file is named. */
final class RestoreTool {
    private static final String PROGRAM = "jptables-restore";
    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;
    private final java.io.InputStream in;

    RestoreTool(Map<String, String> env, PrintStream out, PrintStream err) {
        this(env, out, err, System.in);
    }

    RestoreTool(Map<String, String> env, PrintStream out, PrintStream err, java.io.InputStream in) {
        this.env = env;
        this.out = out;
        this.err = err;
        this.in = in;
    }

    int run(List<String> args) {
        try {
            Settings settings = Settings.from(args, env);
            boolean counters = false;
            boolean noflush = false;
            boolean test = false;
            String only = null;
            String file = null;
            List<String> rest = settings.args();
            for (int i = 0; i < rest.size(); i++) {
                String a = rest.get(i);
                switch (a) {
                    case "-c", "--counters" -> counters = true;
                    case "-n", "--noflush" -> noflush = true;
                    case "-t", "--test" -> test = true;
                    case "-v", "--verbose", "-w", "--wait" -> { }
                    case "-V", "--version" -> {
                        out.print(PROGRAM + " v" + Messages.VERSION + " (legacy)\n");
                        return 0;
                    }
                    case "-T", "--table" -> {
                        if (i + 1 >= rest.size()) {
                            err.print(PROGRAM + ": option requires an argument -- 'T'\n");
                            return 1;
                        }
                        only = rest.get(++i);
                    }
                    case "-h", "--help" -> {
                        err.print("Usage: " + PROGRAM + " [-c] [-v] [-V] [-t] [-h] [-n] [-w secs] [-W usecs] [-T table]"
                                + " [-M command] [file]\n\t   [ --counters ]\n\t   [ --verbose ]\n\t   [ --version]\n"
                                + "\t   [ --test ]\n\t   [ --help ]\n\t   [ --noflush ]\n\t   [ --wait=<seconds>\n"
                                + "\t   [ --table=<TABLE> ]\n\t   [ --modprobe=<command> ]\n");
                        return 0;
                    }
                    default -> {
                        if (a.startsWith("-") || file != null) {
                            err.print(PROGRAM + ": unrecognized option '" + a + "'\n");
                            return 1;
                        }
                        file = a;
                    }
                }
            }
            List<String> lines = new ArrayList<>();
            if (file != null) {
                lines = Files.readAllLines(Path.of(file), StandardCharsets.UTF_8);
            } else {
                BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
                for (String l = reader.readLine(); l != null; l = reader.readLine()) {
                    lines.add(l);
                }
            }
            Session session = new Session(settings, err);
            try (StateStore store = StateStore.open(settings.state(), settings.initial())) {
                Ruleset ruleset = store.load(session.parser(true), session.names);
                try {
                    new RestoreReader(session.parser(true), session.names, counters, noflush, test, only)
                            .restore(lines, ruleset);
                } catch (RestoreException e) {
                    if (!test) {
                        instantiate(ruleset, lines, e.line(), only);
                        store.store(ruleset);
                    } else {
                        storeInstantiated(store, session, lines, e.line(), only);
                    }
                    if (e.parameterProblem() != null) {
                        return Messages.parameterProblem(PROGRAM, e.parameterProblem(), e.line(), err);
                    }
                    if (e.own() != null) {
                        err.print((e.prefixed() ? Messages.prefix(PROGRAM) : PROGRAM + ": ") + e.own() + "\n");
                        return 1;
                    }
                    err.print(PROGRAM + ": line " + e.line() + " failed\n");
                    return 1;
                }
                if (!test) {
                    store.store(ruleset);
                } else {
                    storeInstantiated(store, session, lines, lines.size(), only);
                }
            }
            return 0;
        } catch (Settings.UsageError | IOException | DuplicateExtensionException e) {
            err.print(PROGRAM + ": " + e.getMessage() + "\n");
            return 1;
        }
    }

    /**
     * iptables-restore opens every table it reaches ({@code *name}), even with --test and even when a
     * later line fails: the kernel instantiates the table, empty, and iptables-save lists it from
     * then on (recorded on Linux). The tables named up to {@code lastLine} (1-based) come into being.
     */
    private static boolean instantiate(Ruleset ruleset, List<String> lines, int lastLine, String only) {
        boolean created = false;
        for (int i = 0; i < Math.min(lastLine, lines.size()); i++) {
            String line = lines.get(i).strip();
            if (line.startsWith("*")) {
                String name = line.substring(1).strip();
                TableKind kind = TableKind.named(name);
                if (kind != null && (only == null || only.equals(name)) && ruleset.existing(kind) == null) {
                    ruleset.table(kind);
                    created = true;
                }
            }
        }
        return created;
    }

    /** With --test nothing is committed, but the tables reached exist afterwards. */
    private static void storeInstantiated(StateStore store, Session session, List<String> lines, int lastLine,
                                          String only) throws IOException {
        Ruleset current = store.load(session.parser(true), session.names);
        if (instantiate(current, lines, lastLine, only)) {
            store.store(current);
        }
    }
}
