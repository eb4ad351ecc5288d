package org.jptables.kernel.model;

import java.util.List;
import org.jptables.api.Match;
import org.jptables.api.Target;

/**
 * One rule: its matches (header matches first, as the kernel checks {@code struct ipt_ip} first),
 * then either a target extension, a jump or goto to a user chain, or nothing. Immutable but for its
 * counters; the {@link #spec} is its canonical iptables-save text, used to find a rule for
 * {@code -D}/{@code -C} exactly as iptables compares rules.
 */
public final class Rule {
    private final Match[] matches;
    private final List<MatchUse> uses;
    private final TargetUse target;
    private final Chain jump;
    private final boolean isGoto;
    private final String spec;  // without the jump, see spec()
    private final String restorableBody; // null when the spec itself restores
    private final Counters counters = new Counters();

    public Rule(List<MatchUse> uses, TargetUse target, Chain jump, boolean isGoto, String spec) {
        this(uses, target, jump, isGoto, spec, null);
    }

    /**
     * {@code restorableBody}: the body as jptables' state file must keep it when iptables-save's
     * text would not restore to the same rule (an interface "+", a name with a space), else null.
     */
    public Rule(List<MatchUse> uses, TargetUse target, Chain jump, boolean isGoto, String spec, String restorableBody) {
        this.restorableBody = restorableBody == null || restorableBody.equals(spec) ? null : restorableBody;
        this.uses = List.copyOf(uses);
        this.matches = uses.stream().map(MatchUse::match).toArray(Match[]::new);
        this.target = target;
        this.jump = jump;
        this.isGoto = isGoto;
        this.spec = spec;
    }

    /** The matches in evaluation order, as an array for the hot loop. */
    public Match[] matches() {
        return matches;
    }

    public List<MatchUse> matchUses() {
        return uses;
    }

    /** The target extension, or null for a jump, a goto or a rule without target. */
    public TargetUse target() {
        return target;
    }

    /** The user chain jumped to, or null. */
    public Chain jump() {
        return jump;
    }

    public boolean isGoto() {
        return isGoto;
    }

    /**
     * The rule as iptables-save prints it after {@code -A CHAIN}, starting with a space or empty.
     * A jump's chain name is appended here, so that renaming the chain renames it in every rule.
     */
    public String spec() {
        return jump == null ? spec : spec + (isGoto ? " -g " : " -j ") + jump.name();
    }

    /** The spec without the jump, as given to the constructor. */
    public String body() {
        return spec;
    }

    /** The body the state file keeps, or null when it is {@link #body()}. */
    public String restorableBody() {
        return restorableBody;
    }

    /** {@link #spec()} in the form that restores to this very rule. */
    public String restorableSpec() {
        String body = restorableBody != null ? restorableBody : spec;
        return jump == null ? body : body + (isGoto ? " -g " : " -j ") + jump.name();
    }

    public Counters counters() {
        return counters;
    }

    /** The name in the target column: the target's, the chain's, or "". */
    public String targetName() {
        if (jump != null) {
            return jump.name();
        }
        return target == null ? "" : target.name();
    }

    /** The name in {@code -L}'s target column: as {@link #targetName()}, but a target's kernel name. */
    public String listedTargetName() {
        if (jump != null) {
            return jump.name();
        }
        return target == null ? "" : target.kernelName();
    }

    /** A copy with fresh counters set to the given values. */
    public Rule withCounters(long packets, long bytes) {
        Rule copy = new Rule(uses, target, jump, isGoto, spec, restorableBody);
        copy.counters.set(packets, bytes);
        return copy;
    }

    /** Shorthand used by the evaluation loop. */
    public Target targetOrNull() {
        return target == null ? null : target.target();
    }
}
