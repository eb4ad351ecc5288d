package org.jptables.plugins.tproxy;

import org.jptables.api.Addresses;
import org.jptables.api.ListingFormat;
import org.jptables.api.Packet;
import org.jptables.api.Sockets;
import org.jptables.api.StateScope;
import org.jptables.api.Target;
import org.jptables.api.Verdict;

/**
 * tproxy_tg4: a packet of an established connection goes to its own socket (a SYN meeting a
 * TIME_WAIT remnant goes to the listener instead, as nf_tproxy_handle_time_wait4 reopens it), any
 * other to the listener on {@code --on-ip} (else the arriving interface's primary address, else
 * the destination) and {@code --on-port} (0: the destination port). Only a transparent socket
 * takes it: the mark is set ({@code (mark & ~mask) ^ value}), the packet assigned to the socket and
 * accepted; without one the packet is dropped. The addresses are never rewritten.
 *
 * @param port    --on-port, 0 for the packet's own destination port
 * @param address --on-ip, 0 for none
 */
record TproxyTarget(int port, int address, int markValue, int markMask) implements Target {
    private static final int FIN = 0x01;
    private static final int SYN = 0x02;
    private static final int RST = 0x04;
    private static final int ACK = 0x10;

    @Override
    public int apply(Packet p) {
        int header = p.transportOffset();
        if (p.u8(header + 7) < 0) {
            return Verdict.DROP; // no whole UDP-sized header: skb_header_pointer failed
        }
        int protocol = p.protocol();
        int source = p.source();
        int destination = p.destination();
        int sourcePort = p.u16(header);
        int destinationPort = p.u16(header + 2);
        int socket = p.findSocket(protocol, source, sourcePort, destination, destinationPort, Sockets.LOOKUP_ESTABLISHED);
        int localAddress = address != 0 ? address : p.inInterfaceAddress();
        if (localAddress == 0) {
            localAddress = destination;
        }
        int localPort = port != 0 ? port : destinationPort;
        if (socket != Sockets.NONE && (p.socketFlags(socket) & Sockets.TIME_WAIT) != 0) {
            if (p.u8(header + 19) < 0) {
                return Verdict.DROP; // nf_tproxy_handle_time_wait4 reads the whole TCP header
            }
            if ((p.u8(header + 13) & (SYN | RST | ACK | FIN)) == SYN) {
                int listener = p.findSocket(protocol, source, sourcePort, localAddress, localPort, Sockets.LOOKUP_LISTENER);
                if (listener != Sockets.NONE) {
                    socket = listener;
                }
            }
        } else if (socket == Sockets.NONE) {
            socket = p.findSocket(protocol, source, sourcePort, localAddress, localPort, Sockets.LOOKUP_LISTENER);
        }
        if (socket == Sockets.NONE || (p.socketFlags(socket) & Sockets.TRANSPARENT) == 0) {
            return Verdict.DROP;
        }
        p.setMark((p.mark() & ~markMask) ^ markValue);
        p.assignSocket(socket);
        return Verdict.ACCEPT;
    }

    /** " TPROXY redirect ADDR:PORT mark 0x%x/0x%x", numeric in -L too. */
    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(" TPROXY redirect ").append(Addresses.format(address)).append(':').append(port)
                .append(" mark 0x").append(Integer.toHexString(markValue)).append("/0x").append(Integer.toHexString(markMask));
    }

    @Override
    public void save(StringBuilder out) {
        out.append(" --on-port ").append(port).append(" --on-ip ").append(Addresses.format(address))
                .append(" --tproxy-mark 0x").append(Integer.toHexString(markValue))
                .append("/0x").append(Integer.toHexString(markMask));
    }

    /** The host's sockets are a fixed part of the host: the packet alone decides. */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
