package org.jptables.language;

import java.util.HashSet;
import java.util.Set;
import org.jptables.api.Extension;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.Option;
import org.jptables.api.Target;
import org.jptables.api.TargetBuilder;

/** One extension named in a rule being parsed, with its builder and the options already given. */
final class ExtensionUse {
    final Extension extension;
    final MatchBuilder matchBuilder;
    final TargetBuilder targetBuilder;
    final Set<String> seen = new HashSet<>();
    /** What the builder made, once the line is complete. */
    java.util.List<Match> builtMatches;
    Target builtTarget;

    ExtensionUse(Extension extension, MatchBuilder matchBuilder, TargetBuilder targetBuilder) {
        this.extension = extension;
        this.matchBuilder = matchBuilder;
        this.targetBuilder = targetBuilder;
    }

    /** The declared option that {@code word} spells, or null. */
    Option option(String word) {
        for (Option o : extension.options()) {
            if (o.isSpelled(word)) {
                return o;
            }
        }
        return null;
    }
}
