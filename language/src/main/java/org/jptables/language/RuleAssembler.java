package org.jptables.language;

import java.util.ArrayList;
import java.util.List;
import org.jptables.api.Match;
import org.jptables.api.MatchExtension;
import org.jptables.api.Names;
import org.jptables.api.TargetExtension;
import org.jptables.kernel.model.Chain;
import org.jptables.kernel.model.MatchUse;
import org.jptables.kernel.model.Rule;
import org.jptables.kernel.model.Table;
import org.jptables.kernel.model.TargetUse;
import org.jptables.language.listing.RuleText;

/**
 * Turns a parsed rule into the rules it stands for (one per address combination), resolving
 * {@code -j NAME} to a user chain of the table or to a target extension as iptables does.
 */
public final class RuleAssembler {
    private RuleAssembler() {
    }

    public static List<Rule> assemble(ParsedCommand cmd, Table table, Names names) throws ParameterException {
        Chain jump = null;
        TargetUse target = null;
        String jumpName = cmd.jumpName;
        if (jumpName != null) {
            Chain chain = table.chain(jumpName);
            if (cmd.isGoto) {
                if (chain == null) {
                    throw new ParameterException("goto '" + jumpName + "' is not a chain");
                }
                jump = chain;
            } else if (chain != null && !chain.isBuiltin()) {
                jump = chain;
            } else if (cmd.target != null && cmd.target.builtTarget != null) {
                target = new TargetUse((TargetExtension) cmd.target.extension, cmd.target.builtTarget);
            } else if (cmd.target != null) {
                // the kernel refused the target's options: reported when the rule reaches the table
                return List.of();
            } else {
                throw new ParameterException("Couldn't load target `" + jumpName + "':No such file or directory\n");
            }
        }
        List<List<MatchUse>> combinations = new ArrayList<>();
        combinations.add(new ArrayList<>());
        for (ExtensionUse use : cmd.matches) {
            List<Match> variants = use.builtMatches;
            if (variants == null) {
                return List.of();
            }
            List<List<MatchUse>> next = new ArrayList<>();
            for (List<MatchUse> prefix : combinations) {
                for (Match m : variants) {
                    List<MatchUse> list = new ArrayList<>(prefix);
                    list.add(new MatchUse((MatchExtension) use.extension, m));
                    next.add(list);
                }
            }
            combinations = next;
        }
        List<Rule> rules = new ArrayList<>();
        for (List<MatchUse> uses : combinations) {
            String spec = RuleText.spec(uses, target, null, cmd.isGoto, names);
            Rule rule = new Rule(uses, target, jump, cmd.isGoto, spec,
                    RuleText.spec(uses, target, null, cmd.isGoto, names, true));
            if (cmd.counters != null) {
                rule.counters().set(cmd.counters[0], cmd.counters[1]);
            }
            rules.add(rule);
        }
        return rules;
    }
}
