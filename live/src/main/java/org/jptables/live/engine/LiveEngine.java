package org.jptables.live.engine;

import java.util.Arrays;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.jptables.kernel.conntrack.ConnectionTracker;
import org.jptables.kernel.effects.IcmpRateLimit;
import org.jptables.kernel.eval.EvalMode;
import org.jptables.kernel.host.Host;
import org.jptables.kernel.model.Ruleset;
import org.jptables.kernel.packet.LocalSocket;
import org.jptables.kernel.path.PacketPath;
import org.jptables.kernel.path.PathObserver;
import org.jptables.live.control.LiveRuleset;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * jptables deciding the host's real packets. The kernel queues each packet once where it enters
 * netfilter (PREROUTING for what arrives, OUTPUT for what the host sends) and jptables runs its
 * whole path there, as offline: every table and hook, connection tracking, NAT, counters, LOG and
 * REJECT. The verdict carries the bytes the kernel's routing must see (PREROUTING's changes, or a
 * locally delivered or sent packet's final bytes) and the mark; what a forwarded packet owes after
 * routing waits in {@link PendingRewrites} for its pass through the POSTROUTING queue. REJECT's
 * answers leave through the {@link AnswerSender}, marked so the daemon's own hooks let them pass
 * (jptables already ran them through OUTPUT and POSTROUTING).
 *
 * <p>One lock serialises decisions: the connection table, the counters and the limits are one
 * state, as in the kernel, and queue threads still overlap their system calls, which cost most.
 */
public final class LiveEngine implements LiveRuleset, PathObserver {
    /** Hook numbers as NFQUEUE reports them (NF_INET_*). */
    public static final int PREROUTING = 0;
    public static final int INPUT = 1;
    public static final int FORWARD = 2;
    public static final int OUTPUT = 3;
    public static final int POSTROUTING = 4;

    private static final Logger LOG = LoggerFactory.getLogger(LiveEngine.class);
    private static final int MAX = 65536 + 4096;

    /** Sends a packet the host made (REJECT's answer) into the network. */
    public interface AnswerSender {
        void send(byte[] ip, int length);
    }

    private final ReentrantLock lock = new ReentrantLock();
    private final ConnectionTracker conntrack;
    private final EvalMode eval;
    private final AnswerSender answers;
    private final Consumer<Ruleset> replaced;
    private final boolean failOpen;
    private final PendingRewrites pending = new PendingRewrites();
    private final IcmpRateLimit icmpLimit = new IcmpRateLimit();
    private final LiveStatistics stats = new LiveStatistics();
    private final ShadowComparison shadow;
    private Ruleset ruleset;
    private Host host;
    private PacketPath path;
    private String[] nameByIfindex = new String[0];
    private java.util.function.ObjIntConsumer<String> syslog;

    private final byte[] original = new byte[MAX];
    private final byte[] routed = new byte[MAX];
    private final byte[] last = new byte[MAX];
    private final byte[] late = new byte[MAX];
    private int routedLength = -1;
    private int routedMark;
    private int lastLength = -1;
    private int lastMark;
    private boolean lastLeft;
    private long now;
    private long lastError;

    /**
     * @param shadow   when not null, decide but change nothing: every packet goes on as the kernel
     *                 decides, and jptables' decision goes to the comparison
     * @param replaced told of every new ruleset (the daemon re-plans its kernel hooks)
     */
    public LiveEngine(Ruleset ruleset, Host host, ConnectionTracker conntrack, EvalMode eval, AnswerSender answers,
            boolean failOpen, ShadowComparison shadow, Consumer<Ruleset> replaced) {
        this.ruleset = ruleset;
        this.host = host;
        this.conntrack = conntrack;
        this.eval = eval;
        this.answers = answers;
        this.failOpen = failOpen;
        this.shadow = shadow;
        this.replaced = replaced;
        rebuild();
    }

