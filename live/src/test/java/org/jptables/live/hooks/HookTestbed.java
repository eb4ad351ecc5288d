package org.jptables.live.hooks;

import static org.jptables.live.testing.TestNamespaces.check;
import static org.jptables.live.testing.TestNamespaces.run;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jptables.live.testing.TestNamespaces;
import org.junit.jupiter.api.Assumptions;

/**
 * Two namespaces of a test's own joined by a veth pair: "client" (c0, 198.18.7.1) and "server"
 * (s0, 198.18.7.2). Hooks go into the server; pings tell whether its kernel lets packets through.
 */
final class HookTestbed implements AutoCloseable {
    static final String CLIENT_ADDRESS = "198.18.7.1";
    static final String SERVER_ADDRESS = "198.18.7.2";

    private final TestNamespaces namespaces = new TestNamespaces();
    final String client;
    final String server;

    HookTestbed() {
        TestNamespaces.assumeAvailable();
        try {
            client = namespaces.add("client");
            server = namespaces.add("server");
            check(run("ip", "-n", client, "link", "add", "c0", "type", "veth", "peer", "name", "s0", "netns", server));
            check(run("ip", "-n", client, "addr", "add", CLIENT_ADDRESS + "/24", "dev", "c0"));
            check(run("ip", "-n", server, "addr", "add", SERVER_ADDRESS + "/24", "dev", "s0"));
            check(run("ip", "-n", client, "link", "set", "c0", "up"));
            check(run("ip", "-n", server, "link", "set", "s0", "up"));
        } catch (RuntimeException e) {
            namespaces.close();
            throw e;
        }
    }

    /** Skips the test unless the host has {@code tool} (in /usr/sbin, /sbin or on PATH). */
    static Path assumeTool(String tool) {
        Path found = ToolRunner.direct().find(tool).orElse(null);
        Assumptions.assumeTrue(found != null && Files.isExecutable(found), "no " + tool + " on this host: skipped");
        return found;
    }

    ToolRunner serverTools() {
        return ToolRunner.inNamespace(server);
    }

    /** Runs {@code command} in the server namespace and returns its stdout; fails if it fails. */
    String onServer(String... command) {
        return check(TestNamespaces.exec(server, command)).stdout();
    }

    /** Whether one ping from {@code namespace} to {@code address} is answered within a second. */
    static boolean ping(String namespace, String address, String... options) {
        List<String> command = new ArrayList<>(List.of("ping", "-n", "-q", "-c", "1", "-W", "1"));
        command.addAll(List.of(options));
        command.add(address);
        return TestNamespaces.exec(namespace, command.toArray(String[]::new)).exitCode() == 0;
    }

    boolean clientReachesServer() {
        return ping(client, SERVER_ADDRESS);
    }

    @Override
    public void close() {
        namespaces.close();
    }
}
