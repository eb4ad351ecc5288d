package org.jptables.live.control;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jptables.commands.Main;
import org.jptables.commands.Settings;
import org.jptables.commands.control.ControlProtocol;
import org.jptables.commands.control.ControlRequest;
import org.jptables.commands.control.ControlResponse;
import org.jptables.kernel.model.Ruleset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A client's command run on the live ruleset: the live ruleset (with its counters) is written to the
 * daemon's state file, the very command code runs on that file in this process, and a ruleset the
 * command changed is loaded back and its changed tables put live whole, with what the packet threads
 * counted meanwhile (the tables it left alone stay live as they are).
 * So a command prints exactly what it prints without a daemon, and a table changes atomically, as
 * iptables swaps a table. A command that fails changes nothing live. The caller runs one at a time.
 */
final class CommandRunner {
    private static final Logger LOG = LoggerFactory.getLogger(CommandRunner.class);

    private final Settings settings;
    private final Map<String, String> daemonEnv;
    private final LiveRuleset live;

    /**
     * @param settings  the daemon's: its state file, plugins and initial ruleset
     * @param daemonEnv the daemon's environment ({@code JPTABLES_HOME}: its conf/jptables.yaml)
     */
    CommandRunner(Settings settings, Map<String, String> daemonEnv, LiveRuleset live) {
        this.settings = settings;
        this.daemonEnv = Map.copyOf(daemonEnv);
        this.live = live;
    }

    ControlResponse run(ControlRequest request) {
        // the daemon serves its own state: a client's --state, --plugins, --control or --offline means nothing here
        List<String> args = request.args().subList(Settings.ownOptions(request.args()), request.args().size());
        if (!Main.actsOnRuleset(args)) {
            return ControlResponse.failure(2, "jptables: the daemon runs the iptables command line, save and restore,"
                    + " not \"" + args.get(0) + "\"");
        }
        Snapshot snapshot = live.exclusive(() -> {
            Ruleset current = live.current();
            return new Snapshot(current, StateFile.copy(current));
        });
        byte[] before;
        try {
            StateFile.store(settings, snapshot.copy());
            before = Files.readAllBytes(settings.state());
        } catch (IOException e) {
            return ControlResponse.failure(ControlResponse.DAEMON_PROBLEM,
                    "jptables: daemon: cannot write the state file: " + e.getMessage());
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        PrintStream outStream = new PrintStream(out, true, charset(request.outCharset()));
        PrintStream errStream = new PrintStream(err, true, charset(request.errCharset()));
        int status = Main.run(args, environment(request), outStream, errStream, new ByteArrayInputStream(request.stdin()));
        outStream.flush();
        errStream.flush();
        try {
            if (!Arrays.equals(before, contents())) {
                if (status == 0) {
                    putLive(snapshot);
                } else {
                    // what a failed command left in the file (a table it brought into being) is not live
                    StateFile.store(settings, snapshot.copy());
                }
            }
        } catch (IOException e) {
            LOG.error("the ruleset of `{}' could not be put live: {}", String.join(" ", args), e.getMessage());
            errStream.print("jptables: daemon: the command's ruleset could not be put live: " + e.getMessage() + "\n");
            errStream.flush();
            status = ControlResponse.DAEMON_PROBLEM;
        }
        return new ControlResponse(status, out.toByteArray(), err.toByteArray());
    }

    /** Loads what the command left in the state file and makes it live, carrying the counts since the snapshot. */
    private void putLive(Snapshot snapshot) throws IOException {
        ByteArrayOutputStream warnings = new ByteArrayOutputStream();
        Ruleset next;
        try {
            next = StateFile.load(settings, new PrintStream(warnings, true, StandardCharsets.UTF_8));
        } catch (IOException e) {
            StateFile.store(settings, snapshot.copy());
            throw e;
        }
        if (warnings.size() > 0) {
            LOG.warn("{}", warnings.toString(StandardCharsets.UTF_8).strip());
        }
        // carried into every table of next; those the command left alone are then the live ones themselves
        Runnable carry = CounterCarry.between(snapshot.live(), snapshot.copy()).into(next);
        Ruleset merged = UnchangedTables.keep(snapshot.live(), snapshot.copy(), next);
        live.exclusive(() -> {
            carry.run();
            live.replace(merged);
            return null;
        });
    }

    private byte[] contents() throws IOException {
        try {
            return Files.readAllBytes(settings.state());
        } catch (NoSuchFileException e) {
            return null;
        }
    }

    /**
     * The daemon's environment with the client's variables over it, but the daemon's state and plugins,
     * and never forwarded again.
     */
    private Map<String, String> environment(ControlRequest request) {
        Map<String, String> env = new HashMap<>(daemonEnv);
        env.putAll(ControlProtocol.forwardedEnvironment(request.env()));
        env.put("JPTABLES_STATE", settings.state().toString());
        env.put("JPTABLES_PLUGINS", settings.plugins().toString());
        env.put("JPTABLES_OFFLINE", "1");
        return env;
    }

    private static Charset charset(String name) {
        try {
            return Charset.forName(name);
        } catch (IllegalArgumentException e) {
            return StandardCharsets.UTF_8;
        }
    }

    /** The live ruleset at the snapshot and its copy, as written to the state file. */
    private record Snapshot(Ruleset live, Ruleset copy) {
    }
}
