package org.jptables.plugins.secmark;

import java.util.List;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;
import org.jptables.api.Target;
import org.jptables.api.TargetBuilder;

/**
 * libxt_CONNSECMARK's options (--save and --restore exclude each other; one is required), then
 * xt_CONNSECMARK's checkentry: only the mangle and security tables.
 */
final class ConnsecmarkBuilder implements TargetBuilder {
    private final RuleContext rule;
    private boolean save;
    private boolean restore;

    ConnsecmarkBuilder(RuleContext rule) {
        this.rule = rule;
    }

    @Override
    public void option(String option, List<String> args, boolean inverted) {
        if (option.equals("--save")) {
            save = true;
        } else {
            restore = true;
        }
    }

    @Override
    public Target build() throws RuleException {
        if (save && restore) {
            throw new RuleException("CONNSECMARK: option \"--save\" cannot be used together with \"--restore\".\n");
        }
        if (!save && !restore) {
            throw new RuleException("CONNSECMARK target: parameter required");
        }
        if (!SecurityTables.allows(rule.table())) {
            throw RuleException.refusedByKernel("Invalid argument. Run `dmesg' for more information.");
        }
        return new ConnsecmarkTarget(save);
    }
}
