package org.jptables.commands;

import java.io.IOException;
import java.io.PrintStream;
import java.util.List;
import java.util.Map;
import org.jptables.kernel.nfacct.NfacctTool;
import org.jptables.commands.state.StateStore;
import org.jptables.kernel.extension.DuplicateExtensionException;

/**
 * {@code jptables nfacct ...} (bin/jptables-nfacct): nfacct 1.0.2 on the accounting objects kept
 * in the state file. The whole ruleset is loaded first, as the kernel's rules hold their objects:
 * an object a rule names cannot be deleted. Only the objects are written back, and only when a
 * command changed them (a reset changes the counters).
 */
final class NfacctCommand {
    private static final String PROGRAM = "jptables-nfacct";
    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    NfacctCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) {
        try {
            Settings settings = Settings.from(args, env);
            Session session = new Session(settings, err);
            try (StateStore store = StateStore.open(settings.state(), settings.initial())) {
                store.load(session.parser(true), session.names);
                NfacctTool tool = new NfacctTool(session.nfacct, out, err, () -> System.currentTimeMillis() / 1000);
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
