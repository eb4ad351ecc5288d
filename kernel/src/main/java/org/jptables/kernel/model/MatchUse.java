package org.jptables.kernel.model;

import org.jptables.api.Match;
import org.jptables.api.MatchExtension;

/** A match as used in one rule, with the extension that made it (for its name and placement). */
public record MatchUse(MatchExtension extension, Match match) {
}
