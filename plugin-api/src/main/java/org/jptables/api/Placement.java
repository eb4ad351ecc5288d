package org.jptables.api;

import java.util.EnumSet;
import java.util.Set;

/**
 * Where an extension may be used, checked once when a rule is loaded (the kernel's
 * {@code xt_match.table} and {@code .hooks}). A rule in a user chain is checked against every
 * built-in chain from which it can be reached.
 *
 * @param table the only table allowed, or {@code null} for any table
 * @param hooks the hooks allowed
 */
public record Placement(String table, Set<Hook> hooks) {

    /** Usable in every table and chain. */
    public static final Placement ANYWHERE = new Placement(null, EnumSet.allOf(Hook.class));

    public Placement {
        hooks = hooks.isEmpty() ? Set.of() : Set.copyOf(EnumSet.copyOf(hooks));
    }

    /** Usable in any table, at the given hooks only. */
    public static Placement hooks(Hook first, Hook... rest) {
        return new Placement(null, EnumSet.of(first, rest));
    }

    /** Usable only in {@code table}, at the given hooks. */
    public static Placement table(String table, Hook first, Hook... rest) {
        return new Placement(table, EnumSet.of(first, rest));
    }

    /** Whether a rule of {@code table} reached from {@code hook} may use the extension. */
    public boolean allows(String table, Hook hook) {
        return (this.table == null || this.table.equals(table)) && hooks.contains(hook);
    }
}
