package org.jptables.kernel.packet;

import org.jptables.api.ConnState;
import org.jptables.api.Packet;
import org.jptables.api.Sockets;

/**
 * nf_sk_lookup_slow_v4: the socket of the host a received packet is for. A TCP or UDP packet is
 * looked up by its own addresses and ports; an ICMP error by the TCP or UDP packet it quotes,
 * which the host sent, so with its addresses and ports swapped; other packets have none. A reply
 * of a connection whose source was NATed is looked up by the connection's original source, the
 * address the socket is bound to.
 */
final class PacketSocketLookup {
    private PacketSocketLookup() {
    }

    static int lookup(Packet p, SocketTable sockets) {
        int header = p.transportOffset();
        int protocol = p.protocol();
        int source;
        int destination;
        int sourcePort;
        int destinationPort;
        if (protocol == 6 || protocol == 17) {
            // skb_header_pointer of a whole TCP (20 bytes) or UDP (8 bytes) header
            if (p.u8(header + (protocol == 6 ? 19 : 7)) < 0) {
                return Sockets.NONE;
            }
            source = p.source();
            destination = p.destination();
            sourcePort = p.u16(header);
            destinationPort = p.u16(header + 2);
        } else if (protocol == 1) {
            int type = p.u8(header);
            if (type != 3 && type != 4 && type != 5 && type != 11 && type != 12) {
                return Sockets.NONE;
            }
            int inner = header + 8;
            int innerProtocol = p.u8(inner + 9);
            if (p.u8(inner + 19) < 0 || innerProtocol != 6 && innerProtocol != 17) {
                return Sockets.NONE;
            }
            int ports = inner + (p.u8(inner) & 0x0F) * 4;
            if (p.u8(ports + 3) < 0) {
                return Sockets.NONE;
            }
            protocol = innerProtocol;
            source = (int) p.u32(inner + 16);
            destination = (int) p.u32(inner + 12);
            sourcePort = p.u16(ports + 2);
            destinationPort = p.u16(ports);
        } else {
            return Sockets.NONE;
        }
        int state = p.ctState();
        boolean reply = p.ctDirection() == 1 && p.ctProtocol() != 0;
        boolean snatReply = reply && (state & ConnState.SNAT) != 0
                && (p.protocol() != 1 ? (state & ConnState.ESTABLISHED) != 0 : (state & ConnState.RELATED) != 0);
        if (snatReply) {
            destination = p.ctOriginalSource();
            if (p.protocol() != 1) {
                destinationPort = p.ctOriginalSourcePort();
            }
        }
        return sockets.find(protocol, source, sourcePort, destination, destinationPort, Sockets.LOOKUP_ANY);
    }
}
