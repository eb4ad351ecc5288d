package org.jptables.kernel.path;

import org.jptables.api.ConnState;
import org.jptables.api.Hook;
import org.jptables.api.Match;
import org.jptables.api.Sockets;
import org.jptables.api.Target;
import org.jptables.api.Verdict;
import org.jptables.kernel.effects.IcmpRateLimit;
import org.jptables.kernel.effects.LogLine;
import org.jptables.kernel.effects.NflogRecord;
import org.jptables.kernel.effects.RejectReplies;
import org.jptables.kernel.eval.EvalMode;
import org.jptables.kernel.host.Host;
import org.jptables.kernel.model.Chain;
import org.jptables.kernel.model.Rule;
import org.jptables.kernel.model.Ruleset;
import org.jptables.kernel.model.Table;
import org.jptables.kernel.model.TableKind;
import org.jptables.kernel.nat.PacketRewriter;
import org.jptables.kernel.packet.PacketEffects;
import org.jptables.kernel.packet.ConnectionMarks;
import org.jptables.kernel.packet.LocalSocket;
import org.jptables.kernel.packet.PacketView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The hooks of Linux's IPv4 stack in their order, with the tables at each hook in priority order:
 * PREROUTING (raw, conntrack, mangle, nat), routing, INPUT (mangle, filter, security, nat) or
 * FORWARD (mangle, filter, security), then POSTROUTING (mangle, nat); for packets the host sends,
 * OUTPUT (raw, conntrack, mangle, nat, filter, security) and POSTROUTING. The nat table sees only
 * the first packet of a connection; later packets are rewritten from the connection's binding.
 * One path per thread: its packet view and evaluator are reused.
 */
public final class PacketPath implements PacketEffects {
    private static final Logger KERNEL_LOG = LoggerFactory.getLogger("jptables.log");

    private final Ruleset ruleset;
    private final Host host;
    private final ConnectionTracking conntrack;
    private final PacketView view = new PacketView();
    private final TableTraversal tables;
    private final NatTranslation translation;
    private final Routing routing;

    private PacketResult report;
    private long now;
    private byte[] pendingReply;
    private boolean quietHost;
    private LocalStack localStack;
    private int stackDepth;
    private final Defragmenter defragmenter = new Defragmenter();
    /** TEE's copies made in the table at work, sent once it is done. */
    private final PacketDuplicates duplicates = new PacketDuplicates();
    /** A TEE copy is on its way out (nf_skb_duplicated): TEE does not copy it again. */
    private boolean duplicating;
    /** The packet being handled, while the host sends one of its own on the view. */
    private final ViewSnapshot aside = new ViewSnapshot();
    private final Redirects redirects;
    /** The datagram being handled when it was reassembled from fragments, else null. */
    private Defragmenter.Datagram fragments;
    private boolean checkIpHeaders = true;
    /** The connection of the packet being handled, for REJECT's answer to attach to. */
    private int currentCt = NO_CAUSE;
    private int depth;
    /** The socket of the packet the host sends next (the caller's, or the kernel's for its own answers). */
    private LocalSocket socket = LocalSocket.NONE;
    private PathObserver observer;
    private boolean ownErrors = true;
    private IcmpRateLimit icmpLimit;
    /** The sender's MAC address of the next arriving packet when it is known (live), else -1. */
    private long arrivingMac = -1;

    public PacketPath(Ruleset ruleset, Host host, ConnectionTracking conntrack) {
        this.ruleset = ruleset;
        this.host = host;
        this.conntrack = conntrack != null && needsConnectionTracking(ruleset) ? conntrack : null;
        if (this.conntrack != null && needsConntrackAccounting(ruleset)) {
            this.conntrack.enableAccounting();
        }
        if (this.conntrack != null && needsConntrackLabels(ruleset)) {
            this.conntrack.enableLabels();
        }
        this.redirects = new Redirects(host);
        this.tables = new TableTraversal(ruleset, view);
        this.translation = new NatTranslation(host, this.conntrack, view);
        this.routing = new Routing(host);
        view.addressTypes(host).sockets(host.sockets()).effects(this);
        if (this.conntrack instanceof ConnectionMarks table) {
            view.connectionTable(table); // -m connlimit looks up other connections' tuples
        }
        tables.mode(EvalMode.COMPILED);
    }

