package org.jptables.kernel.path;

import org.jptables.api.ConnState;
import org.jptables.api.Hook;
import org.jptables.api.Sockets;
import org.jptables.api.Verdict;
import org.jptables.kernel.effects.IcmpRateLimit;
import org.jptables.kernel.eval.EvalMode;
import org.jptables.kernel.host.Host;
import org.jptables.kernel.model.Ruleset;
import org.jptables.kernel.model.TableKind;
import org.jptables.kernel.nat.PacketRewriter;
import org.jptables.kernel.packet.PacketEffects;
import org.jptables.kernel.packet.ConnectionMarks;
import org.jptables.kernel.packet.LocalSocket;
import org.jptables.kernel.packet.PacketView;

/**
 * The hooks of Linux's IPv4 stack in their order, with the tables at each hook in priority order:
 * PREROUTING (raw, conntrack, mangle, nat), routing, INPUT (mangle, filter, security, nat) or
 * FORWARD (mangle, filter, security), then POSTROUTING (mangle, nat); for packets the host sends,
 * OUTPUT (raw, conntrack, mangle, nat, filter, security) and POSTROUTING. The nat table sees only
 * the first packet of a connection; later packets are rewritten from the connection's binding.
 * One path per thread: its packet view and evaluator are reused.
 */
public final class PacketPath implements PacketEffects {
    private final Host host;
    private final ConnectionTracking conntrack;
    private final PacketView view = new PacketView();
    private final TableTraversal tables;
    private final NatTranslation translation;
    private final Routing routing;

    private PacketResult report;
    private long now;
    private LocalStack localStack;
    private int stackDepth;
    private final Defragmenter defragmenter = new Defragmenter();
    private final TeeCopies copies;
    private final ConnectionSteps connections;
    private final LogEffects logs;
    private final HostPackets hostPackets;
    private final BridgeForwarding bridging;
    private final Redirects redirects;
    /** The datagram being handled when it was reassembled from fragments, else null. */
    private Defragmenter.Datagram fragments;
    private boolean checkIpHeaders = true;
    /** The connection of the packet being handled, for REJECT's answer to attach to. */
    private int currentCt = NO_CAUSE;
    /** The socket of the packet the host sends next (the caller's, or the kernel's for its own answers). */
    private LocalSocket socket = LocalSocket.NONE;
    private PathObserver observer;
    /** The sender's MAC address of the next arriving packet when it is known (live), else -1. */
    private long arrivingMac = -1;

    public PacketPath(Ruleset ruleset, Host host, ConnectionTracking conntrack) {
        this.host = host;
        this.conntrack = conntrack != null && RulesetNeeds.connectionTracking(ruleset) ? conntrack : null;
        if (this.conntrack != null && RulesetNeeds.conntrackAccounting(ruleset)) {
            this.conntrack.enableAccounting();
        }
        if (this.conntrack != null && RulesetNeeds.conntrackLabels(ruleset)) {
            this.conntrack.enableLabels();
        }
        this.redirects = new Redirects(host);
        this.tables = new TableTraversal(ruleset, view);
        this.translation = new NatTranslation(host, this.conntrack, view);
        this.routing = new Routing(host);
        // one method reference, made here, serves every packet: the hooks allocate nothing
        HookRunner hooks = this::hook;
        this.copies = new TeeCopies(host, view, hooks);
        this.connections = new ConnectionSteps(this.conntrack, ruleset, view, translation, hooks);
        this.logs = new LogEffects(host);
        this.hostPackets = new HostPackets(host, view, tables, this.conntrack, copies, new AtHand());
        this.bridging = new BridgeForwarding(host, view, hooks,
                (ct, bridge, out) -> postrouting(ct, view.bytes(), view.length(), bridge, out));
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
        hostPackets.ownErrors(make);
        return this;
    }

    /**
     * Holds the ICMP errors the host sends (REJECT's, the IP layer's) to Linux's rate limits; null
     * (the default, and offline) sends every one. A held error never reaches OUTPUT, as in icmp_send.
     */
    public PacketPath icmpRateLimit(IcmpRateLimit limit) {
        hostPackets.icmpRateLimit(limit);
        return this;
    }

