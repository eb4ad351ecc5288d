package org.jptables.live;

import java.io.IOException;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.jptables.commands.Session;
import org.jptables.commands.Settings;
import org.jptables.commands.state.StateStore;
import org.jptables.kernel.conntrack.ConnectionTracker;
import org.jptables.kernel.host.Host;
import org.jptables.kernel.model.Ruleset;
import org.jptables.live.control.ControlServer;
import org.jptables.live.daemon.Daemon;
import org.jptables.live.daemon.DaemonOptions;
import org.jptables.live.engine.LiveEngine;
import org.jptables.live.engine.ShadowComparison;
import org.jptables.live.hooks.KernelHooks;
import org.jptables.live.host.LiveHost;
import org.jptables.live.host.LiveSockets;
import org.jptables.live.metrics.MetricsServer;
import org.jptables.live.net.RawIpSender;
import org.jptables.live.net.SyslogSender;
import org.jptables.live.netlink.NetlinkException;
import org.jptables.live.nfqueue.NfQueue;
import org.jptables.live.nfqueue.QueueOptions;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code jptables daemon}: jptables' ruleset on the host's real traffic until SIGTERM or SIGINT.
 * Same state file, plugins and settings as every other command; while it runs, the command line
 * reaches it through its control socket.
 */
public final class DaemonTool {
    private static final Logger LOG = LoggerFactory.getLogger("jptables.daemon");
    private static final String PROGRAM = "jptables daemon";
    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;
    /** Counted down once everything is closed and written: SIGTERM's hook waits for it, as the JVM halts after the hooks. */
    private final CountDownLatch finished = new CountDownLatch(1);

