package org.jptables.live.hooks;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * Runs the host's nft and iptables tools, optionally behind a command prefix: nothing for the
 * daemon, {@code ip netns exec NS} to work inside a network namespace (tests, or a daemon guarding
 * a namespace). A prefix, not setns(2) on a JVM thread: the namespace then belongs to the tool's
 * own process whichever JVM thread starts it, and {@code ip netns exec} also sets up /sys for it.
 */
public final class ToolRunner {
    /** Where the tools live when PATH (a service's is short) does not have them. */
    private static final List<Path> SYSTEM_DIRECTORIES = List.of(Path.of("/usr/sbin"), Path.of("/sbin"),
            Path.of("/usr/bin"), Path.of("/bin"));

    private final List<String> prefix;
    private final Duration timeout;

    private ToolRunner(List<String> prefix, Duration timeout) {
        this.prefix = List.copyOf(prefix);
        this.timeout = timeout;
    }

    /** Runs tools as they are, in this process's namespaces. */
    public static ToolRunner direct() {
        return new ToolRunner(List.of(), Duration.ofSeconds(30));
    }

    /** Runs tools inside the named network namespace (one of /var/run/netns). */
    public static ToolRunner inNamespace(String namespace) {
        String ip = direct().find("ip").map(Path::toString)
                .orElseThrow(() -> new HookException("ip netns exec " + namespace + ": no ip (iproute2) on PATH or in "
                        + SYSTEM_DIRECTORIES));
        return new ToolRunner(List.of(ip, "netns", "exec", namespace), Duration.ofSeconds(30));
    }

    /** The prefix put before every tool's command line (empty for {@link #direct()}). */
    public List<String> prefix() {
        return prefix;
    }

    /** The executable named {@code name} on PATH, else in /usr/sbin, /sbin, /usr/bin or /bin. */
    public Optional<Path> find(String name) {
        Set<Path> directories = new LinkedHashSet<>();
        String path = System.getenv("PATH");
        if (path != null) {
            for (String d : path.split(":")) {
                if (!d.isEmpty()) {
                    directories.add(Path.of(d));
                }
            }
        }
        directories.addAll(SYSTEM_DIRECTORIES);
        for (Path d : directories) {
            Path candidate = d.resolve(name);
            if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }

    /**
     * Runs {@code tool} with {@code arguments}, feeding it {@code input} (may be empty) on stdin, and
     * waits for its end (at most 30 seconds). Fails only when it cannot be run at all; its exit
     * status is the caller's to judge.
     */
    public ToolResult run(Path tool, List<String> arguments, String input) {
        List<String> command = new ArrayList<>(prefix);
        command.add(tool.toString());
        command.addAll(arguments);
        ProcessBuilder builder = new ProcessBuilder(command);
        // the tools' messages in English whatever the host's locale, as logs and tests expect
        builder.environment().put("LC_ALL", "C");
        Process process;
        try {
            process = builder.start();
        } catch (IOException e) {
            throw new HookException(String.join(" ", command) + ": cannot run: " + e.getMessage(), e);
        }
        // both pipes drained at once: a tool blocked on a full stderr pipe would never end
        CompletableFuture<String> out = drain(process.getInputStream());
        CompletableFuture<String> err = drain(process.getErrorStream());
        try (OutputStream stdin = process.getOutputStream()) {
            stdin.write(input.getBytes(StandardCharsets.UTF_8));
        } catch (IOException e) {
            // the tool ended before reading all of it; its exit status and stderr tell why
        }
        try {
            if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                process.destroyForcibly();
                throw new HookException(String.join(" ", command) + ": no end after " + timeout.toSeconds() + " s");
            }
            return new ToolResult(command, process.exitValue(), out.get(), err.get());
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
            throw new HookException(String.join(" ", command) + ": interrupted", e);
        } catch (ExecutionException e) {
            throw new HookException(String.join(" ", command) + ": reading its output: " + e.getCause().getMessage(), e);
        }
    }

    private static CompletableFuture<String> drain(InputStream stream) {
        CompletableFuture<String> text = new CompletableFuture<>();
        Thread.ofVirtual().start(() -> {
            try (stream) {
                text.complete(new String(stream.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                text.completeExceptionally(e);
            }
        });
        return text;
    }

    @Override
    public String toString() {
        return prefix.isEmpty() ? "tools in this namespace" : "tools behind '" + String.join(" ", prefix) + "'";
    }
}