    private void rebuild() {
        path = new PacketPath(ruleset, host, conntrack).evaluation(eval).observer(this).ownErrors(false)
                .icmpRateLimit(icmpLimit);
        int max = 0;
        for (int i = 0; i < host.interfaceCount(); i++) {
            max = Math.max(max, host.interfaceIndex(i));
        }
        String[] names = new String[max + 1];
        for (int i = 0; i < host.interfaceCount(); i++) {
            names[host.interfaceIndex(i)] = host.name(i);
        }
        nameByIfindex = names;
    }

    /** Where LOG lines go besides the daemon's log: {@code (line, level)}, or null. */
    public LiveEngine syslog(java.util.function.ObjIntConsumer<String> sink) {
        this.syslog = sink;
        return this;
    }

    /** The host changed (an address, a link, a route): later packets see the new one. */
    public void host(Host next) {
        lock.lock();
        try {
            host = next;
            rebuild();
        } finally {
            lock.unlock();
        }
    }

    /**
     * Decides one queued packet. {@code packet} holds its bytes (rewritten in place by NAT and
     * mangle targets: the caller's buffer is the path's); {@code uid} is the sending socket's
     * owner for what the host sends, or -1 when NFQUEUE gave none.
     */
    public void decide(int hook, byte[] packet, int length, int inIfindex, long mark, long uid, long gid,
            LiveDecision out) {
        decide(hook, packet, length, inIfindex, -1, mark, uid, gid, out);
    }

    /** As above, with the sender's MAC address the packet arrived with ({@code -1}: unknown). */
    public void decide(int hook, byte[] packet, int length, int inIfindex, long sourceMac, long mark, long uid, long gid,
            LiveDecision out) {
        out.clear();
        lock.lock();
        try {
            now = System.nanoTime();
            stats.packets++;
            if (shadow != null && hook != PREROUTING && hook != OUTPUT) {
                shadow.witness(hook, packet, length, now);
            } else if (hook == POSTROUTING) {
                late(packet, length, out);
            } else {
                decideWhole(hook, packet, length, inIfindex, sourceMac, (int) mark, uid, gid, out);
            }
        } catch (RuntimeException e) {
            // a packet the path cannot take (an interface the host model does not know yet, ...)
            // goes as the operator's --fail asks, and is counted; at most one line a second
            stats.errors++;
            out.clear();
            out.verdict = failOpen ? LiveDecision.ACCEPT : LiveDecision.DROP;
            if (now - lastError > 1_000_000_000L) {
                lastError = now;
                LOG.warn("packet at hook {} not decided ({}): {}", hook, e.getMessage(), failOpen ? "accepted" : "dropped");
            }
        } finally {
            if (out.verdict == LiveDecision.DROP) {
                stats.dropped++;
            }
            lock.unlock();
        }
    }

    private void decideWhole(int hook, byte[] packet, int length, int inIfindex, long sourceMac, int mark, long uid,
            long gid, LiveDecision out) {
        System.arraycopy(packet, 0, original, 0, length);
        routedLength = -1;
        lastLength = -1;
        lastLeft = false;
        String verdict;
        if (hook == OUTPUT) {
            verdict = path.process(packet, length, "host", socket(uid, gid), now, null);
        } else {
            String in = inIfindex >= 0 && inIfindex < nameByIfindex.length ? nameByIfindex[inIfindex] : null;
            if (in == null) {
                throw new IllegalArgumentException("interface " + inIfindex + " is not in the host model yet");
            }
            verdict = path.arrivingFrom(sourceMac).process(packet, length, in, now, null);
        }
        if (shadow != null) {
            shadow.decided(hook, original, length, "ACCEPT".equals(verdict), lastLength >= 0 && lastLeft, now);
            return; // the kernel's verdict stands: nothing of jptables' reaches the packet
        }
        if (!"ACCEPT".equals(verdict)) {
            out.verdict = LiveDecision.DROP;
            return;
        }
        boolean forwarded = hook == PREROUTING && lastLeft;
        // what the kernel goes on with: a forwarded packet's bytes as routing must see them, else
        // the final bytes (a locally delivered or sent packet has no later queue to visit)
        byte[] next = forwarded || lastLength < 0 ? routed : last;
        int nextLength = forwarded || lastLength < 0 ? routedLength : lastLength;
        int nextMark = forwarded || lastLength < 0 ? routedMark : lastMark;
        if (nextLength < 0) {
            return; // no point was observed (cannot happen for an accepted packet): leave it alone
        }
        if (nextLength != length || !Arrays.equals(next, 0, nextLength, original, 0, length)) {
            out.payload = next;
            out.payloadLength = nextLength;
            stats.rewritten++;
        }
        if (nextMark != mark) {
            out.mark = nextMark & 0xFFFFFFFFL;
        }
        if (forwarded && lastLength >= 0 && differsAfterRouting()) {
            pending.put(routed, routedLength, last, lastLength, now);
        }
    }

