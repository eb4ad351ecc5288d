package org.jptables.live.control;

import java.io.IOException;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.nio.file.attribute.UserPrincipal;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import jdk.net.ExtendedSocketOptions;
import jdk.net.UnixDomainPrincipal;
import org.jptables.commands.Settings;
import org.jptables.commands.control.ControlException;
import org.jptables.commands.control.ControlProtocol;
import org.jptables.commands.control.ControlRequest;
import org.jptables.commands.control.ControlResponse;
import org.jptables.commands.control.DeadlineChannel;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The daemon's control socket: serves the iptables command line, save and restore on the live ruleset
 * ({@link CommandRunner}), {@code jptables daemon reload} ({@link PluginReload}) and {@code jptables daemon
 * status}, in the protocol of {@link ControlProtocol}. One thread accepts; each connection has a virtual
 * thread of its own; commands and reloads run one at a time, status at any time. Only root and the
 * daemon's user are served ({@link PeerPolicy}); anyone else gets a one-line refusal, and is logged.
 */
public final class ControlServer implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ControlServer.class);

    private final ControlSocket socket;
    private final PeerPolicy peers;
    private final Duration timeout;
    private final LiveRuleset live;
    private final CommandRunner commands;
    private final PluginReload reload;
    /** Commands and reloads one at a time: each works on the state file and replaces the live ruleset. */
    private final ReentrantLock serial = new ReentrantLock();
    private final ExecutorService connections;
    private final Thread acceptor;

    private ControlServer(ControlSocket socket, PeerPolicy peers, Duration timeout, Settings settings,
                          Map<String, String> env, LiveRuleset live) {
        this.socket = socket;
        this.peers = peers;
        this.timeout = timeout;
        this.live = live;
        this.commands = new CommandRunner(settings, env, live);
        this.reload = new PluginReload(settings.plugins(), live);
        this.connections = Executors.newThreadPerTaskExecutor(Thread.ofVirtual().name("jptables-control-", 0).factory());
        this.acceptor = Thread.ofPlatform().daemon().name("jptables-control").unstarted(this::accept);
    }

    /**
     * Listens on {@code settings}' control socket and serves {@code live}.
     *
     * @param settings the daemon's settings: its control socket, state file, plugins and initial ruleset
     * @param env      the daemon's environment, under the client's {@code JPTABLES_*} variables for each command
     * @throws ControlSocketException when another daemon listens on the socket, or it cannot be made
     */
    public static ControlServer start(Settings settings, Map<String, String> env, LiveRuleset live) throws IOException {
        return start(settings, env, live, PeerPolicy::rootAnd, ControlProtocol.ANSWER_TIMEOUT);
    }

    /** As {@link #start(Settings, Map, LiveRuleset)}, with the users served given by the socket's owner. */
    static ControlServer start(Settings settings, Map<String, String> env, LiveRuleset live,
                               PolicyFactory policy, Duration timeout) throws IOException {
        ControlSocket socket = ControlSocket.open(settings.control());
        try {
            ControlServer server = new ControlServer(socket, policy.apply(socket.owner()), timeout, settings, env, live);
            server.acceptor.start();
            return server;
        } catch (IOException | RuntimeException e) {
            socket.close();
            throw e;
        }
    }

    /** Who is served, given the socket's owner. */
    interface PolicyFactory {
        PeerPolicy apply(UserPrincipal owner) throws IOException;
    }

    /** The socket's path. */
    public Path socket() {
        return socket.path();
    }

    private void accept() {
        while (true) {
            SocketChannel channel;
            try {
                channel = socket.channel().accept();
            } catch (ClosedChannelException e) {
                return;
            } catch (IOException e) {
                // out of file descriptors, most likely: the connections that hold them end within the timeout
                LOG.warn("control socket {}: {}", socket.path(), e.getMessage());
                try {
                    Thread.sleep(100);
                } catch (InterruptedException interrupted) {
                    return;
                }
                continue;
            }
            try {
                connections.execute(() -> serve(channel));
            } catch (RejectedExecutionException closing) {
                closeQuietly(channel);
                return;
            }
        }
    }

    private void serve(SocketChannel accepted) {
        try (DeadlineChannel channel = new DeadlineChannel(accepted, timeout)) {
            UnixDomainPrincipal peer = accepted.getOption(ExtendedSocketOptions.SO_PEERCRED);
            if (!peers.allows(peer.user())) {
                LOG.warn("control socket {}: refused user {} (group {}): only {} may control the daemon",
                        socket.path(), peer.user().getName(), peer.group().getName(), peers.description());
                ControlProtocol.writeResponse(channel, ControlResponse.failure(ControlResponse.DAEMON_PROBLEM,
                        "jptables: the daemon at " + socket.path() + " serves only " + peers.description()
                                + ", not user " + peer.user().getName()));
                return;
            }
            ControlResponse response;
            try {
                ControlRequest request = ControlProtocol.readRequest(channel);
                response = answer(request);
            } catch (ControlException.Timeout e) {
                LOG.info("control socket {}: a client sent no request within {} s", socket.path(), timeout.toSeconds());
                return;
            } catch (ControlException e) {
                LOG.warn("control socket {}: {}", socket.path(), e.getMessage());
                response = ControlResponse.failure(ControlResponse.DAEMON_PROBLEM, "jptables: daemon: " + e.getMessage());
            }
            channel.renew();
            ControlProtocol.writeResponse(channel, response);
        } catch (IOException e) {
            // the client went away or stopped reading: nothing left to tell it
            LOG.info("control socket {}: {}", socket.path(), e.getMessage());
        }
    }

    private ControlResponse answer(ControlRequest request) {
        try {
            return switch (request.kind()) {
                case STATUS -> new ControlResponse(0, live.status().getBytes(StandardCharsets.UTF_8), new byte[0]);
                case COMMAND -> serially(() -> commands.run(request));
                case RELOAD_PLUGINS -> serially(reload::run);
            };
        } catch (RuntimeException e) {
            LOG.error("control socket {}: {} failed", socket.path(), request.kind(), e);
            return ControlResponse.failure(ControlResponse.DAEMON_PROBLEM, "jptables: daemon: " + request.kind()
                    .name().toLowerCase(Locale.ROOT) + " failed: " + e);
        }
    }

    private ControlResponse serially(Supplier<ControlResponse> action) {
        serial.lock();
        try {
            return action.get();
        } finally {
            serial.unlock();
        }
    }

    private static void closeQuietly(SocketChannel channel) {
        try {
            channel.close();
        } catch (IOException e) {
            // closing a connection no one served
        }
    }

    /** Stops listening, ends the connections (a command running finishes first) and removes the socket file. */
    @Override
    public void close() throws IOException {
        try {
            socket.channel().close();
            acceptor.join(Duration.ofSeconds(5));
            connections.shutdown();
            if (!connections.awaitTermination(10, TimeUnit.SECONDS)) {
                connections.shutdownNow();
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } finally {
            socket.close();
        }
    }
}
