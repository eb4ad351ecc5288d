package org.jptables.live.host;

import static org.jptables.live.testing.TestNamespaces.check;
import static org.jptables.live.testing.TestNamespaces.run;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jptables.api.Addresses;
import org.jptables.api.Sockets;
import org.jptables.live.testing.TestNamespaces;
import org.junit.jupiter.api.Test;

/**
 * The kernel's own socket lookups through sock_diag, in a namespace of the test's own holding
 * real sockets (made by a small Python program there): a listener on an address with a mark, a
 * transparent one on the wildcard address, an established connection, an unconnected UDP socket.
 */
class LiveSocketsTest {
    private static final int HOST = Addresses.parse("198.18.40.1");
    private static final int PEER = Addresses.parse("198.18.40.9");

    private static final String SOCKETS = """
            import socket, sys, time
            a = socket.socket(); a.setsockopt(socket.SOL_SOCKET, 36, 7)  # SO_MARK
            a.bind(('198.18.40.1', 8080)); a.listen()
            t = socket.socket(); t.setsockopt(socket.SOL_IP, 19, 1)      # IP_TRANSPARENT
            t.bind(('0.0.0.0', 8081)); t.listen()
            u = socket.socket(socket.AF_INET, socket.SOCK_DGRAM); u.bind(('0.0.0.0', 5353))
            c = socket.create_connection(('198.18.40.1', 8080)); s, _ = a.accept()
            print('ready', c.getsockname()[1], flush=True)
            time.sleep(30)
            """;

    @Test
    void theKernelFindsTheSocketsXtSocketWould() throws Exception {
        TestNamespaces.assumeAvailable();
        try (TestNamespaces namespaces = new TestNamespaces()) {
            String ns = namespaces.add("sockets");
            check(run("ip", "-n", ns, "link", "set", "lo", "up"));
            check(run("ip", "-n", ns, "addr", "add", "198.18.40.1/24", "dev", "lo"));
            Process program = new ProcessBuilder("ip", "netns", "exec", ns, "python3", "-c", SOCKETS)
                    .redirectErrorStream(true).start();
            try {
                String line = new BufferedReader(new InputStreamReader(program.getInputStream(),
                        StandardCharsets.UTF_8)).readLine();
                assertTrue(line != null && line.startsWith("ready "), "the sockets program: " + line);
                int clientPort = Integer.parseInt(line.substring(6).trim());
                inNamespace(ns, () -> {
                    try (LiveSockets sockets = LiveSockets.open()) {
                        int listener = sockets.find(6, PEER, 40000, HOST, 8080, Sockets.LOOKUP_ANY);
                        assertNotEquals(Sockets.NONE, listener, "the listener on 198.18.40.1:8080");
                        assertEquals(0, sockets.flags(listener), "bound to its address, not transparent");
                        assertEquals(7, sockets.mark(listener), "its SO_MARK");
                        assertEquals(Sockets.NONE, sockets.find(6, PEER, 40000, HOST, 8080, Sockets.LOOKUP_ESTABLISHED));
                        assertNotEquals(Sockets.NONE, sockets.find(6, PEER, 40000, HOST, 8080, Sockets.LOOKUP_LISTENER));

                        int transparent = sockets.find(6, PEER, 40000, HOST, 8081, Sockets.LOOKUP_ANY);
                        assertEquals(Sockets.TRANSPARENT | Sockets.BOUND_ANY, sockets.flags(transparent));
                        assertEquals(Sockets.NONE, sockets.find(6, PEER, 40000, HOST, 8082, Sockets.LOOKUP_ANY));

                        int established = sockets.find(6, HOST, clientPort, HOST, 8080, Sockets.LOOKUP_ESTABLISHED);
                        assertNotEquals(Sockets.NONE, established, "the accepted connection");
                        assertEquals(0, sockets.flags(established));
                        int client = sockets.find(6, HOST, 8080, HOST, clientPort, Sockets.LOOKUP_ANY);
                        assertNotEquals(Sockets.NONE, client, "the connecting side, by the server's packets");

                        int udp = sockets.find(17, PEER, 1000, HOST, 5353, Sockets.LOOKUP_ANY);
                        assertEquals(Sockets.BOUND_ANY, sockets.flags(udp));
                        assertEquals(Sockets.NONE, sockets.find(17, PEER, 1000, HOST, 5353, Sockets.LOOKUP_ESTABLISHED),
                                "an unconnected UDP socket is no established one");
                        assertEquals(Sockets.NONE, sockets.find(17, PEER, 1000, HOST, 5354, Sockets.LOOKUP_ANY));
                        assertEquals(Sockets.NONE, sockets.find(1, PEER, 0, HOST, 0, Sockets.LOOKUP_ANY));
                        assertEquals(0, sockets.failures(), "every question answered");
                    }
                });
            } finally {
                program.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        }
    }

    private static void inNamespace(String namespace, Runnable work) throws Exception {
        AtomicReference<Throwable> failure = new AtomicReference<>();
        Thread thread = Thread.ofPlatform().name("in-" + namespace).start(() -> {
            try {
                TestNamespaces.enter(namespace);
                work.run();
            } catch (Throwable t) {
                failure.set(t);
            }
        });
        thread.join(TimeUnit.SECONDS.toMillis(30));
        if (failure.get() instanceof Error e) {
            throw e;
        }
        if (failure.get() instanceof Exception e) {
            throw e;
        }
    }
}
