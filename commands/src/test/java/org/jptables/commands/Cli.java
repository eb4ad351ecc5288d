package org.jptables.commands;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Map;

/** Runs jptables in-process against one state file, with the fake extensions of the test class path. */
public final class Cli {
    private final Map<String, String> env;

    public Cli(Path dir) {
        this.env = Map.of("JPTABLES_STATE", dir.resolve("state.rules").toString(),
                "JPTABLES_PLUGINS", dir.resolve("no-plugins").toString());
    }

    /** The result of one invocation. */
    public record Result(int status, String out, String err) {
    }

    public Result run(String line) {
        return run(line.split(" "));
    }

    public Result run(String... args) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(Arrays.asList(args), env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    /** Runs a command that must succeed and returns its output. */
    public String ok(String line) {
        Result r = run(line);
        if (r.status() != 0) {
            throw new AssertionError("`" + line + "' failed with " + r.status() + ": " + r.err());
        }
        return r.out();
    }
}
