package org.jptables.kernel.eval;

import org.jptables.api.Match;
import org.jptables.api.Target;
import org.jptables.api.Verdict;
import org.jptables.kernel.classify.PacketKey;
import org.jptables.kernel.classify.TableCompiler;
import org.jptables.kernel.classify.TableForm;
import org.jptables.kernel.model.Chain;
import org.jptables.kernel.model.Rule;
import org.jptables.kernel.packet.PacketView;

/**
 * The kernel's ipt_do_table for one table at one hook: walk the built-in chain's rules, count the
 * ones that match, follow jumps (pushing the return point) and gotos (not pushing), return at a
 * RETURN or the end of a user chain, and apply the policy at the end of the built-in chain.
 * In {@link EvalMode#COMPILED} mode the walk runs over the table's {@link TableForm}, which names
 * the next rule the packet can match in each chain; the rules in between are not called: they
 * could not match, and skipping them skips nothing they would have done (see
 * {@link org.jptables.api.Constraints}).
 * One evaluator per thread: its return stack and packet key are reused, so evaluation allocates nothing.
 */
public final class ChainEvaluator {
    /** The kernel's own limit on nested jumps (XT_MAX_TABLE_DEPTH is far larger; loops are refused at load). */
    private static final int MAX_DEPTH = 1024;

    private final Chain[] stackChain = new Chain[MAX_DEPTH];
    /** In compiled mode, where each pushed chain's header is in the form's code. */
    private final int[] stackAt = new int[MAX_DEPTH];
    private final int[] stackIndex = new int[MAX_DEPTH];
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
        if (mode == EvalMode.LINEAR) {
            return evaluateLinear(builtin, packet, listener);
        }
        TableForm form = builtin.derived() instanceof TableForm held && !held.retired() ? held : null;
        int entry = form == null ? -1 : form.entry(builtin);
        if (entry < 0) {
            form = TableCompiler.formOf(builtin);
            entry = form.entry(builtin);
        }
        return evaluateCompiled(form, entry, builtin, packet, listener);
    }

    private int evaluateLinear(Chain builtin, PacketView packet, TraversalListener listener) {
        int length = countedLength(packet);
        int depth = 0;
        Chain chain = builtin;
        Rule[] rules = chain.ruleArray();
        int i = 0;
        while (true) {
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
                rules = chain.ruleArray();
                continue;
            }
            Rule rule = rules[i];
            if (!allMatch(rule.matches(), packet)) {
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
                    depth++;
                }
                chain = jump;
                rules = chain.ruleArray();
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
                length = countedLength(packet);
                i++;
            } else if (verdict == Verdict.RETURN) {
                if (depth == 0) {
                    return policy(builtin, length, listener);
                }
                depth--;
                chain = stackChain[depth];
                i = stackIndex[depth];
                rules = chain.ruleArray();
            } else {
                return verdict;
            }
        }
    }

    /**
     * The walk of {@link #evaluateLinear} over a table's compiled form: the form names the next
     * rule the packet can match in each chain, and a chain is a position in the form's code.
     */
    private int evaluateCompiled(TableForm form, int entry, Chain builtin, PacketView packet,
                                 TraversalListener listener) {
        int length = countedLength(packet);
        int depth = 0;
        int chainAt = entry;
        int count = form.count(chainAt);
        // the key is read when a chain first needs it, and again after a target that continues
        // (it may have changed the mark); 1 read, 0 to read, -1 not classifiable
        int keyState = 0;
        int i = 0;
        while (true) {
            if (i < count) {
                if (keyState == 0) {
                    keyState = key.load(packet) ? 1 : -1;
                }
                if (keyState > 0) {
                    i = form.next(chainAt, key, i);
                }
            }
            if (i >= count) {
                if (depth == 0) {
                    return policy(builtin, length, listener);
                }
                if (listener != TraversalListener.NONE) {
                    listener.chainReturned(form.chain(chainAt), count + 1);
                }
                depth--;
                chainAt = stackAt[depth];
                i = stackIndex[depth];
                count = form.count(chainAt);
                continue;
            }
            int at = TableForm.record(chainAt, i);
            // once next() passed the rule's checks, only its matches not declared complete are called
            boolean matched = keyState > 0
                    ? form.exact(at) || form.residualMatch(at, packet)
                    : allMatch(form.rule(at).matches(), packet);
            if (!matched) {
                if (packet.hotdropped()) {
                    return Verdict.DROP;
                }
                i++;
                continue;
            }
            form.countPacket(at, length);
            if (listener != TraversalListener.NONE) {
                listener.ruleMatched(form.chain(chainAt), i + 1, form.rule(at));
            }
            int kind = form.kind(at);
            if (kind == TableForm.JUMP || kind == TableForm.GOTO) {
                if (kind == TableForm.JUMP) {
                    if (depth == MAX_DEPTH) {
                        return Verdict.DROP;
                    }
                    stackAt[depth] = chainAt;
                    stackIndex[depth] = i + 1;
                    depth++;
                }
                chainAt = form.argument(at);
                count = form.count(chainAt);
                i = 0;
                continue;
            }
            if (kind == TableForm.CONTINUE) {
                i++;
                continue;
            }
            int verdict = kind == TableForm.VERDICT ? form.argument(at)
                    : kind == TableForm.NAT ? form.nat(at, packet)
                    : form.target(at).apply(packet);
            if (verdict == Verdict.CONTINUE) {
                length = countedLength(packet);
                keyState = 0;
                i++;
            } else if (verdict == Verdict.RETURN) {
                if (depth == 0) {
                    return policy(builtin, length, listener);
                }
                depth--;
                chainAt = stackAt[depth];
                i = stackIndex[depth];
                count = form.count(chainAt);
            } else {
                return verdict;
            }
        }
    }

    /** The length counters count: the IP total length, or the frame's for a packet without one. */
    private static int countedLength(PacketView packet) {
        int length = packet.totalLength();
        return length < 0 ? packet.length() : length;
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
