package org.jptables.plugins.comment;

import java.util.List;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;

/** Reads {@code --comment TEXT}; the kernel already refuses a rule without it. */
final class CommentBuilder implements MatchBuilder {
    private String text = "";

    @Override
    public void option(String option, List<String> args, boolean inverted) {
        text = CommentMatch.truncate(args.get(0));
    }

    @Override
    public Match build() {
        return new CommentMatch(text);
    }
}
