package org.jptables.live.control;

import org.jptables.kernel.model.Ruleset;
import org.jptables.kernel.model.Table;
import org.jptables.language.SaveWriter;

/**
 * The tables a command left as they were stay live as they are. A command changes one table (a
 * restore those it names), yet the state file gives back every table anew; as in the kernel, where
 * iptables replaces only the table it changed, the others keep their very rules, and so the state of
 * their matches (a quota's bytes, a limit's tokens) and every packet they count meanwhile.
 */
final class UnchangedTables {
    private UnchangedTables() {
    }

    /**
     * {@code next} with each table whose saved text (counters included) is the snapshot's replaced by
     * the live table it was copied from.
     *
     * @param live the live ruleset at the snapshot (its rules never change, so it is read outside the lock)
     * @param copy its copy, as written to the state file
     * @param next the ruleset the command left in the state file
     */
    static Ruleset keep(Ruleset live, Ruleset copy, Ruleset next) {
        Ruleset merged = new Ruleset();
        for (Table t : next.tables()) {
            Table before = copy.existing(t.kind());
            Table liveTable = live.existing(t.kind());
            merged.replace(before != null && liveTable != null && text(before).equals(text(t)) ? liveTable : t);
        }
        return merged;
    }

    private static String text(Table table) {
        StringBuilder out = new StringBuilder();
        SaveWriter.write(table, true, "", "", true, out);
        return out.toString();
    }
}
