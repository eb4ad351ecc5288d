package org.jptables.live.control;

import java.io.IOException;
import java.io.PrintStream;
import org.jptables.commands.Session;
import org.jptables.commands.Settings;
import org.jptables.commands.state.StateStore;
import org.jptables.kernel.model.Ruleset;
import org.jptables.kernel.model.Table;

/**
 * The daemon's state file, read and written by the same code and the same plugin registry as the
 * commands use, under the state file's lock.
 */
public final class StateFile {
    private StateFile() {
    }

    /**
     * The ruleset of {@code settings}' state file (the initial ruleset while there is none), parsed with the
     * extensions of its plugins directory; plugin warnings go to {@code warnings}.
     */
    public static Ruleset load(Settings settings, PrintStream warnings) throws IOException {
        Session session = new Session(settings, warnings);
        try (StateStore store = StateStore.open(settings.state(), settings.initial())) {
            return store.load(session.parser(true), session.names());
        }
    }

    /** Writes {@code ruleset}, counters included, as the state file (atomically). */
    public static void store(Settings settings, Ruleset ruleset) throws IOException {
        try (StateStore store = StateStore.open(settings.state(), settings.initial())) {
            store.store(ruleset);
        }
    }

    /** A copy of every table of {@code ruleset}, counters included, sharing nothing a command changes. */
    static Ruleset copy(Ruleset ruleset) {
        Ruleset copy = new Ruleset();
        for (Table t : ruleset.tables()) {
            copy.replace(t.copy());
        }
        return copy;
    }
}
