package org.jptables.kernel.path;

import org.jptables.api.Effects;
import org.jptables.api.Hook;
import org.jptables.api.Verdict;
import org.jptables.kernel.classify.TableCompiler;
import org.jptables.kernel.eval.ChainEvaluator;
import org.jptables.kernel.eval.EvalMode;
import org.jptables.kernel.eval.TraversalListener;
import org.jptables.kernel.model.Chain;
import org.jptables.kernel.model.Rule;
import org.jptables.kernel.model.Ruleset;
import org.jptables.kernel.model.Table;
import org.jptables.kernel.model.TableKind;
import org.jptables.kernel.packet.PacketView;

/**
 * One table's built-in chain at one hook, the step the path repeats at every hook: the verdict of
 * the chain, turned into DROP by a hotdrop or by QUEUE (no program listens on a queue here), and,
 * when the path keeps a report, the rules and policies that decided. It listens to the evaluator
 * itself because the trace names the table, which only this class knows.
 *
 * <p>One per path, with the path's view and one evaluator reused for every packet.
 */
final class TableTraversal implements TraversalListener {
    private final Ruleset ruleset;
    private final PacketView view;
    private final ChainEvaluator evaluator = new ChainEvaluator();
    private PacketResult report;
    private Table current;

    TableTraversal(Ruleset ruleset, PacketView view) {
        this.ruleset = ruleset;
        this.view = view;
    }

    /** Linear or compiled; compiling the ruleset's chains now, so that no packet waits for it. */
    void mode(EvalMode mode) {
        evaluator.mode(mode);
        if (mode == EvalMode.COMPILED) {
            TableCompiler.compileAll(ruleset);
        }
    }

    /** The report of the packet about to run, or null to keep no trace. */
    void report(PacketResult report) {
        this.report = report;
    }

    /** The verdict of {@code kind}'s chain at {@code hook}; ACCEPT when the table or chain does not exist. */
    int traverse(TableKind kind, Hook hook) {
        Table table = ruleset.existing(kind);
        if (table == null) {
            return Verdict.ACCEPT;
        }
        Chain chain = table.builtin(hook);
        if (chain == null) {
            return Verdict.ACCEPT;
        }
        view.hook(hook);
        view.clearHotdrop();
        current = table;
        // a traced packet is followed everywhere; in raw, TRACE may mark it half-way through a chain
        boolean listen = report != null || view.traced() || kind == TableKind.RAW;
        int verdict = evaluator.evaluate(chain, view, listen ? this : TraversalListener.NONE);
        if (view.hotdropped()) {
            verdict = Verdict.DROP;
        }
        return verdict == Verdict.QUEUE ? Verdict.DROP : verdict;
    }

    /** The table last traversed, for a path that runs another packet in between and comes back. */
    Table current() {
        return current;
    }

    void current(Table table) {
        this.current = table;
    }

    @Override
    public void ruleMatched(Chain chain, int position, Rule rule) {
        if (report != null) {
            report.matched.add(new PacketResult.Hit(current.name(), chain.name(), position));
            report.trace.add(current.name() + ":" + chain.name() + ":rule:" + position);
        }
        if (view.traced()) {
            trace(chain, unconditionalVerdict(rule) ? (chain.isBuiltin() ? "policy" : "return") : "rule", position);
        }
    }

    @Override
    public void chainReturned(Chain chain, int position) {
        if (view.traced()) {
            trace(chain, "return", position);
        }
    }

    @Override
    public void policyApplied(Chain chain) {
        if (report != null) {
            report.policies.add(new PacketResult.PolicyHit(current.name(), chain.name()));
            report.trace.add(current.name() + ":" + chain.name() + ":policy");
        }
        if (view.traced()) {
            trace(chain, "policy", chain.ruleArray().length + 1);
        }
    }

    /**
     * ipt_do_table's trace_packet: nf_log_trace writes a LOG line (level 4, TCP sequence and
     * options, IP options, the socket's uid) prefixed {@code TRACE: table:chain:type:N }.
     */
    private void trace(Chain chain, String type, int position) {
        view.log(4, "TRACE: " + current.name() + ":" + chain.name() + ":" + type + ":" + position + " ",
                Effects.LOG_TCP_SEQUENCE | Effects.LOG_TCP_OPTIONS | Effects.LOG_IP_OPTIONS | Effects.LOG_UID);
    }

    /**
     * get_chainname_rulenum names an entry by what it looks like, not by where it is: a rule with no
     * match at all and a standard verdict (ACCEPT, DROP, RETURN, QUEUE; not a jump) looks like a
     * chain's tail, so TRACE calls it "policy" in a built-in chain and "return" in a user chain.
     */
    private static boolean unconditionalVerdict(Rule rule) {
        if (rule.matches().length != 0 || rule.jump() != null) {
            return false;
        }
        String target = rule.targetName();
        return "ACCEPT".equals(target) || "DROP".equals(target) || "RETURN".equals(target) || "QUEUE".equals(target);
    }
}
