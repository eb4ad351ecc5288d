package org.jptables.live.daemon;

import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code jptables daemon}'s own options, parsed once at start.
 *
 * @param queue      the first NFQUEUE number (0)
 * @param queues     how many queues, each on a thread of its own (1); the kernel balances flows over them
 * @param failOpen   what the kernel does while no daemon listens or a queue is full: pass (true, the
 *                   default: never lock the operator out) or drop
 * @param shadow     decide every packet but let the kernel's own verdict stand, reporting disagreements
 * @param batch      the most plain accepts answered by one batch verdict (64; 1: one verdict a packet)
 * @param gso        take GSO packets whole (NFQA_CFG_F_GSO) instead of having the kernel segment them
 * @param metrics    where to serve Prometheus metrics, or null (off)
 * @param hooks      "auto" (nft where it works, else iptables), "nft", "iptables", or "none" (the
 *                   operator queues packets himself)
 * @param hostFile   a fixed host model instead of the live host's (for tests and odd setups), or null
 * @param mark       the mark on the packets the daemon sends itself (REJECT's answers), which its own
 *                   hooks let pass
 * @param syslog     the syslog facility LOG lines also go to (/dev/log), or null (the daemon's log only)
 */
public record DaemonOptions(int queue, int queues, boolean failOpen, boolean shadow, int batch, boolean gso,
                            InetSocketAddress metrics, String hooks, Path hostFile, int mark, String syslog) {
    public static final int DEFAULT_MARK = 0x4A505400;

    /** The options from {@code args}, or the reason they are not. */
    public static DaemonOptions parse(List<String> args) throws DaemonUsageError {
        int queue = 0;
        int queues = 1;
        boolean failOpen = true;
        boolean shadow = false;
        int batch = 64;
        boolean gso = false;
        InetSocketAddress metrics = null;
        String hooks = "auto";
        Path host = null;
        int mark = DEFAULT_MARK;
        String syslog = null;
        for (int i = 0; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--queue" -> queue = number(args, ++i, a, 0, 65535);
                case "--queues" -> queues = number(args, ++i, a, 1, 64);
                case "--fail" -> {
                    String v = value(args, ++i, a);
                    if (!v.equals("open") && !v.equals("closed")) {
                        throw new DaemonUsageError("--fail: \"" + v + "\" is not open or closed");
                    }
                    failOpen = v.equals("open");
                }
                case "--shadow" -> shadow = true;
                case "--batch" -> batch = number(args, ++i, a, 1, 256);
                case "--gso" -> gso = true;
                case "--metrics" -> metrics = address(value(args, ++i, a));
                case "--hooks" -> {
                    hooks = value(args, ++i, a);
                    if (!List.of("auto", "nft", "iptables", "none").contains(hooks)) {
                        throw new DaemonUsageError("--hooks: \"" + hooks + "\" is not auto, nft, iptables or none");
                    }
                }
                case "--host" -> host = Path.of(value(args, ++i, a));
                case "--mark" -> mark = (int) Long.decode(value(args, ++i, a)).longValue();
                case "--syslog" -> {
                    syslog = value(args, ++i, a);
                    if (org.jptables.live.net.SyslogSender.facility(syslog) < 0) {
                        throw new DaemonUsageError("--syslog: \"" + syslog + "\" is not a syslog facility"
                                + " (kern, user, daemon, auth, syslog, local0..local7)");
                    }
                }
                default -> throw new DaemonUsageError("unknown option \"" + a + "\"");
            }
        }
        if (queue + queues - 1 > 65535) {
            throw new DaemonUsageError("--queues: queues " + queue + " to " + (queue + queues - 1) + " pass 65535");
        }
        return new DaemonOptions(queue, queues, failOpen, shadow, batch, gso, metrics, hooks, host, mark, syslog);
    }

    private static String value(List<String> args, int i, String option) throws DaemonUsageError {
        if (i >= args.size()) {
            throw new DaemonUsageError("option \"" + option + "\" requires an argument");
        }
        return args.get(i);
    }

    private static int number(List<String> args, int i, String option, int min, int max) throws DaemonUsageError {
        String v = value(args, i, option);
        try {
            int n = Integer.parseInt(v);
            if (n < min || n > max) {
                throw new DaemonUsageError(option + ": " + v + " is not in " + min + ".." + max);
            }
            return n;
        } catch (NumberFormatException e) {
            throw new DaemonUsageError(option + ": \"" + v + "\" is not a number");
        }
    }

    /** {@code PORT}, {@code HOST:PORT} or {@code [V6]:PORT}; a bare port listens on 127.0.0.1 only. */
    static InetSocketAddress address(String text) throws DaemonUsageError {
        int colon = text.lastIndexOf(':');
        String host = colon < 0 ? "127.0.0.1" : text.substring(0, colon).replace("[", "").replace("]", "");
        String port = colon < 0 ? text : text.substring(colon + 1);
        try {
            int p = Integer.parseInt(port);
            if (p < 0 || p > 65535) {
                throw new NumberFormatException();
            }
            return new InetSocketAddress(host, p);
        } catch (NumberFormatException e) {
            throw new DaemonUsageError("--metrics: \"" + text + "\" is not [ADDRESS:]PORT");
        }
    }

    /** A daemon option used wrongly. */
    public static final class DaemonUsageError extends Exception {
        private static final long serialVersionUID = 1L;

        public DaemonUsageError(String message) {
            super(message);
        }
    }
}
