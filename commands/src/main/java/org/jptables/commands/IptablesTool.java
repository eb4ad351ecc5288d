package org.jptables.commands;

import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.util.List;
import java.util.Map;
import org.jptables.api.Extension;
import org.jptables.commands.state.StateStore;
import org.jptables.kernel.extension.DuplicateExtensionException;
import org.jptables.kernel.extension.PluginIndex;
import org.jptables.kernel.extension.PluginLoader;
import org.jptables.kernel.model.KernelException;
import org.jptables.kernel.model.Ruleset;
import org.jptables.kernel.model.TableKind;
import org.jptables.language.CommandExecutor;
import org.jptables.language.ParameterException;
import org.jptables.language.ParsedCommand;
import org.jptables.language.TableMissingException;

/** {@code jptables} with iptables' command line. */
final class IptablesTool {
    private static final String PROGRAM = "jptables";
    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    IptablesTool(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) {
        Settings settings;
        try {
            settings = Settings.from(args, env);
        } catch (Settings.ConfigError e) {
            err.print(PROGRAM + ": " + e.getMessage() + "\n");
            return 1;
        } catch (Settings.UsageError e) {
            err.print(Messages.prefix(PROGRAM) + e.getMessage() + "\n");
            Messages.tryHelp(PROGRAM, err);
            return 2;
        }
        return run(settings);
    }

    int run(Settings settings) {
        Session session;
        try {
            session = new Session(settings, err);
        } catch (DuplicateExtensionException e) {
            err.print(PROGRAM + ": " + e.getMessage() + "\n");
            return 1;
        }
        if (settings.args().equals(List.of("--index-plugins"))) {
            // what the distribution's build runs, and what a user may run after dropping in a jar
            // (a command that finds the index stale loads every jar, and writes it anew if it can)
            try {
                out.print(PluginList.describe(PluginLoader.index(settings.plugins())));
                return 0;
            } catch (IOException e) {
                err.print(PROGRAM + ": " + settings.plugins().resolve(PluginIndex.FILE) + ": " + e.getMessage() + "\n");
                return 1;
            }
        }
        if (settings.args().equals(List.of("--list-plugins"))) {
            out.print(PluginList.describe(session.registry));
            return 0;
        }
        try (StateSets state = new StateSets(settings, session)) {
            return run(settings, session, state);
        } catch (UncheckedIOException e) {
            err.print(PROGRAM + ": " + e.getCause().getMessage() + "\n");
            return 4;
        }
    }

    private int run(Settings settings, Session session, StateSets state) {
        ParsedCommand cmd;
        try {
            // iptables reads the command line before the kernel's table: its problems come first
            cmd = session.parserBeforeLoading(state, state).parse(settings.args());
        } catch (ParameterException e) {
            return Messages.parameterProblem(PROGRAM, e, 0, err);
        }
        for (String warning : cmd.warnings()) {
            err.print(warning + "\n");
        }
        if (cmd.version()) {
            out.print(cmd.versionInverted() ? "Not " + Messages.VERSION + " ;-)\n"
                    : PROGRAM + " v" + Messages.VERSION + " (legacy)\n");
            return 0;
        }
        if (cmd.help()) {
            out.print(Help.general(PROGRAM));
            for (Extension e : cmd.extensionsForHelp()) {
                out.print("\n");
                out.print(e.help());
            }
            return 0;
        }
        try {
            StateStore store = state.store();
            TableKind kind = TableKind.named(cmd.table());
            // only the table the command names is read, as iptables reads only that one
            Ruleset ruleset = kind == null ? store.load(session.parser(true), session.names)
                    : store.loadTable(session.parser(true), session.names, kind);
            // the kernel checks a rule against what the ruleset holds when the rule goes in (the
            // estimators of its RATEEST rules for -m rateest): read the line again, now beside it
            cmd = session.parser(false, state, state).parse(settings.args());
            StringBuilder text = new StringBuilder();
            boolean changed;
            int tables = ruleset.tables().size();
            try {
                changed = new CommandExecutor(session.names).execute(cmd, ruleset, text);
            } catch (KernelException e) {
                // libiptc's iptc_init brought the table into being before the kernel refused the
                // rule: it stays, empty (recorded: iptables-save lists it where it was created)
                if (ruleset.tables().size() != tables) {
                    store.store(ruleset);
                }
                throw e;
            } finally {
                out.print(text);
            }
            // a command that only reads (-L, -S, -C, ...) leaves the state file as it is, even absent
            if (changed) {
                store.store(ruleset);
            }
            return 0;
        } catch (ParameterException e) {
            return Messages.parameterProblem(PROGRAM, e, 0, err);
        } catch (KernelException e) {
            err.print("iptables: " + e.getMessage() + "\n");
            return 1;
        } catch (TableMissingException e) {
            err.print(Messages.prefix(PROGRAM) + e.getMessage() + "\n");
            err.print("Perhaps iptables or your kernel needs to be upgraded.\n");
            return 3;
        } catch (IOException e) {
            err.print(PROGRAM + ": " + e.getMessage() + "\n");
            return 4;
        }
    }
}