    /**
     * The CPU the next packets are handled on (smp_processor_id() in the hooks: what -m cpu and
     * -m bpf's {@code ld cpu} read), 0 unless told; packets the host makes meanwhile share it.
     */
    public PacketPath cpu(int cpu) {
        view.cpu(cpu);
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
        hostPackets.quietHost(quiet);
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
        // br_netfilter hands iptables a frame from a bridge port as the bridge's, the port as physindev
        int port = !looped && host.bridgeOf(dev) >= 0 ? dev : -1;
        if (port >= 0) {
            dev = host.bridgeOf(port);
        }
        // wrap keeps the mark and the conntrack fields: a looped packet keeps both, a new one starts clean
        // an arriving skb has no socket yet (a looped one lost it in loopback_xmit's skb_orphan)
        view.wrap(ip, 0, length).inInterface(host.name(dev)).outInterface("").socket(LocalSocket.NONE)
                .bridgePorts(port < 0 ? "" : host.name(port), "");
        if (looped) {
            view.linkHeader(0, 0);
            if (loopedCt >= 0 || loopedCt == ConnectionTracking.UNTRACKED) {
                view.template().keep();
            }
        } else {
            view.setMark(0);
            view.setPriority(0);
            view.traced(false);
            long to = port < 0 ? host.mac(dev) : BridgeFrames.destinationMac(host, dev, view.destination());
            view.linkHeader(to, arrivingMac >= 0 ? arrivingMac : host.senderMac(dev, view.source()));
            arrivingMac = -1;
            view.conntrack(ConnState.INVALID, 0, 0, 0, 0, 0, 0); // no entry yet: the state matches say INVALID
            view.template().clear();
        }
        int arrivedFor = view.destination();
        if (hook(TableKind.RAW, Hook.PREROUTING) != Verdict.ACCEPT) {
            return "DROP";
        }
        int ct = looped ? loopedCt : connections.track(now);
        currentCt = ct;
        if (ct == ConnectionTracking.TABLE_FULL) {
            return "DROP";
        }
        if (hook(TableKind.MANGLE, Hook.PREROUTING) != Verdict.ACCEPT) {
            return connections.dropped(ct);
        }
        if (connections.nat(ct, Hook.PREROUTING, false) != Verdict.ACCEPT) {
            return connections.dropped(ct);
        }
        if (port >= 0 && view.destination() != arrivedFor) {
            view.linkHeader(BridgeFrames.afterDestinationNat(host, dev, view.destination()), view.sourceMac());
        }
        if (port >= 0 && view.destinationMac() != host.mac(dev)) {
            return bridging.forward(ct, dev, port) ? "ACCEPT" : connections.dropped(ct);
        }
        if (observer != null && !looped) {
            observer.routed(view.bytes(), view.length(), view.mark());
        }
        int route = routing.input(view.source(), view.destination(), host.name(dev), view.mark());
        if (route == Routing.DROP || route == Routing.FORWARD && view.assignedSocket() != Sockets.NONE) {
            // ip_forward drops a packet TPROXY assigned to a local socket (skb->sk)
            return connections.dropped(ct);
        }
        int dst = view.destination();
        if (view.headerLength() > 20 && !looped) {
            int options = IpOptions.check(view.bytes(), view.offset());
            if (options == IpOptions.SOURCE_ROUTED) {
                return connections.dropped(ct);
            }
            if (options != IpOptions.OK) {
                hostPackets.sendOwnError(12, 0, options << 24, report, now);
                return connections.dropped(ct);
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
            view.routeRealm(0); // the local table's route, which names no realm
            if (hook(TableKind.MANGLE, Hook.INPUT) != Verdict.ACCEPT
                    || hook(TableKind.FILTER, Hook.INPUT) != Verdict.ACCEPT
                    || hook(TableKind.SECURITY, Hook.INPUT) != Verdict.ACCEPT
                    || connections.nat(ct, Hook.INPUT, true) != Verdict.ACCEPT) {
                return connections.dropped(ct);
            }
            if (!"lo".equals(in) && hostPackets.synproxy(ct) != ConnectionTracking.SYNPROXY_ACCEPT) {
                return "DROP";
            }
            if (!connections.confirm(ct, true, "lo".equals(in))) {
                return "DROP";
            }
            if (observer != null) {
                observer.delivered(view.bytes(), view.length(), view.mark(), hostPackets.sending());
            }
            return "ACCEPT";
        }
        int out = host.routeDevice(dst);
        view.routeRealm(host.routeRealm(dst));
        if (!host.forwarding() || out < 0) {
            return connections.dropped(ct);
        }
        if (view.ttl() <= 1) {
            // ip_forward: time exceeded, about the packet as PREROUTING left it, tied to its connection
            hostPackets.sendOwnError(11, 0, 0, report, now);
            return connections.dropped(ct);
        }

        // a target may have grown the packet (TCPMSS adding an option): the view has the bytes
        ip = view.bytes();
        length = view.length();
        PacketRewriter.decrementTtl(ip, 0);
        if (out == dev && (view.ctState() & ConnState.DNAT) == 0
                && redirects.shouldSend(view.source(), host.nextHop(dst), dev, now)) {
            // ip_forward sends a redirect, after the TTL went down and before FORWARD, when the packet
            // leaves by the link it came on; not for a DNATed one (recorded: hairpin DNAT earns none)
            hostPackets.sendOwnError(5, 1, host.nextHop(dst), report, now);
        }
        view.outInterface(host.name(out)).hook(Hook.FORWARD);
        if (hook(TableKind.MANGLE, Hook.FORWARD) != Verdict.ACCEPT
                || hook(TableKind.FILTER, Hook.FORWARD) != Verdict.ACCEPT
                || hook(TableKind.SECURITY, Hook.FORWARD) != Verdict.ACCEPT) {
            return connections.dropped(ct);
        }
        ip = view.bytes();
        length = view.length();
        if (recordRoute >= 0) {
            RecordRoute.onForward(ip, 0, recordRoute, host.primaryAddress(out));
        }
        return postrouting(ct, ip, length, out, -1) ? "ACCEPT" : "DROP";
    }

    private String send(byte[] ip, int length) {
        return send(ip, length, NO_CAUSE, HostPackets.ATTACH_RELATED);
    }

    /**
     * A packet the host sends; {@code cause} is the connection of the packet a REJECT answers: the
     * answer is attached to it as a related reply before it leaves (nf_ct_attach), so it is
     * RELATED from raw OUTPUT on and conntrack's own OUTPUT hook leaves it alone.
     */
    private String send(byte[] ip, int length, int cause, int attach) {
        view.wrap(ip, 0, length).inInterface("").bridgePorts("", "").socket(socket).traced(false).setMark(0);
        // SYNPROXY's segments leave their TCP checksum to the device
        view.checksumPartial(hostPackets.sendingSegment());
        view.setPriority(0); // the sending socket's sk_priority, 0 as no SO_PRIORITY is modelled
        view.linkHeader(-1, -1);
        view.conntrack(ConnState.INVALID, 0, 0, 0, 0, 0, 0); // no entry yet: the state matches say INVALID
        view.template().clear();
        int attached = cause < 0 || conntrack == null ? NO_CAUSE
                : attach == HostPackets.ATTACH_REPLY ? conntrack.attachAsReply(view, cause) : conntrack.attach(view, cause);
        int out = routing.output(view.destination());
        view.outInterface(out < 0 ? "" : host.name(out));
        view.routeRealm(routing.realm(view.destination()));
        if (hook(TableKind.RAW, Hook.OUTPUT) != Verdict.ACCEPT) {
            return "DROP";
        }
        int ct = attached >= 0 ? attached : connections.track(now);
        currentCt = ct;
        if (ct == ConnectionTracking.TABLE_FULL) {
            return "DROP";
        }
        if (attach == HostPackets.TRACK_SYNPROXY && ct >= 0 && conntrack.isNew(ct)) {
            conntrack.addSynproxy(ct); // the template's extensions (nf_ct_tmpl with seqadj and synproxy)
        }
        if (hook(TableKind.MANGLE, Hook.OUTPUT) != Verdict.ACCEPT
                || connections.nat(ct, Hook.OUTPUT, false) != Verdict.ACCEPT) {
            return connections.dropped(ct);
        }
        // a new destination is routed again, but the OUTPUT hook goes on with the device it started
        // with (the kernel passes state->out once); POSTROUTING sees the new one
        out = routing.output(view.destination());
        view.routeRealm(routing.realm(view.destination()));
        if (hook(TableKind.FILTER, Hook.OUTPUT) != Verdict.ACCEPT
                || hook(TableKind.SECURITY, Hook.OUTPUT) != Verdict.ACCEPT) {
            return connections.dropped(ct);
        }
        if (out < 0) {
            return connections.dropped(ct);
        }
        return postrouting(ct, view.bytes(), view.length(), out, -1) ? "ACCEPT" : "DROP";
    }

    /** {@code port}: the bridge port a bridged frame leaves by (its MACs unchanged), else -1. */
    private boolean postrouting(int ct, byte[] ip, int length, int out, int port) {
        view.outInterface(host.name(out));
        if (hook(TableKind.MANGLE, Hook.POSTROUTING) != Verdict.ACCEPT
                || connections.nat(ct, Hook.POSTROUTING, true) != Verdict.ACCEPT) {
            connections.dropped(ct);
            return false;
        }
        boolean lo = out == host.indexOf("lo");
        // nf_is_loopback_packet holds only for what came in through lo: the host's own packets
        // meet the hook here even when they leave by lo (a local server's SYN-ACK)
        if (hostPackets.synproxy(ct) != ConnectionTracking.SYNPROXY_ACCEPT) {
            return false;
        }
        if (!connections.confirm(ct, lo, lo)) {
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
            if (port >= 0) {
                EmittedFrames.record(report, fragments, ip, length, host.name(port), view.destinationMac(),
                        view.sourceMac());
            } else {
                EmittedFrames.record(report, host, fragments, ip, length, out, view.destination());
            }
        }
        if (observer != null) {
            observer.leaving(ip, length, out, view.mark(), hostPackets.sending());
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

    private static final int NOT_LOOPED = Integer.MIN_VALUE;
    private static final int NO_CAUSE = HostPackets.NO_CAUSE;

    /** One table at one hook; a REJECT answer made there leaves once the table is done with the packet. */
    private int hook(TableKind kind, Hook hook) {
        int verdict = tables.traverse(kind, hook);
        hostPackets.afterTable(report, now);
        return verdict;
    }

    /**
     * SYNPROXY's segments leave as synproxy_send_tcp sends them: no socket, through OUTPUT and
     * POSTROUTING, the packet at hand put aside meanwhile; a quiet host sends none.
     */
    @Override
    public void sendFromHost(PacketView packet, byte[] ip, int length, int conntrackKind) {
        hostPackets.sendFromHost(ip, length, conntrackKind);
    }

    @Override
    public void duplicate(PacketView packet, int gateway, String device) {
        hostPackets.duplicate(packet, gateway, device);
    }

    @Override
    public void reject(PacketView packet, int icmpCode) {
        hostPackets.reject(packet, icmpCode, checkIpHeaders, now);
    }

    @Override
    public void log(PacketView packet, int level, String prefix, int flags) {
        logs.log(packet, level, prefix, flags, report, observer);
    }

    /** NFLOG's copy, kept in the report for replay --nflog; nothing is kept without a report. */
    @Override
    public void nflog(PacketView packet, int group, String prefix, long size) {
        logs.nflog(packet, group, prefix, size, report);
    }

    @Override
    public void nat(PacketView packet, int kind, int minAddress, int maxAddress, int minPort, int maxPort, int flags) {
        translation.request(packet, kind, minAddress, maxAddress, minPort, maxPort, flags);
    }

    /**
     * The packet at hand as the host's own packets see it: its connection, and the state the path
     * keeps of it (fragments, connection, socket) while one of them goes out on the view.
     */
    private final class AtHand implements HostPackets.PacketAtHand {
        @Override
        public int connection() {
            return currentCt;
        }

        @Override
        public void send(byte[] ip, int cause, int attach, LocalSocket as) {
            keepingPacketAtHand(ip, null, cause, attach, as);
        }

        @Override
        public void sendCopy(PacketDuplicates.Copy copy) {
            keepingPacketAtHand(null, copy, NO_CAUSE, HostPackets.ATTACH_RELATED, LocalSocket.NONE);
        }

        private void keepingPacketAtHand(byte[] ip, PacketDuplicates.Copy copy, int cause, int attach,
                                         LocalSocket as) {
            Defragmenter.Datagram datagram = fragments;
            fragments = null;
            int current = currentCt;
            LocalSocket sender = socket;
            socket = as;
            try {
                if (copy != null) {
                    currentCt = ConnectionTracking.UNTRACKED; // TEE's copy is untracked
                    copies.send(copy, report);
                } else {
                    PacketPath.this.send(ip, ip.length, cause, attach);
                }
            } finally {
                socket = sender;
                currentCt = current;
                fragments = datagram;
            }
        }
    }
}
