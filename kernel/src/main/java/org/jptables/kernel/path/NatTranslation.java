package org.jptables.kernel.path;

import org.jptables.api.Effects;
import org.jptables.kernel.host.Host;
import org.jptables.kernel.nat.PacketRewriter;
import org.jptables.kernel.packet.Checksums;
import org.jptables.kernel.packet.PacketView;

/**
 * NAT once the nat table has had its say: the range its target asked for (SNAT, DNAT, MASQUERADE,
 * REDIRECT), the connection's binding made of it, and the rewrite that binding asks of each
 * packet of the connection, ICMP errors quoting one of its packets included. Whether the nat
 * table runs at all is the path's decision; this class only remembers and rewrites.
 *
 * <p>One per path, working on the path's view: the request is kept in fields and tuples are read
 * into one reused array so that nothing is allocated per packet.
 */
final class NatTranslation {
    private final Host host;
    private final ConnectionTracking conntrack;
    private final PacketView view;
    private final int[] tuple = new int[4];

    private int kind;
    private int minAddress;
    private int maxAddress;
    private int minPort;
    private int maxPort;
    private int flags;
    private boolean requested;

    /** {@code conntrack} may be null: then no packet has a connection and nothing here is called. */
    NatTranslation(Host host, ConnectionTracking conntrack, PacketView view) {
        this.host = host;
        this.conntrack = conntrack;
        this.view = view;
    }

    /** Before the nat table runs: a rule that asks nothing leaves a null binding. */
    void clearRequest() {
        requested = false;
    }

    /** A nat target's request, as {@link org.jptables.kernel.packet.PacketEffects#nat} passes it. */
    void request(PacketView packet, int kind, int minAddress, int maxAddress, int minPort, int maxPort, int flags) {
        requested = true;
        this.kind = kind;
        switch (kind) {
            case Effects.MASQUERADE -> this.minAddress = host.primaryAddress(host.indexOf(packet.outInterface()));
            case Effects.REDIRECT -> this.minAddress = packet.inInterface().isEmpty() ? 0x7F000001
                    : host.primaryAddress(host.indexOf(packet.inInterface()));
            default -> {
                this.minAddress = (flags & Effects.NAT_MAP_IPS) != 0 ? minAddress : 0;
                this.maxAddress = (flags & Effects.NAT_MAP_IPS) != 0 ? maxAddress : 0;
            }
        }
        if (kind == Effects.MASQUERADE || kind == Effects.REDIRECT) {
            this.maxAddress = this.minAddress;
        }
        this.minPort = minPort;
        this.maxPort = maxPort == 0 ? minPort : maxPort;
        this.flags = flags;
    }

    /** After the nat table accepted a connection's first packet: the binding, null when no rule asked. */
    void bind(int ct, boolean source) {
        if (requested) {
            conntrack.bindNat(ct, source, minAddress, maxAddress, minPort, maxPort, flags);
        } else {
            conntrack.bindNat(ct, source, 0, 0);
        }
    }

    /**
     * nf_nat_icmp_reply_translation drops a redirect about a connection whose NAT is not bound on
     * both sides or that is NATed: its peers would go on talking past the translation.
     */
    boolean redirectSurvives(int ct) {
        return conntrack.natDone(ct, true) && conntrack.natDone(ct, false) && !conntrack.natted(ct);
    }

    /** Rewrites the packet to the inverse of the other direction's tuple, on the side this hook owns. */
    void rewrite(int ct, boolean source) {
        if (view.protocol() == 1 && conntrack.isRelated(ct)) {
            translateIcmpError(ct, source);
            return;
        }
        conntrack.tuple(ct, !conntrack.isReply(ct), tuple);
        // the packet must look like the other direction's tuple inverted: its src is that dst
        int wantSrc = tuple[1];
        int wantDst = tuple[0];
        int wantSport = tuple[3];
        int wantDport = tuple[2];
        byte[] b = view.bytes();
        int length = view.length();
        int proto = view.protocol();
        if (source) {
            PacketRewriter.address(b, view.offset(), length, true, wantSrc);
            if (proto == 6 || proto == 17) {
                PacketRewriter.port(b, view.offset(), length, true, wantSport);
            }
        } else {
            PacketRewriter.address(b, view.offset(), length, false, wantDst);
            if (proto == 6 || proto == 17) {
                PacketRewriter.port(b, view.offset(), length, false, wantDport);
            }
        }
    }

    /**
     * nf_nat_icmp_reply_translation: an ICMP error about a NATed connection is made to look like an
     * error about the packet its receiver sent: the quoted packet gets the opposite manip (so that it
     * is what the receiver sent), the outer header the manip of this hook. Only the manip the binding
     * did in the error's direction applies; an error from a router on the way keeps its own source.
     */
    private void translateIcmpError(int ct, boolean source) {
        boolean reply = conntrack.isReply(ct);
        if (!conntrack.natted(ct, source != reply)) {
            return;
        }
        conntrack.tuple(ct, !reply, tuple);
        byte[] b = view.bytes();
        int ip = view.offset();
        int length = view.length();
        int icmp = ip + (b[ip] & 0x0F) * 4;
        int inner = icmp + 8;
        if (inner + 20 > ip + length) {
            return;
        }
        int innerLength = ip + length - inner;
        int innerProto = b[inner + 9] & 0xFF;
        boolean ports = innerProto == 6 || innerProto == 17;
        if (source) {
            PacketRewriter.address(b, inner, innerLength, false, tuple[1]);
            if (ports) {
                PacketRewriter.port(b, inner, innerLength, false, tuple[3]);
            }
        } else {
            PacketRewriter.address(b, inner, innerLength, true, tuple[0]);
            if (ports) {
                PacketRewriter.port(b, inner, innerLength, true, tuple[2]);
            }
        }
        // the quoted bytes changed under the ICMP checksum: the kernel sums the message again
        b[icmp + 2] = 0;
        b[icmp + 3] = 0;
        int sum = Checksums.finish(Checksums.sum(b, icmp, ip + length - icmp, 0));
        b[icmp + 2] = (byte) (sum >>> 8);
        b[icmp + 3] = (byte) sum;
        PacketRewriter.address(b, ip, length, source, source ? tuple[1] : tuple[0]);
    }
}
