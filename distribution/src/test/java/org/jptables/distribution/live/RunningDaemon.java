package org.jptables.distribution.live;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** {@code bin/jptables daemon} started in a namespace, its log kept in a file of the test's. */
final class RunningDaemon {
    private final Process process;
    private final Path log;
    private final long logStart;

    private RunningDaemon(Process process, Path log, long logStart) {
        this.process = process;
        this.log = log;
        this.logStart = logStart;
    }

    /** Starts the daemon in {@code namespace} and waits (up to 60 s) for it to say it is ready. */
    static RunningDaemon start(Path home, String namespace, Map<String, String> env, Path log, String... options)
            throws IOException, InterruptedException {
        List<String> command = new ArrayList<>(List.of("ip", "netns", "exec", namespace,
                home.resolve("bin/jptables").toString(), "daemon"));
        command.addAll(List.of(options));
        ProcessBuilder pb = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        pb.environment().putAll(env);
        long start = Files.exists(log) ? Files.size(log) : 0;
        RunningDaemon daemon = new RunningDaemon(pb.start(), log, start);
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!daemon.log().contains("ready:")) {
            if (!daemon.process.isAlive()) {
                throw new IllegalStateException("the daemon stopped: " + daemon.log());
            }
            if (System.nanoTime() > deadline) {
                daemon.process.destroyForcibly();
                throw new IllegalStateException("the daemon did not get ready in 60 s: " + daemon.log());
            }
            Thread.sleep(100);
        }
        return daemon;
    }

    /** What this daemon wrote so far. */
    String log() throws IOException {
        byte[] all = Files.readAllBytes(log);
        return new String(all, (int) logStart, all.length - (int) logStart, StandardCharsets.UTF_8);
    }

    /** Waits up to 10 s for {@code text} to show in the log. */
    boolean awaitLog(String text) throws IOException, InterruptedException {
        for (int i = 0; i < 100; i++) {
            if (log().contains(text)) {
                return true;
            }
            Thread.sleep(100);
        }
        return false;
    }

    /**
     * SIGTERM, and the exit status once it stopped (at most 30 s): 143, the JVM's for a stop by
     * SIGTERM once its shutdown completed (what service managers take as a clean stop).
     */
    int stop() throws InterruptedException {
        process.destroy();
        if (!process.waitFor(30, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("the daemon did not stop within 30 s of SIGTERM");
        }
        return process.exitValue();
    }

    /** SIGKILL: the daemon gets no chance to remove anything. */
    void kill() throws InterruptedException {
        process.destroyForcibly();
        process.waitFor(10, TimeUnit.SECONDS);
    }

    boolean alive() {
        return process.isAlive();
    }
}