    public DaemonTool(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    /** Runs until stopped; the exit status (0 after a clean stop). */
    public int run(List<String> args) {
        Settings settings;
        DaemonOptions options;
        try {
            settings = Settings.from(args, env);
            List<String> rest = new ArrayList<>(settings.args());
            if (!rest.isEmpty() && rest.get(0).equals("daemon")) {
                rest.remove(0);
            }
            if (rest.contains("-h") || rest.contains("--help")) {
                out.print(usage());
                return 0;
            }
            options = DaemonOptions.parse(rest);
        } catch (Settings.UsageError | DaemonOptions.DaemonUsageError e) {
            err.print(PROGRAM + ": " + e.getMessage() + "\n");
            err.print("Try `jptables daemon --help' for more information.\n");
            return 2;
        }
        List<AutoCloseable> resources = new ArrayList<>();
        try {
            return serve(settings, options, resources);
        } catch (NetlinkException | org.jptables.live.hooks.HookException | IOException | IllegalStateException
                | IllegalArgumentException e) {
            err.print(PROGRAM + ": " + e.getMessage() + "\n");
            return 1;
        } catch (RuntimeException e) {
            err.print(PROGRAM + ": " + e + "\n");
            return 1;
        } finally {
            for (AutoCloseable r : resources.reversed()) {
                try {
                    r.close();
                } catch (Exception e) {
                    LOG.warn("on stop: {}", e.getMessage());
                }
            }
            finished.countDown();
        }
    }

    private int serve(Settings settings, DaemonOptions options, List<AutoCloseable> resources) throws IOException {
        Session session = new Session(settings, err);
        Ruleset ruleset;
        try (StateStore store = StateStore.open(settings.state(), settings.initial())) {
            ruleset = store.load(session.parser(true), session.names());
        }
        AtomicReference<LiveEngine> engineRef = new AtomicReference<>();
        AtomicReference<Daemon> daemonRef = new AtomicReference<>();
        Host host;
        if (options.hostFile() != null) {
            host = Host.read(options.hostFile());
        } else {
            // -m socket asks the kernel which socket a packet belongs to, at the moment it asks
            LiveSockets sockets = LiveSockets.open();
            resources.add(sockets);
            LiveHost live = LiveHost.open(next -> {
                LiveEngine engine = engineRef.get();
                if (engine != null) {
                    engine.host(next.withSocketTable(sockets));
                    LOG.info("the host changed: the path follows");
                }
            });
            resources.add(live);
            host = live.current().withSocketTable(sockets);
        }
        RawIpSender sender = RawIpSender.open(options.mark() & 0xFFFFFFFFL);
        resources.add(sender);
        ShadowComparison shadow = options.shadow() ? new ShadowComparison() : null;
        LiveEngine engine = new LiveEngine(ruleset, host, new ConnectionTracker(settings.conntrack()), settings.eval(),
                sender::send, options.failOpen(), shadow, next -> {
                    Daemon d = daemonRef.get();
                    if (d != null) {
                        d.replanned(next);
                    }
                });
        engineRef.set(engine);
        if (options.syslog() != null) {
            SyslogSender syslog = SyslogSender.open("/dev/log", SyslogSender.facility(options.syslog()));
            resources.add(syslog);
            engine.syslog((line, level) -> syslog.send(level, line));
        }
        List<NfQueue> queues = new ArrayList<>();
        for (int q = options.queue(); q < options.queue() + options.queues(); q++) {
            NfQueue queue = NfQueue.open(QueueOptions.of(q).withFailOpen(options.failOpen()).withGso(options.gso())
                    .withUidGid(true).withReceiveTimeout(200));
            queues.add(queue);
        }
        KernelHooks hooks = options.hooks().equals("none") ? null : KernelHooks.named(options.hooks());
        Daemon daemon = new Daemon(options, engine, hooks);
        daemonRef.set(daemon);
        try {
            daemon.start(queues);
        } catch (RuntimeException e) {
            daemon.stop();
            throw e;
        }
        ControlServer control;
        try {
            control = ControlServer.start(settings, env, daemon);
        } catch (IOException | RuntimeException e) {
            daemon.stop();
            throw e;
        }
        resources.add(control);
        if (options.metrics() != null) {
            try {
                MetricsServer metrics = MetricsServer.start(options.metrics(), daemon::metrics);
                resources.add(metrics);
                LOG.info("metrics on http://{}:{}/metrics", metrics.address().getHostString(), metrics.address().getPort());
            } catch (IOException e) {
                daemon.stop();
                throw new IOException("--metrics " + options.metrics() + ": " + e.getMessage(), e);
            }
        }
        Thread stopper = new Thread(() -> {
            LOG.info("stopping");
            daemon.stop();
            try {
                finished.await(30, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }, "jptables-stop");
        Runtime.getRuntime().addShutdownHook(stopper);
        LOG.info("ready: queues {}-{}, {} ({}), fail {}, control socket {}", options.queue(),
                options.queue() + options.queues() - 1, options.shadow() ? "shadow mode" : "filtering",
                hooks == null ? "no hooks: --hooks none" : hooks.backend(), options.failOpen() ? "open" : "closed",
                control.socket());
        try {
            daemon.awaitStop();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            daemon.stop();
        }
        // the ruleset and its counters go back to the state file, as the last command left them
        engine.exclusive(() -> {
            try (StateStore store = StateStore.open(settings.state(), settings.initial())) {
                // the sets and accounting objects the rules used all along, with their counts now
                store.adopt(session.sets(), session.nfacct(), session.names());
                store.store(engine.current());
            } catch (IOException e) {
                LOG.error("could not write the counters to {}: {}", settings.state(), e.getMessage());
            }
            return null;
        });
        LOG.info("stopped: {}", engine.statistics().packets() + " packets decided");
        return 0;
    }

    static String usage() {
        return """
                Usage: jptables daemon [--queue N] [--queues COUNT] [--fail open|closed] [--shadow]
                                       [--batch N] [--gso] [--metrics [ADDRESS:]PORT]
                                       [--hooks auto|nft|iptables|none] [--host FILE] [--mark VALUE]
                                       [--syslog FACILITY]
                       jptables daemon status | reload

                Filters the host's packets with jptables' ruleset through NFQUEUE until SIGTERM or SIGINT.
                  --queue N          first queue number (0)
                  --queues COUNT     queues, each on a thread of its own; flows are balanced over them (1)
                  --fail open|closed what the kernel does with packets while no daemon listens or a queue
                                     is full: pass them (open, the default) or drop them (closed)
                  --shadow           decide every packet but let the kernel's own verdict stand, and log
                                     each packet on which jptables and the kernel disagree
                  --batch N          plain accepts answered by one batch verdict (64; 1: one verdict each)
                  --gso              take GSO packets whole instead of having the kernel segment them
                  --metrics PORT     Prometheus metrics on http://127.0.0.1:PORT/metrics (off)
                  --hooks BACKEND    how the kernel rules that feed the queues are installed (auto:
                                     nft where its queue works, else iptables; none: by the operator)
                  --host FILE        a fixed host model (conf/host.yaml's form) instead of the live host's
                  --mark VALUE       the mark on the packets the daemon sends itself (0x4a505400)
                  --syslog FACILITY  LOG lines to syslog (/dev/log) too, at the rule's --log-level
                  status             the running daemon's queues, latencies and counts
                  reload             picks up the plugins directory's jars without a restart
                """;
    }
}
