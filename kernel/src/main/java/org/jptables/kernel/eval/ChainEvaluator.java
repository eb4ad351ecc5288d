package org.jptables.kernel.eval;

import org.jptables.api.Match;
import org.jptables.api.Target;
import org.jptables.api.Verdict;
import org.jptables.kernel.classify.ChainCompiler;
import org.jptables.kernel.classify.CompiledChain;
import org.jptables.kernel.classify.PacketKey;
import org.jptables.kernel.model.Chain;
import org.jptables.kernel.model.Rule;
import org.jptables.kernel.packet.PacketView;

/**
 * The kernel's ipt_do_table for one table at one hook: walk the built-in chain's rules, count the
 * ones that match, follow jumps (pushing the return point) and gotos (not pushing), return at a
 * RETURN or the end of a user chain, and apply the policy at the end of the built-in chain.
 * In {@link EvalMode#COMPILED} mode a chain's compiled form names the next rule the packet can
 * match, and the rules in between are not called: they could not match, and skipping them skips
 * nothing they would have done (see {@link org.jptables.api.Constraints}).
 * One evaluator per thread: its return stack and packet key are reused, so evaluation allocates nothing.
 */
public final class ChainEvaluator {
    /** The kernel's own limit on nested jumps (XT_MAX_TABLE_DEPTH is far larger; loops are refused at load). */
    private static final int MAX_DEPTH = 1024;

    private final Chain[] stackChain = new Chain[MAX_DEPTH];
    private final int[] stackIndex = new int[MAX_DEPTH];
    /** The compiled form each pushed chain was walked with: its rules are the snapshot returned to. */
    private final CompiledChain[] stackForm = new CompiledChain[MAX_DEPTH];
    private final PacketKey key = new PacketKey();
    private EvalMode mode;

    /** An evaluator using the compiled forms of the chains. */
    public ChainEvaluator() {
        this(EvalMode.COMPILED);
    }

    public ChainEvaluator(EvalMode mode) {
        this.mode = mode;
    }

    public EvalMode mode() {
        return mode;
    }

    public void mode(EvalMode mode) {
        this.mode = mode;
    }

    /**
     * Runs {@code packet} through {@code builtin}; returns {@link Verdict#ACCEPT}, {@link Verdict#DROP}
     * or {@link Verdict#QUEUE}. Counters are raised with the packet's IP total length.
     */
    public int evaluate(Chain builtin, PacketView packet, TraversalListener listener) {
        int length = packet.totalLength();
        if (length < 0) {
            length = packet.length();
        }
        int depth = 0;
        Chain chain = builtin;
        Rule[] rules = chain.ruleArray();
        // the key is read when a compiled chain first needs it, and again after a target that
        // continues (it may have changed the mark); 1 read, 0 to read, -1 not classifiable
        boolean compiled = mode == EvalMode.COMPILED;
        int keyState = 0;
        CompiledChain form = compiled ? ChainCompiler.formOf(chain, rules) : null;
        int i = 0;
        while (true) {
            if (form != null && i < rules.length) {
                if (keyState == 0) {
                    keyState = key.load(packet) ? 1 : -1;
                }
                if (keyState > 0) {
                    i = form.next(key, i);
                }
            }
            if (i >= rules.length) {
                if (depth == 0) {
                    return policy(builtin, length, listener);
                }
                if (listener != TraversalListener.NONE) {
                    listener.chainReturned(chain, rules.length + 1);
                }
                depth--;
                chain = stackChain[depth];
                i = stackIndex[depth];
                form = stackForm[depth];
                rules = form != null ? form.rules() : chain.ruleArray();
                continue;
            }
            Rule rule = rules[i];
            boolean classified = form != null && keyState > 0;
            boolean decided = classified && form.exact(i);
            // once next() passed the rule's checks, only its matches not declared complete are called
            if (!decided && !allMatch(classified ? form.residual(i) : rule.matches(), packet)) {
                if (packet.hotdropped()) {
                    return Verdict.DROP;
                }
                i++;
                continue;
            }
            rule.counters().add(length);
            if (listener != TraversalListener.NONE) {
                listener.ruleMatched(chain, i + 1, rule);
            }
            Chain jump = rule.jump();
            if (jump != null) {
                if (!rule.isGoto()) {
                    if (depth == MAX_DEPTH) {
                        return Verdict.DROP;
                    }
                    stackChain[depth] = chain;
                    stackIndex[depth] = i + 1;
                    stackForm[depth] = form;
                    depth++;
                }
                // compiled: straight from this form to the target's, without reaching the chain
                form = form != null ? form.jumpForm(i, jump) : null;
                chain = jump;
                rules = form != null ? form.rules() : chain.ruleArray();
                i = 0;
                continue;
            }
            Target target = rule.targetOrNull();
            if (target == null) {
                i++;
                continue;
            }
            int verdict = target.apply(packet);
            if (verdict == Verdict.CONTINUE) {
                // a target may have changed the packet's size (TCPMSS adds an option): the kernel
                // counts skb->len as it is when each later rule matches
                length = packet.totalLength();
                if (length < 0) {
                    length = packet.length();
                }
                keyState = 0;
                i++;
            } else if (verdict == Verdict.RETURN) {
                if (depth == 0) {
                    return policy(builtin, length, listener);
                }
                depth--;
                chain = stackChain[depth];
                i = stackIndex[depth];
                form = stackForm[depth];
                rules = form != null ? form.rules() : chain.ruleArray();
            } else {
                return verdict;
            }
        }
    }

    private static boolean allMatch(Match[] matches, PacketView packet) {
        for (Match m : matches) {
            if (!m.matches(packet)) {
                return false;
            }
        }
        return true;
    }

    private static int policy(Chain builtin, int length, TraversalListener listener) {
        builtin.policyCounters().add(length);
        if (listener != TraversalListener.NONE) {
            listener.policyApplied(builtin);
        }
        return builtin.policy();
    }
}