    /** How chains are evaluated: {@link EvalMode#COMPILED} unless told otherwise. */
    public PacketPath evaluation(EvalMode mode) {
        tables.mode(mode);
        return this;
    }

    /** The host's own stack answering what it sends itself through lo (none by default). */
    public PacketPath localStack(LocalStack stack) {
        this.localStack = stack;
        return this;
    }

    /** Live mode's ears: where the real kernel takes over from the path (null offline). */
    public PacketPath observer(PathObserver observer) {
        this.observer = observer;
        return this;
    }

    /**
     * Whether the path makes the IP layer's own ICMP errors (time exceeded, redirect, parameter
     * problem). Live, the real kernel makes them itself after the verdict: the path must not as well.
     */
    public PacketPath ownErrors(boolean make) {
        this.ownErrors = make;
        return this;
    }

    /**
     * Holds the ICMP errors the host sends (REJECT's, the IP layer's) to Linux's rate limits; null
     * (the default, and offline) sends every one. A held error never reaches OUTPUT, as in icmp_send.
     */
    public PacketPath icmpRateLimit(IcmpRateLimit limit) {
        this.icmpLimit = limit;
        return this;
    }

    /**
     * The source MAC address the next arriving packet came with (live: NFQUEUE's hardware address);
     * without it the host model's neighbour table tells, as offline. Used by one packet only.
     */
    public PacketPath arrivingFrom(long mac) {
        this.arrivingMac = mac;
        return this;
    }

    /** Whether an arriving packet's IPv4 header checksum is checked (off for captures taken with checksum offload). */
    public PacketPath checkIpHeaders(boolean check) {
        this.checkIpHeaders = check;
        return this;
    }

    /**
     * A quiet host sends nothing of its own: REJECT's answers are dropped before they reach OUTPUT
     * (as on a host whose egress drops them ahead of netfilter, or when replaying a capture that
     * already holds the host's answers).
     */
    public PacketPath quietHost(boolean quiet) {
        this.quietHost = quiet;
        return this;
    }

    /**
     * The most IPv4 datagrams that waited for their fragments at once so far, against
     * {@link #MAX_PENDING_DATAGRAMS}: a replay split by conversation adds up its parts' peaks to
     * prove that the limit, shared by all conversations, never forgot a datagram.
     */
    public int peakPendingDatagrams() {
        return defragmenter.peak();
    }

    /** How many datagrams may wait for their fragments at once; beyond, the oldest is forgotten. */
    public static final int MAX_PENDING_DATAGRAMS = Defragmenter.maxQueues();

