package org.jptables.kernel.ipset;

import org.jptables.api.Packet;
import org.jptables.api.SetLookup;

/**
 * bitmap:port (ip_set_bitmap_port.c): the ports of a range. Only TCP and UDP packets give a port
 * to it (ip_set_get_ip_port).
 */
final class BitmapPort extends BitmapSetData {
    final int first;
    final int last;

    BitmapPort(String name, CreateAttributes c, long now, int first, int last) {
        super(SetType.BITMAP_PORT, name, c, now, last - first + 1);
        this.first = first;
        this.last = last;
    }

    /** bitmap_port_create. */
    static BitmapPort create(String name, CreateAttributes c, long now) throws SetException {
        if (c.port == null || c.portTo == null) {
            throw SetError.PROTOCOL.exception();
        }
        return new BitmapPort(name, c, now, Math.min(c.port, c.portTo), Math.max(c.port, c.portTo));
    }

    @Override
    int packetId(Packet packet, SetLookup lookup) {
        int protocol = packet.protocol();
        if (protocol != 6 && protocol != 17) {
            return -1;
        }
        int port = PacketFields.port(packet, lookup.source(0));
        return port < first || port > last ? -1 : port - first;
    }

    private int start(SetAttributes a) throws SetException {
        if (a.port == null) {
            throw SetError.PROTOCOL.exception();
        }
        int port = a.port;
        if (port < first || port > last) {
            throw SetError.BITMAP_RANGE.exception();
        }
        commandValues(a);
        return port;
    }

    @Override
    synchronized void command(int adt, SetAttributes a, boolean exist, long now, SetStore store)
            throws SetException {
        int port = start(a);
        int portTo = port;
        if (a.portTo != null) {
            portTo = a.portTo;
            if (port > portTo) {
                int t = port;
                port = portTo;
                portTo = t;
                if (port < first) {
                    throw SetError.BITMAP_RANGE.exception();
                }
            }
        }
        if (portTo > last) {
            throw SetError.BITMAP_RANGE.exception();
        }
        EntryValues v = commandValues(a);
        for (int p = port; p <= portTo; p++) {
            HashSetData.check(adt(adt, p - first, v, 0, exist, now), exist);
        }
    }

    @Override
    synchronized boolean commandTest(SetAttributes a, long now, SetStore store) throws SetException {
        int port = start(a);
        return adt(TEST, port - first, commandValues(a), 0, false, now) > 0;
    }

    @Override
    void describe(int id, SetAttributes out) {
        out.port = first + id;
    }

    @Override
    int idOf(SetAttributes a) {
        return a.port == null || a.port < first || a.port > last ? -1 : a.port - first;
    }

    @Override
    CreateAttributes header() {
        CreateAttributes h = new CreateAttributes();
        h.port = first;
        h.portTo = last;
        return flags(h);
    }

    @Override
    boolean sameAs(IpSetData other) {
        return other instanceof BitmapPort o && o.first == first && o.last == last
                && o.defaultTimeout == defaultTimeout && o.x.sameAs(x);
    }
}
