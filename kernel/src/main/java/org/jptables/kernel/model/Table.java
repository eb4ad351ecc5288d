package org.jptables.kernel.model;

import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.jptables.api.Hook;
import org.jptables.api.Placement;

/**
 * One table: its built-in chains in kernel order and its user chains in the order libiptc keeps
 * them (sorted by name). Every change is checked as the kernel checks a table replace: no chain
 * may reach itself, and each extension must be allowed at every hook its rule is reachable from.
 */
public final class Table {
    private final TableKind kind;
    private final Map<String, Chain> builtins = new LinkedHashMap<>();
    private final TreeMap<String, Chain> users = new TreeMap<>();
    /** Between {@link #deferSnapshots} and {@link #publishSnapshots}: chains made now defer too. */
    private boolean deferring;

    public Table(TableKind kind) {
        this.kind = kind;
        for (Hook hook : kind.hooks()) {
            builtins.put(hook.name(), Chain.builtin(hook));
        }
    }

    public TableKind kind() {
        return kind;
    }

    public String name() {
        return kind.tableName();
    }

    /** Every chain, built-in first, as iptables lists them. */
    public List<Chain> chains() {
        List<Chain> all = new ArrayList<>(builtins.values());
        all.addAll(users.values());
        return all;
    }

    public List<Chain> builtinChains() {
        return List.copyOf(builtins.values());
    }

    /** The chain called {@code name}, or null. */
    public Chain chain(String name) {
        Chain c = builtins.get(name);
        return c != null ? c : users.get(name);
    }

    /** The chain called {@code name}, or the kernel's "No chain/target/match by that name.". */
    public Chain existing(String name) throws KernelException {
        Chain c = chain(name);
        if (c == null) {
            throw new KernelException(KernelException.NO_SUCH_CHAIN);
        }
        return c;
    }

    /** The built-in chain of {@code hook}, or null when the table has none. */
    public Chain builtin(Hook hook) {
        return builtins.get(hook.name());
    }

    public Chain newChain(String name) throws KernelException {
        if (chain(name) != null) {
            throw new KernelException(KernelException.CHAIN_EXISTS);
        }
        Chain c = Chain.user(name);
        if (deferring) {
            c.defer();
        }
        users.put(name, c);
        return c;
    }

    /**
     * For a table being built where no packet walks it (iptables-restore's table before COMMIT):
     * changes no longer copy each chain's rules into the array the evaluation loop reads, until
     * {@link #publishSnapshots}.
     */
    public void deferSnapshots() {
        deferring = true;
        for (Chain c : chains()) {
            c.defer();
        }
    }

    /** Ends {@link #deferSnapshots}: every chain's array is made once, from its rules. */
    public void publishSnapshots() {
        deferring = false;
        for (Chain c : chains()) {
            c.publish();
        }
    }

    /** How many rules jump or go to {@code chain}. */
    public int references(Chain chain) {
        int n = 0;
        for (Chain c : chains()) {
            for (Rule r : c.rules()) {
                if (r.jump() == chain) {
                    n++;
                }
            }
        }
        return n;
    }

    public void deleteChain(String name) throws KernelException {
        Chain c = existing(name);
        if (c.isBuiltin()) {
            throw new KernelException(KernelException.BUILTIN_CHAIN);
        }
        if (references(c) > 0) {
            throw new KernelException(KernelException.IN_USE);
        }
        if (c.size() > 0) {
            throw new KernelException(KernelException.NOT_EMPTY);
        }
        users.remove(name);
    }

    /**
     * Deletes every user chain, as {@code -X} without a name does: each one that can go goes, and
     * the last refusal is reported (the caller then keeps the table as it was, as iptables does not
     * commit a failed command).
     */
    public void deleteUserChains() throws KernelException {
        KernelException last = null;
        for (String name : List.copyOf(users.keySet())) {
            try {
                deleteChain(name);
            } catch (KernelException e) {
                last = e;
            }
        }
        if (last != null) {
            throw last;
        }
    }

    public void renameChain(String oldName, String newName) throws KernelException {
        Chain c = existing(oldName);
        if (c.isBuiltin()) {
            throw new KernelException(KernelException.INVALID_BUILTIN_RENAME);
        }
        if (chain(newName) != null) {
            throw new KernelException(KernelException.FILE_EXISTS);
        }
        users.remove(oldName);
        c.rename(newName);
        users.put(newName, c);
    }

    public void setPolicy(String name, int verdict) throws KernelException {
        Chain c = existing(name);
        if (!c.isBuiltin()) {
            throw new KernelException(KernelException.BUILTIN_POLICY);
        }
        c.policy(verdict);
    }

    public void append(Chain chain, Rule rule) {
        chain.insert(chain.size(), rule);
    }

    /** Inserts at 1-based {@code number}; one past the end is allowed, as in libiptc. */
    public void insert(Chain chain, int number, Rule rule) throws KernelException {
        if (number < 1 || number > chain.size() + 1) {
            throw new KernelException(KernelException.INSERT_INDEX);
        }
        chain.insert(number - 1, rule);
    }

