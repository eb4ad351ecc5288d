package org.jptables.plugins.comment;

import java.util.List;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;

/** {@code -m comment --comment TEXT}: a text kept with the rule, matching every packet. */
@org.pf4j.Extension
public final class CommentExtension implements MatchExtension {
    static final String HELP = "comment match options:\n"
            + "--comment COMMENT             Attach a comment to a rule\n";

    private static final List<Option> OPTIONS = List.of(Option.withArgument("--comment").mandatory());

    @Override
    public String name() {
        return "comment";
    }

    @Override
    public List<Option> options() {
        return OPTIONS;
    }

    @Override
    public String help() {
        return HELP;
    }

    @Override
    public MatchBuilder newBuilder(RuleContext rule) {
        return new CommentBuilder();
    }
}
