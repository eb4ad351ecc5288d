package org.jptables.kernel.classify;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jptables.api.Match;
import org.jptables.api.Target;
import org.jptables.kernel.model.Chain;
import org.jptables.kernel.model.Rule;
import org.jptables.kernel.model.Ruleset;
import org.jptables.kernel.model.Table;

/**
 * Builds the {@link TableForm} of the chains reachable from some built-in chains: lays the chains
 * out depth first in rule order (a chain where it is first reached), writes each rule's record,
 * gives each large chain its {@link CompiledChain lookup}, and hands the form to every chain it
 * includes. The built-in chains of a table share one form: compiling from one built-in chain
 * takes in the built-in chains of every form its chains held, so that two hooks reaching the same
 * user chain (kube-proxy's PREROUTING and OUTPUT) do not retire each other's form in turn.
 */
public final class TableCompiler {
    private TableCompiler() {
    }

    /**
     * Compiles every table of the ruleset now, as a commit does, so that no packet waits for it.
     * Chains no built-in chain reaches are left out: no packet walks them.
     */
    public static void compileAll(Ruleset ruleset) {
        for (Table table : ruleset.tables()) {
            List<Chain> builtins = new ArrayList<>();
            for (Chain chain : table.chains()) {
                if (chain.isBuiltin()) {
                    builtins.add(chain);
                }
            }
            if (!builtins.isEmpty()) {
                compile(builtins);
            }
        }
    }

    /** The current form holding {@code builtin}, compiled now when there is none or it was retired. */
    public static TableForm formOf(Chain builtin) {
        if (builtin.derived() instanceof TableForm form && !form.retired() && form.entry(builtin) >= 0) {
            return form;
        }
        return compile(List.of(builtin));
    }

    /** Compiles the chains reachable from {@code builtins} and from the built-in chains sharing a form with them. */
    static TableForm compile(List<Chain> builtins) {
        List<Chain> roots = new ArrayList<>(builtins);
        List<Chain> order;
        while (true) {
            order = depthFirst(roots);
            int before = roots.size();
            for (Chain chain : order) {
                if (chain.derived() instanceof TableForm held) {
                    for (Chain root : held.roots()) {
                        if (!roots.contains(root)) {
                            roots.add(root);
                        }
                    }
                }
            }
            if (roots.size() == before) {
                break;
            }
        }
        TableForm form = build(roots, order);
        for (Chain chain : order) {
            chain.derived(form);
        }
        for (int c = 0; c < order.size(); c++) {
            if (order.get(c).ruleArray() != form.snapshot(c)) {
                form.retire(); // a chain changed while the form was built: the next packet builds it again
            }
        }
        return form;
    }

    /** The chains reachable from the roots, each where a depth-first walk in rule order first reaches it. */
    private static List<Chain> depthFirst(List<Chain> roots) {
        List<Chain> order = new ArrayList<>();
        Set<Chain> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        ArrayDeque<Chain> stack = new ArrayDeque<>();
        for (int k = roots.size() - 1; k >= 0; k--) {
            stack.push(roots.get(k));
        }
        while (!stack.isEmpty()) {
            Chain chain = stack.pop();
            if (!seen.add(chain)) {
                continue;
            }
            order.add(chain);
            Rule[] rules = chain.ruleArray();
            for (int r = rules.length - 1; r >= 0; r--) {
                Chain target = rules[r].jump();
                if (target != null && !seen.contains(target)) {
                    stack.push(target);
                }
            }
        }
        return order;
    }

    private static TableForm build(List<Chain> roots, List<Chain> order) {
        Rule[][] snapshots = new Rule[order.size()][];
        DeclaredAction[][] actions = new DeclaredAction[order.size()][];
        int[] dataLength = new int[order.size()];
        Map<Chain, Integer> headerOf = new IdentityHashMap<>();
        int size = 0;
        int ruleCount = 0;
        for (int c = 0; c < order.size(); c++) {
            Rule[] chainRules = order.get(c).ruleArray();
            snapshots[c] = chainRules;
            actions[c] = new DeclaredAction[chainRules.length];
            for (int r = 0; r < chainRules.length; r++) {
                Target target = chainRules[r].jump() == null ? chainRules[r].targetOrNull() : null;
                if (target != null) {
                    actions[c][r] = DeclaredAction.of(target);
                    dataLength[c] += actions[c][r].dataLength();
                }
            }
            headerOf.put(order.get(c), size);
            size = TableForm.record(size, chainRules.length) + dataLength[c];
            ruleCount += chainRules.length;
        }
        int[] code = new int[size];
        Rule[] rules = new Rule[ruleCount];
        Target[] targets = new Target[ruleCount];
        Check[][] extra = new Check[ruleCount][];
        List<Match> residual = new ArrayList<>();
        List<CompiledChain> lookups = new ArrayList<>();
        int slot = 0;
        for (int c = 0; c < order.size(); c++) {
            Rule[] chainRules = snapshots[c];
            int at = headerOf.get(order.get(c));
            RuleDeclarations[] declarations = new RuleDeclarations[chainRules.length];
            for (int r = 0; r < chainRules.length; r++) {
                declarations[r] = RuleDeclarations.of(chainRules[r].matches());
            }
            int lookup = -1;
            if (ChainCompiler.worthIndexing(chainRules.length)) {
                lookup = lookups.size();
                lookups.add(ChainCompiler.compile(chainRules, declarations));
            }
            TableForm.header(code, at, chainRules.length, c, lookup, dataLength[c]);
            // the chain's NAT mappings follow its records: a packet reads them from the lines it is on
            int dataAt = TableForm.record(at, chainRules.length);
            for (int r = 0; r < chainRules.length; r++, slot++) {
                Rule rule = chainRules[r];
                RuleDeclarations d = declarations[r];
                DeclaredAction action = actions[c][r];
                int kind;
                int argument = 0;
                if (rule.jump() != null) {
                    kind = rule.isGoto() ? TableForm.GOTO : TableForm.JUMP;
                    argument = headerOf.get(rule.jump());
                } else if (action != null) {
                    kind = action.kind();
                    targets[slot] = rule.targetOrNull();
                    if (kind == TableForm.VERDICT) {
                        argument = action.verdict();
                    } else if (kind == TableForm.NAT) {
                        argument = dataAt;
                        action.writeData(code, dataAt);
                        dataAt += action.dataLength();
                    }
                } else {
                    kind = TableForm.CONTINUE;
                }
                rules[slot] = rule;
                extra[slot] = d.extra();
                Match[] rest = d.residual();
                TableForm.record(code, TableForm.record(at, r), d.row(), kind, argument, slot, residual.size(),
                        rest.length, rule.counters());
                Collections.addAll(residual, rest);
            }
        }
        Chain[] rootArray = roots.toArray(Chain[]::new);
        int[] rootAt = new int[rootArray.length];
        for (int k = 0; k < rootArray.length; k++) {
            rootAt[k] = headerOf.get(rootArray[k]);
        }
        return new TableForm(code, order.toArray(Chain[]::new), snapshots, lookups.toArray(CompiledChain[]::new),
                rules, targets, extra, residual.toArray(Match[]::new), rootArray, rootAt);
    }
}
