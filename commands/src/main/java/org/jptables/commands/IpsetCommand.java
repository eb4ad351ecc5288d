package org.jptables.commands;

import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.jptables.commands.state.StateStore;
import org.jptables.ipset.IpsetTool;
import org.jptables.kernel.extension.DuplicateExtensionException;

/**
 * {@code jptables ipset ...} (bin/jptables-ipset): ipset 7.17 on the sets kept in the state file.
 * The whole ruleset is loaded first, as the kernel's rules hold their sets: every rule that names a
 * set counts as a reference, which {@code ipset list} shows and which keeps the set from being
 * destroyed. Only the sets are written back, and only when a command changed them.
 */
final class IpsetCommand {
    private static final String PROGRAM = "jptables-ipset";
    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;
    private final InputStream in;

    IpsetCommand(Map<String, String> env, PrintStream out, PrintStream err, InputStream in) {
        this.env = env;
        this.out = out;
        this.err = err;
        this.in = in;
    }

    int run(List<String> args) {
        try {
            Settings settings = Settings.from(args, env);
            Session session = new Session(settings, err);
            try (StateStore store = StateStore.open(settings.state(), settings.initial())) {
                store.load(session.parser(true), session.names);
                IpsetTool tool = new IpsetTool(session.sets, session.names, in, out, err, Path.of(""));
                int status = tool.run(settings.args());
                if (tool.changed()) {
                    store.storeSets();
                }
                return status;
            }
        } catch (Settings.UsageError | IOException | DuplicateExtensionException e) {
            err.print(PROGRAM + ": " + e.getMessage() + "\n");
            return 1;
        }
    }
}
