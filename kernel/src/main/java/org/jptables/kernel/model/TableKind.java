package org.jptables.kernel.model;

import java.util.List;
import org.jptables.api.Hook;

/** The tables Linux has, each with exactly the built-in chains the kernel gives it. */
public enum TableKind {
    FILTER("filter", List.of(Hook.INPUT, Hook.FORWARD, Hook.OUTPUT)),
    NAT("nat", List.of(Hook.PREROUTING, Hook.INPUT, Hook.OUTPUT, Hook.POSTROUTING)),
    MANGLE("mangle", List.of(Hook.PREROUTING, Hook.INPUT, Hook.FORWARD, Hook.OUTPUT, Hook.POSTROUTING)),
    RAW("raw", List.of(Hook.PREROUTING, Hook.OUTPUT)),
    SECURITY("security", List.of(Hook.INPUT, Hook.FORWARD, Hook.OUTPUT));

    private final String tableName;
    private final List<Hook> hooks;

    TableKind(String tableName, List<Hook> hooks) {
        this.tableName = tableName;
        this.hooks = hooks;
    }

    public String tableName() {
        return tableName;
    }

    /** The built-in chains, in the order iptables lists them. */
    public List<Hook> hooks() {
        return hooks;
    }

    /** The table called {@code name}, or null. */
    public static TableKind named(String name) {
        for (TableKind kind : values()) {
            if (kind.tableName.equals(name)) {
                return kind;
            }
        }
        return null;
    }
}