    public void replace(Chain chain, int number, Rule rule) throws KernelException {
        if (number < 1 || number > chain.size()) {
            throw new KernelException(KernelException.REPLACE_INDEX);
        }
        chain.set(number - 1, rule);
    }

    public void delete(Chain chain, int number) throws KernelException {
        if (number < 1 || number > chain.size()) {
            throw new KernelException(KernelException.DELETE_INDEX);
        }
        chain.remove(number - 1);
    }

    /** The 1-based position of the first rule with the same spec, or 0. */
    public int find(Chain chain, Rule rule) {
        List<Rule> rules = chain.rules();
        for (int i = 0; i < rules.size(); i++) {
            Rule r = rules.get(i);
            if (r.spec().equals(rule.spec()) && r.jump() == rule.jump()) {
                return i + 1;
            }
        }
        return 0;
    }

    public void deleteMatching(Chain chain, Rule rule) throws KernelException {
        int at = find(chain, rule);
        if (at == 0) {
            throw new KernelException(KernelException.BAD_RULE);
        }
        chain.remove(at - 1);
    }

    public void flush(Chain chain) {
        chain.clear();
    }

    public void flushAll() {
        for (Chain c : chains()) {
            c.clear();
        }
    }

    public void zero(Chain chain) {
        chain.policyCounters().zero();
        for (Rule r : chain.rules()) {
            r.counters().zero();
        }
    }

    public void zeroAll() {
        for (Chain c : chains()) {
            zero(c);
        }
    }

    /**
     * The kernel's checks on a table replace: no loops ({@code "Too many levels of symbolic links."})
     * and every match and target allowed at every hook its rule is reachable from
     * ({@code "Invalid argument."}).
     */
    public void validate() throws KernelException {
        // xt_check_match/xt_check_target refuse an extension of another table in every rule,
        // reachable or not, before they look at hooks
        for (Chain c : chains()) {
            for (Rule r : c.rules()) {
                for (MatchUse m : r.matchUses()) {
                    if (otherTable(m.extension().placement())) {
                        throw new KernelException(KernelException.INVALID);
                    }
                }
                if (r.target() != null && otherTable(r.target().extension().placement())) {
                    throw new KernelException(KernelException.INVALID);
                }
            }
        }
        Map<Chain, Set<Hook>> reach = new HashMap<>();
        for (Chain b : builtins.values()) {
            walk(b, b.hook(), new ArrayList<>(), reach);
        }
        for (Map.Entry<Chain, Set<Hook>> e : reach.entrySet()) {
            for (Rule r : e.getKey().rules()) {
                for (Hook hook : e.getValue()) {
                    for (MatchUse m : r.matchUses()) {
                        if (!allowed(m.extension().placement(), hook) || !m.match().allowedAt(name(), hook)) {
                            throw new KernelException(KernelException.INVALID);
                        }
                    }
                    if (r.target() != null && (!allowed(r.target().extension().placement(), hook)
                            || !r.target().target().allowedAt(name(), hook))) {
                        throw new KernelException(KernelException.INVALID);
                    }
                }
            }
        }
    }

    private boolean otherTable(Placement placement) {
        return placement.table() != null && !placement.table().equals(name());
    }

    private boolean allowed(Placement placement, Hook hook) {
        return placement.allows(name(), hook);
    }

    private void walk(Chain chain, Hook hook, List<Chain> path, Map<Chain, Set<Hook>> reach)
            throws KernelException {
        if (path.contains(chain)) {
            throw new KernelException(KernelException.LOOP);
        }
        Set<Hook> hooks = reach.computeIfAbsent(chain, c -> EnumSet.noneOf(Hook.class));
        if (!hooks.add(hook) && path.isEmpty()) {
            return;
        }
        path.add(chain);
        for (Rule r : chain.rules()) {
            if (r.jump() != null) {
                walk(r.jump(), hook, path, reach);
            }
        }
        path.remove(path.size() - 1);
    }

    /** A deep copy whose rules jump to the copy's own chains; counters are copied. */
    public Table copy() {
        Table t = new Table(kind);
        for (String name : users.keySet()) {
            t.users.put(name, Chain.user(name));
        }
        for (Chain c : chains()) {
            Chain into = t.chain(c.name());
            if (c.isBuiltin()) {
                into.policy(c.policy());
                into.policyCounters().set(c.policyCounters().packets(), c.policyCounters().bytes());
            }
            for (Rule r : c.rules()) {
                Chain jump = r.jump() == null ? null : t.chain(r.jump().name());
                Rule copy = new Rule(r.matchUses(), r.target(), jump, r.isGoto(), r.body(), r.restorableBody());
                copy.counters().set(r.counters().packets(), r.counters().bytes());
                into.insert(into.size(), copy);
            }
        }
        return t;
    }
}
