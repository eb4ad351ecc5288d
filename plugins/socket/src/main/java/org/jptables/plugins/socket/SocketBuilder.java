package org.jptables.plugins.socket;

import java.util.List;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;

/** Collects socket's three flags; libxt_socket has nothing else to check. */
final class SocketBuilder implements MatchBuilder {
    private int flags;

    @Override
    public void option(String option, List<String> args, boolean inverted) {
        flags |= switch (option) {
            case "--transparent" -> SocketMatch.TRANSPARENT;
            case "--nowildcard" -> SocketMatch.NOWILDCARD;
            default -> SocketMatch.RESTORE_SKMARK;
        };
    }

    @Override
    public Match build() {
        return new SocketMatch(flags);
    }
}
