package org.jptables.commands;

import java.io.IOException;
import java.io.PrintStream;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.Map;
import org.jptables.commands.state.StateStore;
import org.jptables.kernel.extension.DuplicateExtensionException;
import org.jptables.kernel.model.Ruleset;
import org.jptables.kernel.model.Table;
import org.jptables.kernel.model.TableKind;
import org.jptables.language.SaveWriter;

/** {@code jptables-save [-c] [-t table]}. */
final class SaveTool {
    private static final String PROGRAM = "jptables-save";
    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    SaveTool(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) {
        try {
            return run(Settings.from(args, env));
        } catch (Settings.UsageError e) {
            err.print(PROGRAM + ": " + e.getMessage() + "\n");
            return 1;
        }
    }

    int run(Settings settings) {
        try {
            boolean counters = false;
            String only = null;
            List<String> rest = settings.args();
            for (int i = 0; i < rest.size(); i++) {
                String a = rest.get(i);
                switch (a) {
                    case "-c", "--counters" -> counters = true;
                    case "-V", "--version" -> {
                        out.print(PROGRAM + " v" + Messages.VERSION + " (legacy)\n");
                        return 0;
                    }
                    case "-t", "--table" -> {
                        if (i + 1 >= rest.size()) {
                            err.print(PROGRAM + ": option requires an argument -- 't'\n");
                            return 1;
                        }
                        only = rest.get(++i);
                    }
                    case "-h", "--help" -> {
                        // iptables-save has no -h: it says so, as getopt does
                        err.print(PROGRAM + ": invalid option -- 'h'\nLook at manual page `iptables-save.8' for more information.\n");
                        return 1;
                    }
                    default -> {
                        err.print("Unknown arguments found on commandline\n");
                        return 1;
                    }
                }
            }
            Session session = new Session(settings, err);
            try (StateStore store = StateStore.open(settings.state(), settings.initial())) {
                Ruleset ruleset = store.load(session.parser(true), session.names);
                StringBuilder text = new StringBuilder();
                String date = SaveWriter.date(ZonedDateTime.now());
                if (only != null) {
                    TableKind kind = TableKind.named(only);
                    if (kind == null) {
                        err.print(PROGRAM + " v" + Messages.VERSION + " (legacy): Cannot initialize: Table does not exist (do you need to insmod?)\n");
                        return 1;
                    }
                    SaveWriter.write(ruleset.table(kind), counters, date, Messages.VERSION, text);
                } else {
                    for (Table t : ruleset.tablesNewestFirst()) {
                        SaveWriter.write(t, counters, date, Messages.VERSION, text);
                    }
                }
                out.print(text);
            }
            return 0;
        } catch (IOException | DuplicateExtensionException e) {
            err.print(PROGRAM + ": " + e.getMessage() + "\n");
            return 1;
        }
    }
}