    /**
     * Whether Linux would track connections for this ruleset: only while the nat table exists or a
     * rule's match or target asks for it (nf_ct_netns_get); otherwise packets pass with no entry.
     */
    static boolean needsConnectionTracking(Ruleset ruleset) {
        if (ruleset.existing(TableKind.NAT) != null) {
            return true;
        }
        for (Table table : ruleset.tables()) {
            for (Chain chain : table.chains()) {
                for (Rule rule : chain.rules()) {
                    Target target = rule.targetOrNull();
                    if (target != null && target.needsConnectionTracking()) {
                        return true;
                    }
                    for (Match match : rule.matches()) {
                        if (match.needsConnectionTracking()) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    /** Whether a rule's match turns conntrack accounting on (xt_connbytes' checkentry). */
    static boolean needsConntrackAccounting(Ruleset ruleset) {
        return anyMatch(ruleset, Match::needsConntrackAccounting);
    }

    /** Whether a rule's match uses connection labels (xt_connlabel's checkentry). */
    static boolean needsConntrackLabels(Ruleset ruleset) {
        return anyMatch(ruleset, Match::needsConntrackLabels);
    }

    private static boolean anyMatch(Ruleset ruleset, java.util.function.Predicate<Match> wanted) {
        for (Table table : ruleset.tables()) {
            for (Chain chain : table.chains()) {
                for (Rule rule : chain.rules()) {
                    for (Match match : rule.matches()) {
                        if (wanted.test(match)) {
                            return true;
                        }
                    }
                }
            }
        }
        return false;
    }

    /**
     * Runs one packet: {@code in} is the interface it arrives on, or "host" when the host sends it.
     * The bytes may be rewritten in place (NAT, TTL). {@code report} may be null: then only the
     * counters and the connection table change.
     */
    public String process(byte[] ip, int length, String in, long nowNanos, PacketResult report) {
        return process(ip, length, in, "host".equals(in) ? LocalSocket.ROOT : LocalSocket.NONE, nowNanos, report);
    }

    /**
     * Runs one packet as {@link #process(byte[], int, String, long, PacketResult)}; a packet the
     * host sends belongs to {@code socket} (what -m owner looks at), one that arrives to none.
     */
    public String process(byte[] ip, int length, String in, LocalSocket socket, long nowNanos, PacketResult report) {
        this.report = report;
        this.socket = "host".equals(in) ? socket : LocalSocket.NONE;
        tables.report(report);
        this.now = nowNanos;
        this.fragments = null;
        view.timeNanos(nowNanos); // the clock of -m recent --seconds and -m limit
        if (report != null) {
            report.clear();
        }
        String verdict = "host".equals(in) ? send(ip, length) : receive(ip, length, in);
        if (report != null) {
            report.verdict = verdict;
        }
        return verdict;
    }

    private String receive(byte[] ip, int length, String in) {
        int valid = IpReceiveChecks.length(ip, length, checkIpHeaders);
        if (valid < 0) {
            if (report != null) {
                report.trace.add(IpReceiveChecks.dropReason(valid));
            }
            return "DROP";
        }
        if (conntrack != null && Defragmenter.isFragment(ip)) {
            // nf_defrag_ipv4, ahead of every table: the rules see whole datagrams
            Defragmenter.Datagram whole = defragmenter.add(ip, valid, now);
            if (whole == null) {
                return stolen();
            }
            fragments = whole;
            return receive(whole.ip(), whole.length(), in, NOT_LOOPED);
        }
        return receive(ip, valid, in, NOT_LOOPED);
    }

    /** A fragment kept for reassembly: no table saw it. */
    private String stolen() {
        if (report != null) {
            report.trace.add("defrag:queued");
        }
        return "STOLEN";
    }

    /**
     * A packet arriving on {@code in}; {@code loopedCt} is the connection of a packet the host sent
     * to itself, which comes back through lo keeping its entry and its mark (the kernel's loopback
     * keeps the skb's conntrack: PREROUTING's conntrack hook leaves it alone).
     */
    private String receive(byte[] ip, int length, String in, int loopedCt) {
        int dev = host.indexOf(in);
        if (dev < 0) {
            throw new IllegalArgumentException("no interface " + in + " on this host");
        }
        boolean looped = loopedCt != NOT_LOOPED;
        // wrap keeps the mark and the conntrack fields: a looped packet keeps both, a new one starts clean
        // an arriving skb has no socket yet (a looped one lost it in loopback_xmit's skb_orphan)
        view.wrap(ip, 0, length).inInterface(host.name(dev)).outInterface("").socket(LocalSocket.NONE);
        if (looped) {
            view.linkHeader(0, 0);
            if (loopedCt >= 0 || loopedCt == ConnectionTracking.UNTRACKED) {
                view.template().keep();
            }
        } else {
            view.setMark(0);
            view.setPriority(0);
            view.traced(false);
            view.linkHeader(host.mac(dev), arrivingMac >= 0 ? arrivingMac : host.senderMac(dev, view.source()));
            arrivingMac = -1;
            view.conntrack(ConnState.INVALID, 0, 0, 0, 0, 0, 0); // no entry yet: the state matches say INVALID
            view.template().clear();
        }
        if (hook(TableKind.RAW, Hook.PREROUTING) != Verdict.ACCEPT) {
            return "DROP";
        }
        int ct = looped ? loopedCt : track();
        currentCt = ct;
        if (ct == ConnectionTracking.TABLE_FULL) {
            return "DROP";
        }
        if (hook(TableKind.MANGLE, Hook.PREROUTING) != Verdict.ACCEPT) {
            return dropped(ct);
        }
        if (nat(ct, Hook.PREROUTING, false) != Verdict.ACCEPT) {
            return dropped(ct);
        }
        if (observer != null && !looped) {
            observer.routed(view.bytes(), view.length(), view.mark());
        }
        int route = routing.input(view.source(), view.destination(), in, view.mark());
        if (route == Routing.DROP || route == Routing.FORWARD && view.assignedSocket() != Sockets.NONE) {
            // ip_forward drops a packet TPROXY assigned to a local socket (skb->sk)
            return dropped(ct);
        }
        int dst = view.destination();
        if (view.headerLength() > 20 && !looped) {
            int options = IpOptions.check(view.bytes(), view.offset());
            if (options == IpOptions.SOURCE_ROUTED) {
                return dropped(ct);
            }
            if (options != IpOptions.OK) {
                sendOwnError(12, 0, options << 24);
                return dropped(ct);
            }
        }
        // ip_rcv_options, after routing: record-route gets the address the packet came in for
        int recordRoute = view.headerLength() > 20 && !looped
                ? RecordRoute.onReceive(view.bytes(), view.offset(), route == Routing.LOCAL ? dst : host.primaryAddress(dev))
                : -1;
        if (route == Routing.LOCAL && conntrack == null && Defragmenter.isFragment(view.bytes())) {
            // ip_local_deliver reassembles before INPUT even without connection tracking
            Defragmenter.Datagram whole = defragmenter.add(view.bytes(), view.length(), now);
            if (whole == null) {
                return stolen();
            }
            view.wrap(whole.ip(), 0, whole.length());
            dst = view.destination();
        }
        if (route == Routing.LOCAL) {
            if (hook(TableKind.MANGLE, Hook.INPUT) != Verdict.ACCEPT
                    || hook(TableKind.FILTER, Hook.INPUT) != Verdict.ACCEPT
                    || hook(TableKind.SECURITY, Hook.INPUT) != Verdict.ACCEPT
                    || nat(ct, Hook.INPUT, true) != Verdict.ACCEPT) {
                return dropped(ct);
            }
            if (!confirm(ct, true, "lo".equals(in))) {
                return "DROP";
            }
            if (observer != null) {
                observer.delivered(view.bytes(), view.length(), view.mark(), depth > 0);
            }
            return "ACCEPT";
        }
        int out = host.routeDevice(dst);
        if (!host.forwarding() || out < 0) {
            return dropped(ct);
        }
        if (view.ttl() <= 1) {
            // ip_forward: time exceeded, about the packet as PREROUTING left it, tied to its connection
            sendOwnError(11, 0, 0);
            return dropped(ct);
        }

        // a target may have grown the packet (TCPMSS adding an option): the view has the bytes
        ip = view.bytes();
        length = view.length();
        PacketRewriter.decrementTtl(ip, 0);
        if (out == dev && (view.ctState() & ConnState.DNAT) == 0
                && redirects.shouldSend(view.source(), host.nextHop(dst), dev, now)) {
            // ip_forward sends a redirect, after the TTL went down and before FORWARD, when the packet
            // leaves by the link it came on; not for a DNATed one (recorded: hairpin DNAT earns none)
            sendOwnError(5, 1, host.nextHop(dst));
        }
        view.outInterface(host.name(out)).hook(Hook.FORWARD);
        if (hook(TableKind.MANGLE, Hook.FORWARD) != Verdict.ACCEPT
                || hook(TableKind.FILTER, Hook.FORWARD) != Verdict.ACCEPT
                || hook(TableKind.SECURITY, Hook.FORWARD) != Verdict.ACCEPT) {
            return dropped(ct);
        }
        ip = view.bytes();
        length = view.length();
        if (recordRoute >= 0) {
            RecordRoute.onForward(ip, 0, recordRoute, host.primaryAddress(out));
        }
        return postrouting(ct, ip, length, out) ? "ACCEPT" : "DROP";
    }

    private String send(byte[] ip, int length) {
        return send(ip, length, NO_CAUSE);
    }

    /**
     * A packet the host sends; {@code cause} is the connection of the packet a REJECT answers: the
     * answer is attached to it as a related reply before it leaves (nf_ct_attach), so it is
     * RELATED from raw OUTPUT on and conntrack's own OUTPUT hook leaves it alone.
     */
    private String send(byte[] ip, int length, int cause) {
        view.wrap(ip, 0, length).inInterface("").socket(socket).traced(false).setMark(0);
        view.setPriority(0); // the sending socket's sk_priority, 0 as no SO_PRIORITY is modelled
        view.linkHeader(-1, -1);
        view.conntrack(ConnState.INVALID, 0, 0, 0, 0, 0, 0); // no entry yet: the state matches say INVALID
        view.template().clear();
        int attached = cause >= 0 && conntrack != null ? conntrack.attach(view, cause) : NO_CAUSE;
        int out = routing.output(view.destination());
        view.outInterface(out < 0 ? "" : host.name(out));
        if (hook(TableKind.RAW, Hook.OUTPUT) != Verdict.ACCEPT) {
            return "DROP";
        }
        int ct = attached >= 0 ? attached : track();
        currentCt = ct;
        if (ct == ConnectionTracking.TABLE_FULL) {
            return "DROP";
        }
        if (hook(TableKind.MANGLE, Hook.OUTPUT) != Verdict.ACCEPT || nat(ct, Hook.OUTPUT, false) != Verdict.ACCEPT) {
            return dropped(ct);
        }
        // a new destination is routed again, but the OUTPUT hook goes on with the device it started
        // with (the kernel passes state->out once); POSTROUTING sees the new one
        out = routing.output(view.destination());
        if (hook(TableKind.FILTER, Hook.OUTPUT) != Verdict.ACCEPT
                || hook(TableKind.SECURITY, Hook.OUTPUT) != Verdict.ACCEPT) {
            return dropped(ct);
        }
        if (out < 0) {
            return dropped(ct);
        }
        return postrouting(ct, view.bytes(), view.length(), out) ? "ACCEPT" : "DROP";
    }

    private boolean postrouting(int ct, byte[] ip, int length, int out) {
        view.outInterface(host.name(out));
        if (hook(TableKind.MANGLE, Hook.POSTROUTING) != Verdict.ACCEPT || nat(ct, Hook.POSTROUTING, true) != Verdict.ACCEPT) {
            dropped(ct);
            return false;
        }
        boolean lo = out == host.indexOf("lo");
        if (!confirm(ct, lo, lo)) {
            return false;
        }
        // the helpers may have rewritten the packet (a NATed FTP command): the view has the bytes
        ip = view.bytes();
        length = view.length();
        if (lo) {
            // to the host itself: back in through lo, as loopback_xmit hands it to ip_rcv
            boolean delivered = "ACCEPT".equals(receive(ip, length, "lo", ct));
            if (delivered && localStack != null && stackDepth < 3) {
                // the host answers what it sent itself, once this packet's passage is over
                byte[] answer = localStack.answer(ip, length);
                if (answer != null) {
                    stackDepth++;
                    LocalSocket sender = socket;
                    socket = stackAnswerSocket(answer);
                    try {
                        send(answer, answer.length);
                    } finally {
                        socket = sender;
                        stackDepth--;
                    }
                }
            }
            return delivered;
        }
        if (report != null) {
            EmittedFrames.record(report, host, fragments, ip, length, out, view.destination());
        }
        if (observer != null) {
            observer.leaving(ip, length, out, view.mark(), depth > 0);
        }
        return true;
    }

    /**
     * The socket of the host stack's own answer: a listener's SYN-ACK belongs to the listening
     * socket (its request socket's listener, root's here as the recordings' listeners are); a
     * closed port's reset, an echo reply or a port unreachable to the kernel's control sockets.
     */
    public static LocalSocket stackAnswerSocket(byte[] answer) {
        boolean tcp = answer.length > 20 && answer[9] == 6;
        int flags = tcp ? answer[((answer[0] & 0x0F) * 4) + 13] & 0x3F : 0;
        return tcp && flags == 0x12 ? LocalSocket.ROOT_LISTENER_REQUEST : LocalSocket.KERNEL;
    }

    private int track() {
        if (conntrack == null || (view.ctState() & ConnState.UNTRACKED) != 0) {
            return ConnectionTracking.UNTRACKED;
        }
        return conntrack.track(view, now);
    }

    private static final int NOT_LOOPED = Integer.MIN_VALUE;
    private static final int NO_CAUSE = -1;

    private String dropped(int ct) {
        if (ct >= 0 && conntrack.isNew(ct)) {
            conntrack.abort(ct);
        }
        return "DROP";
    }

    /**
     * Confirms the connection at the last hook, after its helper (which may drop or rewrite the
     * packet) and the sequence adjustment; false when the helper drops it or its tuples clash with
     * a connection confirmed meanwhile (a NAT binding that found no free tuple): the kernel drops
     * that packet. {@code local}: delivered to this host; {@code loopback}: through lo.
     */
    private boolean confirm(int ct, boolean local, boolean loopback) {
        if (ct < 0) {
            return true;
        }
        // nf_confirm: the connection's helper reads the packet first, and may drop it
        if (!conntrack.help(ct, view, local, loopback)) {
            dropped(ct);
            return false;
        }
        // only the original direction confirms: a REJECT answer attached as a reply never does
        return conntrack.isReply(ct) || conntrack.confirm(ct);
    }

    /**
     * The nat table at {@code hook} for a connection's first packet, binding the connection (a null
     * binding when no rule decided), then the rewrite the binding asks of this packet.
     */
    private int nat(int ct, Hook hook, boolean source) {
        if (ct < 0) {
            return Verdict.ACCEPT;
        }
        // a related ICMP error is translated, never looked up in the nat table (nf_nat_inet_fn)
        boolean relatedIcmp = view.protocol() == 1 && conntrack.isRelated(ct);
        if (relatedIcmp && ruleset.existing(TableKind.NAT) != null
                && view.u8(view.headerLength()) == 5 && !translation.redirectSurvives(ct)) {
            return Verdict.DROP;
        }
        if (conntrack.isNew(ct) && !conntrack.natDone(ct, source) && !relatedIcmp) {
            translation.clearRequest();
            int verdict = hook(TableKind.NAT, hook);
            if (verdict != Verdict.ACCEPT) {
                return verdict;
            }
            translation.bind(ct, source);
        }
        translation.rewrite(ct, source);
        return Verdict.ACCEPT;
    }

    /** One table at one hook; a REJECT answer made there leaves once the table is done with the packet. */
    private int hook(TableKind kind, Hook hook) {
        int verdict = tables.traverse(kind, hook);
        if (!duplicates.isEmpty()) {
            for (PacketDuplicates.Copy copy : duplicates.take()) {
                aside(null, copy);
            }
        }
        if (pendingReply != null) {
            byte[] reply = pendingReply;
            pendingReply = null;
            sendReply(reply);
        }
        return verdict;
    }

    /** An ICMP error the host's own IP layer sends about the current packet (not REJECT's). */
    private void sendOwnError(int type, int code, int rest) {
        if (quietHost || !ownErrors) {
            return;
        }
        byte[] error = RejectReplies.icmpError(view, type, code, rest, host, icmpLimit, now);
        if (error != null) {
            sendReply(error);
        }
    }

    /** A REJECT answer goes out through OUTPUT and POSTROUTING like any packet the host sends. */
    private void sendReply(byte[] reply) {
        aside(reply, null);
    }

    /**
     * Sends a packet the host makes while handling the current one, a REJECT answer ({@code reply})
     * or a TEE copy ({@code copy}), on the same view: the current packet is put aside and restored.
     */
    private void aside(byte[] reply, PacketDuplicates.Copy copy) {
        if (depth > 0) {
            return;
        }
        depth++;
        // the reply is a new packet on the same view: remember and restore the current one
        aside.take(view);
        Table table = tables.current();
        Defragmenter.Datagram datagram = fragments;
        fragments = null;
        int cause = currentCt;
        LocalSocket sender = socket;
        // REJECT's TCP reset is an skb of no socket (nf_send_reset); ICMP errors leave by the
        // kernel's ICMP control socket, a socket without a file (icmp_send)
        socket = copy != null || reply.length > 9 && reply[9] == 6 ? LocalSocket.NONE : LocalSocket.KERNEL;
        try {
            if (copy != null) {
                sendCopy(copy);
            } else {
                send(reply, reply.length, cause);
            }
        } finally {
            socket = sender;
            currentCt = cause;
            if (copy == null && cause >= 0 && conntrack != null) {
                conntrack.detach(cause);
            }
            fragments = datagram;
            depth--;
            aside.restore(view);
            tables.current(table);
        }
    }

    /**
     * A TEE copy leaving as ip_local_out sends it: routed to its gateway, untracked (so conntrack
     * and the nat table leave it alone), through OUTPUT and POSTROUTING, then out by the
     * gateway's device to the gateway's link address. A gateway without a route, or one of the
     * host's own addresses (on Linux the copy loops back through lo and is copied again without
     * end: not modelled), gets no copy.
     */
    private void sendCopy(PacketDuplicates.Copy copy) {
        int byDevice = copy.device() == null ? -1 : host.indexOf(copy.device());
        int out = byDevice >= 0 ? byDevice : host.routeDevice(copy.gateway());
        if (out < 0 || out == host.indexOf("lo") || host.isLocal(copy.gateway())) {
            return;
        }
        byte[] ip = copy.ip();
        view.wrap(ip, 0, ip.length).inInterface("").outInterface(host.name(out)).socket(LocalSocket.NONE)
                .traced(copy.traced());
        view.setMark(copy.mark());
        view.setPriority(copy.priority());
        view.linkHeader(-1, -1);
        view.conntrack(ConnState.UNTRACKED, 0, 0, 0, 0, 0, 0);
        view.template().keep();
        currentCt = ConnectionTracking.UNTRACKED;
        duplicating = true;
        try {
            if (hook(TableKind.RAW, Hook.OUTPUT) != Verdict.ACCEPT || hook(TableKind.MANGLE, Hook.OUTPUT) != Verdict.ACCEPT
                    || hook(TableKind.FILTER, Hook.OUTPUT) != Verdict.ACCEPT
                    || hook(TableKind.SECURITY, Hook.OUTPUT) != Verdict.ACCEPT
                    || hook(TableKind.MANGLE, Hook.POSTROUTING) != Verdict.ACCEPT) {
                return;
            }
        } finally {
            duplicating = false;
        }
        if (report != null) {
            EmittedFrames.record(report, host, null, view.bytes(), view.length(), out, copy.gateway());
        }
        // live mode's observer sends the host's own packets by a raw socket, routed by their
        // destination: a copy meant for the gateway would go to the packet's own destination
        // instead, so live mode sends none (docs/live.md)
    }

    @Override
    public void duplicate(PacketView packet, int gateway, String device) {
        // nf_skb_duplicated: a copy on its way out is never copied again; a quiet host sends nothing
        if (!duplicating && !quietHost) {
            duplicates.add(packet, gateway, device);
        }
    }

    @Override
    public void reject(PacketView packet, int icmpCode) {
        pendingReply = quietHost ? null : RejectReplies.reply(packet, icmpCode, host, checkIpHeaders, icmpLimit, now);
    }

    @Override
    public void log(PacketView packet, int level, String prefix, int flags) {
        String line = LogLine.of(packet, prefix, flags);
        if (report != null) {
            report.log.add(line);
        }
        KERNEL_LOG.info(line);
        if (observer != null) {
            observer.logged(line, level);
        }
    }

    /** NFLOG's copy, kept in the report for replay --nflog; nothing is kept without a report. */
    @Override
    public void nflog(PacketView packet, int group, String prefix, long size) {
        if (report == null) {
            return;
        }
        int in = packet.inInterface().isEmpty() ? 0 : host.interfaceIndex(host.indexOf(packet.inInterface()));
        int out = packet.outInterface().isEmpty() ? 0 : host.interfaceIndex(host.indexOf(packet.outInterface()));
        report.nflog.add(NflogRecord.of(packet, hookNumber(packet.hook()), in, out, group, prefix, size));
    }

    /** NF_INET_PRE_ROUTING 0, LOCAL_IN 1, FORWARD 2, LOCAL_OUT 3, POST_ROUTING 4. */
    private static int hookNumber(Hook hook) {
        return switch (hook) {
            case PREROUTING -> 0;
            case INPUT -> 1;
            case FORWARD -> 2;
            case OUTPUT -> 3;
            case POSTROUTING -> 4;
        };
    }

    @Override
    public void nat(PacketView packet, int kind, int minAddress, int maxAddress, int minPort, int maxPort, int flags) {
        translation.request(packet, kind, minAddress, maxAddress, minPort, maxPort, flags);
    }
}