    /** Whether the leaving bytes differ from the routed ones by more than forwarding's TTL decrement. */
    private boolean differsAfterRouting() {
        if (lastLength != routedLength) {
            return true;
        }
        for (int i = 0; i < lastLength; i++) {
            // byte 8 is the TTL, 10 and 11 the header checksum that follows it
            if (last[i] != routed[i] && i != 8 && i != 10 && i != 11) {
                return true;
            }
        }
        return false;
    }

    /** POSTROUTING: a forwarded packet collects what it owes; every other goes on untouched. */
    private void late(byte[] packet, int length, LiveDecision out) {
        int n = pending.take(packet, length, late, now);
        if (n >= 0) {
            out.payload = late;
            out.payloadLength = n;
            stats.rewritten++;
        }
    }

    private LocalSocket lastSocket = LocalSocket.ROOT;

    /** The sending socket; the last one is kept, as a host's traffic comes mostly from few owners. */
    private LocalSocket socket(long uid, long gid) {
        if (uid < 0) {
            return LocalSocket.NONE;
        }
        if (lastSocket.uid() != uid || lastSocket.gid() != gid) {
            lastSocket = LocalSocket.of(uid, gid);
        }
        return lastSocket;
    }

    @Override
    public void routed(byte[] ip, int length, int mark) {
        System.arraycopy(ip, 0, routed, 0, length);
        routedLength = length;
        routedMark = mark;
    }

    @Override
    public void delivered(byte[] ip, int length, int mark, boolean own) {
        if (own) {
            send(ip, length);
            return;
        }
        keepLast(ip, length, mark, false);
    }

    @Override
    public void leaving(byte[] ip, int length, int out, int mark, boolean own) {
        if (own) {
            send(ip, length);
            return;
        }
        keepLast(ip, length, mark, true);
    }

    @Override
    public void logged(String line, int level) {
        if (syslog != null) {
            syslog.accept(line, level);
        }
    }

    private void keepLast(byte[] ip, int length, int mark, boolean left) {
        System.arraycopy(ip, 0, last, 0, length);
        lastLength = length;
        lastMark = mark;
        lastLeft = left;
    }

    private void send(byte[] ip, int length) {
        if (shadow != null) {
            return;
        }
        try {
            answers.send(ip, length);
            stats.answersSent++;
        } catch (RuntimeException e) {
            stats.answerErrors++;
            if (now - lastError > 1_000_000_000L) {
                lastError = now;
                LOG.warn("an answer could not be sent: {}", e.getMessage());
            }
        }
    }

    @Override
    public <T> T exclusive(Supplier<T> action) {
        lock.lock();
        try {
            return action.get();
        } finally {
            lock.unlock();
        }
    }

    @Override
    public Ruleset current() {
        return ruleset;
    }

    @Override
    public void replace(Ruleset next) {
        ruleset = next;
        rebuild();
        replaced.accept(next);
    }

    /** What the engine counted, for status and monitoring. */
    public LiveStatistics statistics() {
        stats.answersLimited = icmpLimit.held();
        return stats;
    }

    @Override
    public String status() {
        return statistics().describe() + (shadow == null ? "" : shadow.describe());
    }
}
