package org.jptables.kernel.classify;

import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.api.Target;
import org.jptables.kernel.model.Chain;
import org.jptables.kernel.model.Counters;
import org.jptables.kernel.model.DerivedForm;
import org.jptables.kernel.model.Rule;

/**
 * The compiled form of every chain reachable from some built-in chains (a table's, in practice),
 * laid out as the kernel lays out a table: one flat array, {@link #code}, holding each chain's
 * rules one after another, depth first from the built-in chains, so that a packet's walk through
 * a chain and the small chains it jumps to (a kube-proxy service's chain, then its endpoints')
 * reads neighbouring memory. A chain starts with a header of {@link #HEADER} ints (its number of
 * rules, its number in {@link #chains}, its lookup or -1, the length of its data); each rule is a
 * record of {@link #RECORD} ints: its {@link FlatChecks} row, what it does when it matches
 * (continue, jump or go to the chain at a position of the code, answer a verdict, bind a NAT
 * mapping kept in the chain's data after its records, or apply a target object), its slot in the
 * arrays of objects the code refers to (the rule, its target, its matches still to call), and its
 * packet and byte counters. Targets that declare their action ({@link org.jptables.api.Actions})
 * are acted on from the code: a packet does not reach a cold target object.
 *
 * <p>A large chain also has a {@link CompiledChain} lookup, whose field indexes name the next rule
 * a packet can match; a small one is scanned from its rows. The form is built from snapshots of
 * the chains' rules and held by every chain it includes; a change to any of them retires it, and
 * the next packet compiles the table again (see {@link TableCompiler}).
 */
public final class TableForm implements DerivedForm {
    /**
     * A chain's header: its number of rules, its number in {@link #chains}, its lookup or -1, and
     * the length of the data after its records (the mappings of its NAT rules).
     */
    public static final int HEADER = 4;
    private static final int COUNT = 0;
    private static final int CHAIN = 1;
    private static final int LOOKUP = 2;
    private static final int DATA = 3;
    /** A NAT rule's data: {@code Packet.nat}'s six arguments, then the verdict. */
    static final int NAT_DATA = 7;

    /** A rule's record: its row of checks, what it does, its slot, its counters: 64 bytes. */
    public static final int RECORD = FlatChecks.STRIDE + 8;
    /** What the rule does (the low {@link #KIND_BITS} bits) and how many matches it still calls (the rest). */
    private static final int KIND = FlatChecks.STRIDE;
    private static final int KIND_BITS = 4;
    private static final int ARGUMENT = FlatChecks.STRIDE + 1;
    private static final int SLOT = FlatChecks.STRIDE + 2;
    private static final int RESIDUAL_AT = FlatChecks.STRIDE + 3;
    private static final int COUNTERS = FlatChecks.STRIDE + 4;

    /** The rule has no target: the walk goes on to the next rule. */
    public static final int CONTINUE = 0;
    /** The rule jumps to the chain whose header is at {@link #argument}, pushing the return point. */
    public static final int JUMP = 1;
    /** The rule goes to the chain whose header is at {@link #argument}, without pushing. */
    public static final int GOTO = 2;
    /** The rule applies the target of its slot. */
    public static final int TARGET = 3;
    /** The rule's target only answers the verdict in {@link #argument} (ACCEPT, DROP, RETURN...). */
    public static final int VERDICT = 4;
    /** The rule's target binds the NAT mapping whose data is at {@link #argument}, then answers its verdict. */
    public static final int NAT = 5;

    final int[] code;
    private final Chain[] chains;
    /** The rules of each chain the form was built from, by chain number. */
    private final Rule[][] snapshots;
    private final CompiledChain[] lookups;
    private final Rule[] rules;
    private final Target[] targets;
    private final Check[][] extra;
    /** Every rule's matches still to call once its checks passed, one run per rule. */
    private final Match[] residual;
    private final Chain[] roots;
    private final int[] rootAt;
    private volatile boolean retired;

    TableForm(int[] code, Chain[] chains, Rule[][] snapshots, CompiledChain[] lookups, Rule[] rules,
              Target[] targets, Check[][] extra, Match[] residual, Chain[] roots, int[] rootAt) {
        this.code = code;
        this.chains = chains;
        this.snapshots = snapshots;
        this.lookups = lookups;
        this.rules = rules;
        this.targets = targets;
        this.extra = extra;
        this.residual = residual;
        this.roots = roots;
        this.rootAt = rootAt;
    }

    @Override
    public void retire() {
        retired = true;
    }

