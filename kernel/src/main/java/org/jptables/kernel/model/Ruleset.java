package org.jptables.kernel.model;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Every table that exists, in the order it came into being. As in a network namespace, a table
 * exists once it has been used (listed, changed or restored); iptables-save prints only those.
 */
public final class Ruleset {
    private final Map<TableKind, Table> tables = new LinkedHashMap<>();

    /** The table, created empty on first use as the kernel instantiates it. */
    public Table table(TableKind kind) {
        return tables.computeIfAbsent(kind, Table::new);
    }

    /** The table if it exists, or null. */
    public Table existing(TableKind kind) {
        return tables.get(kind);
    }

    /** Puts a whole table in place (a COMMIT of iptables-restore). */
    public void replace(Table table) {
        tables.put(table.kind(), table);
    }

    /** The tables in the order they came into being (how the state file keeps them). */
    public List<Table> tables() {
        return new ArrayList<>(tables.values());
    }

    /** The tables as iptables-save prints them: the newest first, as the kernel lists them. */
    public List<Table> tablesNewestFirst() {
        List<Table> list = tables();
        java.util.Collections.reverse(list);
        return list;
    }
}
