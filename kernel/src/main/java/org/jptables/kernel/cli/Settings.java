package org.jptables.kernel.cli;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Where the state file and the plugins are: {@code --state FILE} / {@code JPTABLES_STATE} and
 * {@code --plugins DIR} / {@code JPTABLES_PLUGINS}, else under the distribution's home
 * ({@code JPTABLES_HOME}, set by the start scripts): {@code var/jptables.rules} and {@code plugins/}.
 */
public record Settings(Path state, Path plugins, List<String> args) {

    /** Takes jptables' own options from the start of {@code args}. */
    public static Settings from(List<String> args, Map<String, String> env) throws UsageError {
        Path home = Path.of(env.getOrDefault("JPTABLES_HOME", "."));
        String state = env.get("JPTABLES_STATE");
        String plugins = env.get("JPTABLES_PLUGINS");
        List<String> rest = new ArrayList<>();
        // jptables' own options lead the line: after them everything is iptables' (where -m state
        // has a --state of its own)
        int i = 0;
        for (; i < args.size(); i++) {
            String a = args.get(i);
            if (a.equals("--state") || a.equals("--plugins")) {
                if (i + 1 >= args.size()) {
                    throw new UsageError("option \"" + a + "\" requires an argument");
                }
                if (a.equals("--state")) {
                    state = args.get(++i);
                } else {
                    plugins = args.get(++i);
                }
            } else if (a.startsWith("--state=")) {
                state = a.substring("--state=".length());
            } else if (a.startsWith("--plugins=")) {
                plugins = a.substring("--plugins=".length());
            } else {
                break;
            }
        }
        rest.addAll(args.subList(i, args.size()));
        Path statePath = state != null ? Path.of(state) : home.resolve("var").resolve("jptables.rules");
        Path pluginsPath = plugins != null ? Path.of(plugins) : home.resolve("plugins");
        return new Settings(statePath, pluginsPath, rest);
    }

    /** A jptables option used wrongly. */
    public static final class UsageError extends Exception {
        private static final long serialVersionUID = 1L;

        public UsageError(String message) {
            super(message);
        }
    }
}
