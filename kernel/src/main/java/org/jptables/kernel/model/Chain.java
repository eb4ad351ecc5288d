package org.jptables.kernel.model;

import java.util.ArrayList;
import java.util.List;
import org.jptables.api.Hook;
import org.jptables.api.Verdict;

/**
 * A chain: built-in (bound to a hook, with a policy and policy counters) or user-defined. The rules
 * are kept as an array snapshot as well, which the evaluation loop reads without locking or copying.
 */
public final class Chain {
    private String name;
    private final Hook hook;
    private int policy = Verdict.ACCEPT;
    private final Counters policyCounters = new Counters();
    private final List<Rule> rules = new ArrayList<>();
    private volatile Rule[] snapshot = new Rule[0];
    /** A form another layer derived from {@link #snapshot} (the compiled classifier), or null. */
    private volatile Object derived;
    /**
     * While true, changes leave {@link #snapshot} behind, to be made once by {@link #publish}: a
     * table being restored, which no packet walks, would otherwise copy the whole chain for
     * every rule appended (a 100,000-rule chain: twenty seconds of copying).
     */
    private boolean deferred;

    private Chain(String name, Hook hook) {
        this.name = name;
        this.hook = hook;
    }

    public static Chain builtin(Hook hook) {
        return new Chain(hook.name(), hook);
    }

    public static Chain user(String name) {
        return new Chain(name, null);
    }

    public String name() {
        return name;
    }

    void rename(String newName) {
        this.name = newName;
    }

    /** The hook of a built-in chain, null for a user chain. */
    public Hook hook() {
        return hook;
    }

    public boolean isBuiltin() {
        return hook != null;
    }

    /** The policy verdict (ACCEPT or DROP) of a built-in chain. */
    public int policy() {
        return policy;
    }

    public void policy(int verdict) {
        this.policy = verdict;
    }

    public Counters policyCounters() {
        return policyCounters;
    }

    /** The rules, read-only. */
    public List<Rule> rules() {
        return java.util.Collections.unmodifiableList(rules);
    }

    /** The rules as the evaluation loop reads them. */
    public Rule[] ruleArray() {
        return snapshot;
    }

    /**
     * The form derived from the rules by the evaluation layer, or null; the reader checks that it
     * was derived from the current {@link #ruleArray()}, since any change makes it stale.
     */
    public Object derived() {
        return derived;
    }

    /** Keeps {@code form}, derived from the current rules; the form it replaces is retired. */
    public void derived(Object form) {
        Object old = derived;
        this.derived = form;
        if (old != form && old instanceof DerivedForm retired) {
            retired.retire();
        }
    }

    private void dropDerived() {
        derived(null);
    }

    public int size() {
        return rules.size();
    }

    void insert(int index, Rule rule) {
        rules.add(index, rule);
        changed();
    }

    void set(int index, Rule rule) {
        rules.set(index, rule);
        changed();
    }

    Rule remove(int index) {
        Rule removed = rules.remove(index);
        changed();
        return removed;
    }

    void clear() {
        rules.clear();
        changed();
    }

    private void changed() {
        if (!deferred) {
            snapshot = rules.toArray(Rule[]::new);
        }
        dropDerived();
    }

    /** From now on, changes do not make the snapshot; see {@link #publish}. */
    void defer() {
        deferred = true;
    }

    /** Makes the snapshot of the rules changed since {@link #defer}, and makes it again at each change. */
    void publish() {
        if (deferred) {
            deferred = false;
            changed();
        }
    }
}
