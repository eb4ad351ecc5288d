package org.jptables.plugins.rateest;

import java.util.HashMap;
import java.util.Map;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;

/**
 * The estimators of a ruleset by name, as xt_RATEEST keeps them per network namespace: the first
 * {@code -j RATEEST --rateest-name NAME} makes one, later ones with the same interval and time
 * constant share it, and {@code -m rateest} finds it by name. Kept in the rule context's shared
 * state, so every table of the ruleset sees the same estimators.
 *
 * <p>The kernel drops an estimator when its last rule goes; jptables keeps one while the ruleset
 * is loaded (a command reloads the ruleset from its saved rules, which then make exactly the
 * estimators of the rules that remain).
 */
final class Estimators {
    private static final String KEY = "rateest:estimators";
    private static final String INVALID = "Invalid argument. Run `dmesg' for more information.";
    private static final String NO_SUCH = "No chain/target/match by that name.";

    private final Map<String, Estimator> byName = new HashMap<>();

    private Estimators() {
    }

    /** The estimators of the rule's ruleset. */
    static Estimators of(RuleContext rule) {
        return rule.shared(KEY, Estimators::new);
    }

    /**
     * xt_rateest_tg_checkentry: the estimator named {@code name}, made now if there is none; the
     * kernel's EINVAL when one exists with another interval or time constant.
     */
    synchronized Estimator make(String name, EstimatorParameters parameters) throws RuleException {
        Estimator existing = byName.get(name);
        if (existing == null) {
            Estimator made = new Estimator();
            made.configure(parameters);
            byName.put(name, made);
            return made;
        }
        if (existing.parameters() == null) {
            // named by a saved rateest rule read before this one
            existing.configure(parameters);
            return existing;
        }
        if (!existing.parameters().equals(parameters)) {
            throw RuleException.refusedByKernel(INVALID);
        }
        return existing;
    }

    /**
     * xt_rateest_lookup: the estimator named {@code name}, or the kernel's ENOENT. For a rule read
     * back from the saved ruleset ({@code savedRule}) the RATEEST rule may come later, or sit in a
     * table not loaded: the estimator is then made without parameters, for that rule to set; until
     * then it reads 0.
     */
    synchronized Estimator find(String name, boolean savedRule) throws RuleException {
        Estimator found = byName.get(name);
        if (found == null) {
            if (!savedRule) {
                throw RuleException.refusedByKernel(NO_SUCH);
            }
            found = new Estimator();
            byName.put(name, found);
        }
        return found;
    }
}