    public boolean retired() {
        return retired;
    }

    /** The rules chain number {@code chain} had when the form was built. */
    Rule[] snapshot(int chain) {
        return snapshots[chain];
    }

    /** The built-in chains the form was compiled from. */
    Chain[] roots() {
        return roots;
    }

    /** Where the header of {@code builtin} is, or -1 when the form was not compiled from it. */
    public int entry(Chain builtin) {
        for (int k = 0; k < roots.length; k++) {
            if (roots[k] == builtin) {
                return rootAt[k];
            }
        }
        return -1;
    }

    /** The number of rules of the chain whose header is at {@code chainAt}. */
    public int count(int chainAt) {
        return code[chainAt + COUNT];
    }

    /** The chain whose header is at {@code chainAt}, for listeners. */
    public Chain chain(int chainAt) {
        return chains[code[chainAt + CHAIN]];
    }

    /** Where the record of rule {@code rule} (0-based) of the chain at {@code chainAt} is. */
    public static int record(int chainAt, int rule) {
        return chainAt + HEADER + rule * RECORD;
    }

    /**
     * The first rule at or after {@code from} of the chain at {@code chainAt} whose declared
     * constraints the packet meets, or the chain's number of rules when there is none.
     */
    public int next(int chainAt, PacketKey key, int from) {
        int lookup = code[chainAt + LOOKUP];
        if (lookup >= 0) {
            return lookups[lookup].next(key, from);
        }
        int count = code[chainAt + COUNT];
        for (int rule = from, at = record(chainAt, from); rule < count; rule++, at += RECORD) {
            if (FlatChecks.admits(code, at, key)
                    && (!FlatChecks.hasExtra(code, at) || CompiledChain.admits(extra[code[at + SLOT]], key))) {
                return rule;
            }
        }
        return count;
    }

    /** Whether the rule at {@code at}, which {@link #next} named, matches without calling its matches. */
    public boolean exact(int at) {
        return FlatChecks.exact(code, at);
    }

    /**
     * Whether the packet passes the matches of the rule at {@code at} that {@link #next} did not
     * already decide, called in order.
     */
    public boolean residualMatch(int at, Packet packet) {
        for (int m = code[at + RESIDUAL_AT], end = m + (code[at + KIND] >>> KIND_BITS); m < end; m++) {
            if (!residual[m].matches(packet)) {
                return false;
            }
        }
        return true;
    }

    public int kind(int at) {
        return code[at + KIND] & (1 << KIND_BITS) - 1;
    }

    /** The header position a jump or goto leads to. */
    public int argument(int at) {
        return code[at + ARGUMENT];
    }

    public Rule rule(int at) {
        return rules[code[at + SLOT]];
    }

    /** Counts a packet of {@code length} bytes for the rule at {@code at}. */
    public void countPacket(int at, int length) {
        Counters.add(code, at + COUNTERS, length);
    }

    public Target target(int at) {
        return targets[code[at + SLOT]];
    }

    /** Binds the mapping of the {@link #NAT} rule at {@code at}, as its target would; returns the target's verdict. */
    public int nat(int at, Packet packet) {
        int data = code[at + ARGUMENT];
        packet.nat(code[data], code[data + 1], code[data + 2], code[data + 3], code[data + 4], code[data + 5]);
        return code[data + 6];
    }

    static void header(int[] code, int at, int count, int chain, int lookup, int data) {
        code[at + COUNT] = count;
        code[at + CHAIN] = chain;
        code[at + LOOKUP] = lookup;
        code[at + DATA] = data;
    }

    /** Writes a rule's record and binds the rule's counters to it. */
    static void record(int[] code, int at, int[] row, int kind, int argument, int slot, int residualAt,
                       int residualCount, Counters counters) {
        System.arraycopy(row, 0, code, at, FlatChecks.STRIDE);
        code[at + KIND] = kind | residualCount << KIND_BITS;
        code[at + ARGUMENT] = argument;
        code[at + SLOT] = slot;
        code[at + RESIDUAL_AT] = residualAt;
        counters.bind(code, at + COUNTERS);
    }

    /** The number of chains and rules, the lookups and the size of the code, for reports. */
    public String describe() {
        StringBuilder out = new StringBuilder();
        out.append(chains.length).append(" chains, ").append(rules.length).append(" rules, ")
                .append(code.length * 4L / 1024).append(" KiB of code");
        for (CompiledChain lookup : lookups) {
            out.append("; ").append(lookup.describe());
        }
        return out.toString();
    }
}
