package org.jptables.fleet;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A real standalone Flink cluster on this machine: a JobManager and task managers, each a JVM of
 * its own started from Flink's own entry points, every server bound to 127.0.0.1 on free ports; its
 * {@code config.yaml} in {@link #configDir()}, as Flink's {@code conf/}. Closing it stops the
 * processes it started. (Shared with the distribution's tests through this module's test jar.)
 */
public final class StandaloneCluster implements AutoCloseable {
    private final List<Process> processes = new ArrayList<>();
    private final int restPort;
    private final Path dir;
    private final String classPath;

    /**
     * The cluster's JVMs on this test's class path: the task managers find jptables' classes and
     * the plugins there, as a cluster finds them in the job jar.
     */
    StandaloneCluster(Path dir, int taskManagers) throws Exception {
        this(dir, taskManagers, System.getProperty("java.class.path"));
    }

    /** The cluster's JVMs on {@code classPath}: Flink's jars alone, for jobs that bring their own jar. */
    public StandaloneCluster(Path dir, int taskManagers, String classPath) throws Exception {
        this.dir = Files.createDirectories(dir).toAbsolutePath();
        this.classPath = classPath;
        this.restPort = freePort();
        Files.writeString(dir.resolve("config.yaml"), String.join("\n",
                "jobmanager.rpc.address: 127.0.0.1",
                "jobmanager.rpc.port: " + freePort(),
                "jobmanager.bind-host: 127.0.0.1",
                "rest.address: 127.0.0.1",
                "rest.bind-address: 127.0.0.1",
                "rest.port: " + restPort,
                "taskmanager.bind-host: 127.0.0.1",
                "taskmanager.host: 127.0.0.1",
                "taskmanager.rpc.port: 0",
                "taskmanager.numberOfTaskSlots: 1",
                "jobmanager.memory.process.size: 768m",
                // what Flink's scripts work out and pass to TaskManagerRunner; started directly, it is told
                "taskmanager.cpu.cores: 1",
                "taskmanager.memory.task.heap.size: 128m",
                "taskmanager.memory.task.off-heap.size: 0m",
                "taskmanager.memory.network.min: 64m",
                "taskmanager.memory.network.max: 64m",
                "taskmanager.memory.managed.size: 64m",
                "taskmanager.memory.framework.heap.size: 128m",
                "taskmanager.memory.framework.off-heap.size: 128m",
                "taskmanager.memory.jvm-metaspace.size: 256m",
                "taskmanager.memory.jvm-overhead.min: 192m",
                "taskmanager.memory.jvm-overhead.max: 192m",
                "blob.server.port: 0",
                ""));
        try {
            start("jobmanager", "org.apache.flink.runtime.entrypoint.StandaloneSessionClusterEntrypoint");
            for (int i = 0; i < taskManagers; i++) {
                start("taskmanager-" + i, "org.apache.flink.runtime.taskexecutor.TaskManagerRunner");
            }
            awaitTaskManagers(taskManagers);
        } catch (Exception | Error e) {
            close(); // a cluster that did not come up leaves no process behind
            throw e;
        }
    }

    public int restPort() {
        return restPort;
    }

    /** The folder of config.yaml (and the processes' logs): FLINK_CONF_DIR for Flink's client. */
    public Path configDir() {
        return dir;
    }

    private void start(String name, String mainClass) throws IOException {
        Path java = Path.of(System.getProperty("java.home"), "bin", "java");
        ProcessBuilder pb = new ProcessBuilder(java.toString(), "-Xmx400m", "-XX:+UseSerialGC",
                "--sun-misc-unsafe-memory-access=allow", "--enable-native-access=ALL-UNNAMED",
                "-Dorg.slf4j.simpleLogger.defaultLogLevel=warn",
                "-cp", classPath, mainClass, "--configDir", dir.toString())
                .redirectErrorStream(true).redirectOutput(dir.resolve(name + ".log").toFile());
        processes.add(pb.start());
    }

    /** Waits (two minutes at most) until the JobManager's REST API counts the task managers registered. */
    private void awaitTaskManagers(int count) throws Exception {
        HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
        Pattern registered = Pattern.compile("\"taskmanagers\"\\s*:\\s*(\\d+)");
        long deadline = System.nanoTime() + Duration.ofMinutes(2).toNanos();
        String last = "no answer";
        while (System.nanoTime() < deadline) {
            for (Process p : processes) {
                if (!p.isAlive()) {
                    throw new IllegalStateException("a cluster process ended (status " + p.exitValue() + "): see " + dir);
                }
            }
            try {
                HttpResponse<String> r = http.send(HttpRequest.newBuilder(
                        URI.create("http://127.0.0.1:" + restPort + "/overview")).build(), HttpResponse.BodyHandlers.ofString());
                last = r.body();
                Matcher m = registered.matcher(last);
                if (m.find() && Integer.parseInt(m.group(1)) >= count) {
                    return;
                }
            } catch (IOException e) {
                last = e.toString();
            }
            Thread.sleep(250);
        }
        throw new IllegalStateException("the cluster did not come up: " + last + "; see " + dir);
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            return s.getLocalPort();
        }
    }

    @Override
    public void close() throws InterruptedException {
        for (Process p : processes) {
            p.destroy();
        }
        for (Process p : processes) {
            if (!p.waitFor(10, java.util.concurrent.TimeUnit.SECONDS)) {
                p.destroyForcibly();
            }
        }
    }
}
