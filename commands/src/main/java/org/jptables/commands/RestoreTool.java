package org.jptables.commands;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
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
    private final InputStream in;

    RestoreTool(Map<String, String> env, PrintStream out, PrintStream err) {
        this(env, out, err, System.in);
    }

    RestoreTool(Map<String, String> env, PrintStream out, PrintStream err, InputStream in) {
        this.env = env;
        this.out = out;
        this.err = err;
        this.in = in;
    }

    int run(List<String> args) {
        try {
            return run(Settings.from(args, env));
        } catch (Settings.UsageError e) {
            err.print(PROGRAM + ": " + e.getMessage() + "\n");
            return 1;
        }
    }

    /** What restore's words ask for. */
    private record Options(boolean counters, boolean noflush, boolean test, String only, String file, int fileAt) {
    }

    /**
     * Restore's words read, or null after what restore answers without reading any ruleset (its version,
     * its help, a wrong option) was printed, with {@code status[0]} set to the exit status.
     */
    private static Options options(List<String> rest, PrintStream out, PrintStream err, int[] status) {
        boolean counters = false;
        boolean noflush = false;
        boolean test = false;
        String only = null;
        String file = null;
        int fileAt = -1;
        for (int i = 0; i < rest.size(); i++) {
            String a = rest.get(i);
            switch (a) {
                case "-c", "--counters" -> counters = true;
                case "-n", "--noflush" -> noflush = true;
                case "-t", "--test" -> test = true;
                case "-v", "--verbose", "-w", "--wait" -> { }
                case "-V", "--version" -> {
                    out.print(PROGRAM + " v" + Messages.VERSION + " (legacy)\n");
                    status[0] = 0;
                    return null;
                }
                case "-T", "--table" -> {
                    if (i + 1 >= rest.size()) {
                        err.print(PROGRAM + ": option requires an argument -- 'T'\n");
                        status[0] = 1;
                        return null;
                    }
                    only = rest.get(++i);
                }
                case "-h", "--help" -> {
                    err.print("Usage: " + PROGRAM + " [-c] [-v] [-V] [-t] [-h] [-n] [-w secs] [-W usecs] [-T table]"
                            + " [-M command] [file]\n\t   [ --counters ]\n\t   [ --verbose ]\n\t   [ --version]\n"
                            + "\t   [ --test ]\n\t   [ --help ]\n\t   [ --noflush ]\n\t   [ --wait=<seconds>\n"
                            + "\t   [ --table=<TABLE> ]\n\t   [ --modprobe=<command> ]\n");
                    status[0] = 0;
                    return null;
                }
                default -> {
                    if (a.startsWith("-") || file != null) {
                        err.print(PROGRAM + ": unrecognized option '" + a + "'\n");
                        status[0] = 1;
                        return null;
                    }
                    file = a;
                    fileAt = i;
                }
            }
        }
        return new Options(counters, noflush, test, only, file, fileAt);
    }

    /**
     * What restore reads, for a command sent to the live daemon: the file its words name, or standard
     * input, or nothing (it answers without reading: its version, its help, a wrong option).
     */
    static Input input(List<String> words) {
        PrintStream sink = new PrintStream(OutputStream.nullOutputStream(), false, StandardCharsets.UTF_8);
        Options o = options(words, sink, sink, new int[1]);
        return new Input(words, o == null ? -2 : o.fileAt(), o == null ? null : o.file());
    }

    /**
     * Restore's input, read by the client so that the daemon reads it as its standard input.
     *
     * @param fileAt where the file is among the words, -1 for standard input, -2 when nothing is read
     */
    record Input(List<String> words, int fileAt, String file) {
        /** The bytes restore would read; an unreadable file is restore's own error. */
        byte[] read(InputStream stdin) throws IOException {
            if (fileAt == -2) {
                return new byte[0];
            }
            return fileAt == -1 ? stdin.readAllBytes() : Files.readAllBytes(Path.of(file));
        }

        /** The words with the file left out: restore then reads the bytes from its standard input. */
        List<String> wordsWithoutFile() {
            List<String> kept = new ArrayList<>(words);
            if (fileAt >= 0) {
                kept.remove(fileAt);
            }
            return kept;
        }
    }

    int run(Settings settings) {
        try {
            int[] status = new int[1];
            Options o = options(settings.args(), out, err, status);
            if (o == null) {
                return status[0];
            }
            boolean counters = o.counters();
            boolean noflush = o.noflush();
            boolean test = o.test();
            String only = o.only();
            List<String> lines = new ArrayList<>();
            if (o.file() != null) {
                lines = Files.readAllLines(Path.of(o.file()), StandardCharsets.UTF_8);
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
        } catch (IOException | DuplicateExtensionException e) {
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
