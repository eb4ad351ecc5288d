package org.jptables.distribution.live;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.jptables.live.testing.TestNamespaces;

/**
 * A host of the test's topology seen from the test's JVM: a thread of its own moved into the
 * namespace, where every socket is made (a socket belongs to the namespace it was made in,
 * whichever thread uses it later).
 */
final class Namespace implements AutoCloseable {
    final String name;
    private final ExecutorService thread;

    Namespace(String name) {
        this.name = name;
        this.thread = Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "in-" + name);
            t.setDaemon(true);
            return t;
        });
        call(() -> {
            TestNamespaces.enter(name);
            return null;
        });
    }

    <T> T call(Callable<T> action) {
        try {
            return thread.submit(action).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException | TimeoutException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A TCP connection made from this namespace, or the exception connect threw. */
    Socket connect(String address, int port, int timeoutMillis) throws IOException {
        AtomicReference<IOException> failure = new AtomicReference<>();
        Socket socket = call(() -> {
            Socket s = new Socket();
            try {
                s.connect(new InetSocketAddress(address, port), timeoutMillis);
                return s;
            } catch (IOException e) {
                s.close();
                failure.set(e);
                return null;
            }
        });
        if (socket == null) {
            throw failure.get();
        }
        socket.setSoTimeout(3000);
        return socket;
    }

    /** Sends a line and returns the echo, or null when none came in time. */
    static String exchange(Socket socket, String line) throws IOException {
        OutputStream out = socket.getOutputStream();
        out.write((line + "\n").getBytes(StandardCharsets.US_ASCII));
        out.flush();
        InputStream in = socket.getInputStream();
        StringBuilder answer = new StringBuilder();
        try {
            int c;
            while ((c = in.read()) >= 0 && c != '\n') {
                answer.append((char) c);
            }
        } catch (SocketTimeoutException e) {
            return null;
        }
        return answer.toString();
    }

    /**
     * An echo server on {@code port} of this namespace: each line comes back prefixed with the
     * client's address as the server saw it.
     */
    ServerSocket echo(int port) {
        ServerSocket server = call(() -> {
            ServerSocket s = new ServerSocket();
            s.setReuseAddress(true);
            s.bind(new InetSocketAddress(port));
            return s;
        });
        Thread.ofVirtual().start(() -> {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Thread.ofVirtual().start(() -> serve(client));
                } catch (IOException e) {
                    return;
                }
            }
        });
        return server;
    }

    private static void serve(Socket client) {
        try (client) {
            InputStream in = client.getInputStream();
            OutputStream out = client.getOutputStream();
            String peer = client.getInetAddress().getHostAddress();
            StringBuilder line = new StringBuilder();
            int c;
            while ((c = in.read()) >= 0) {
                if (c == '\n') {
                    out.write((peer + " " + line + "\n").getBytes(StandardCharsets.US_ASCII));
                    out.flush();
                    line.setLength(0);
                } else {
                    line.append((char) c);
                }
            }
        } catch (IOException e) {
            // the client went away
        }
    }

    @Override
    public void close() {
        thread.shutdownNow();
    }
}
