package org.jptables.commands.control;

import java.util.List;
import java.util.Map;

/**
 * One request to the live daemon.
 *
 * @param kind       what is asked
 * @param args       the command's words as {@code Main} takes them ({@code save -c}, {@code -L -n}), for {@link
 *                   ControlKind#COMMAND}; empty otherwise
 * @param env        the client's {@code JPTABLES_*} variables that change what a command does (never the paths of
 *                   its state, plugins or control socket: the daemon serves its own)
 * @param stdin      what the command reads as its standard input (restore's ruleset), empty when it reads none
 * @param outCharset the charset of the client's standard output, which the command's text is encoded in
 * @param errCharset the same for its standard error
 */
public record ControlRequest(ControlKind kind, List<String> args, Map<String, String> env, byte[] stdin,
                             String outCharset, String errCharset) {
    public ControlRequest {
        args = List.copyOf(args);
        env = Map.copyOf(env);
    }
}
