package org.jptables.live.metrics;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.Executors;
import java.util.function.Consumer;

/**
 * The daemon's metrics for Prometheus on {@code /metrics}, off unless asked for. It listens on the
 * address given (127.0.0.1 by default: the counters say much about the host's traffic), and serves
 * one scrape at a time on a thread of its own, away from the packets.
 */
public final class MetricsServer implements AutoCloseable {
    private final HttpServer server;

    private MetricsServer(HttpServer server) {
        this.server = server;
    }

    /** Serves what {@code source} writes at every scrape. */
    public static MetricsServer start(InetSocketAddress address, Consumer<PrometheusText> source) throws IOException {
        HttpServer server = HttpServer.create(address, 8);
        server.createContext("/metrics", exchange -> {
            try (exchange) {
                if (!"GET".equals(exchange.getRequestMethod()) && !"HEAD".equals(exchange.getRequestMethod())) {
                    exchange.sendResponseHeaders(405, -1);
                    return;
                }
                PrometheusText text = new PrometheusText();
                source.accept(text);
                byte[] body = text.toString().getBytes(StandardCharsets.UTF_8);
                exchange.getResponseHeaders().set("Content-Type", "text/plain; version=0.0.4; charset=utf-8");
                exchange.sendResponseHeaders(200, "HEAD".equals(exchange.getRequestMethod()) ? -1 : body.length);
                if (!"HEAD".equals(exchange.getRequestMethod())) {
                    try (OutputStream out = exchange.getResponseBody()) {
                        out.write(body);
                    }
                }
            }
        });
        server.setExecutor(Executors.newSingleThreadExecutor(r -> {
            Thread t = new Thread(r, "jptables-metrics");
            t.setDaemon(true);
            return t;
        }));
        server.start();
        return new MetricsServer(server);
    }

    /** The address it listens on (the port the system chose when asked for port 0). */
    public InetSocketAddress address() {
        return server.getAddress();
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
