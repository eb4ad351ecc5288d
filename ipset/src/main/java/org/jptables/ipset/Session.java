package org.jptables.ipset;

import java.io.PrintStream;
import java.util.EnumSet;
import java.util.Set;
import org.jptables.api.Names;
import org.jptables.kernel.ipset.SetStore;

/**
 * One run of the ipset tool (libipset's session): the command's data and report, the environment
 * options, and where the sets, names and streams are.
 */
final class Session {
    /** The environment options (IPSET_ENV_*). */
    enum Env { SORTED, QUIET, RESOLVE, EXIST, LIST_SETNAME, LIST_HEADER }

    /** Output modes of list and save. */
    enum Mode { NONE, PLAIN, SAVE, XML }

    final Data data = new Data();
    final Report report = new Report();
    final Set<Env> env = EnumSet.noneOf(Env.class);
    Mode mode = Mode.NONE;
    final SetStore store;
    final Names names;
    final PrintStream err;

    Session(SetStore store, Names names, PrintStream err) {
        this.store = store;
        this.names = names;
        this.err = err;
    }

    boolean has(Env option) {
        return env.contains(option);
    }
}
