package org.jptables.kernel.ipset;

import org.jptables.api.Packet;
import org.jptables.api.SetLookup;

/**
 * hash:ip,port (ip_set_hash_ipport.c): address and protocol with port. Its element is the address
 * word and a word of the port's big-endian bytes, the protocol and padding. Ranges of addresses
 * and of ports (for protocols with ports) are stepped address by address, port by port.
 */
final class HashIpPort extends HashSetData {
    final int netmask;
    final long bitmask;
    private final int[] commandKey = new int[2];

    HashIpPort(SetType type, String name, CreateAttributes c, long now) {
        super(type, name, c, now, 2);
        this.netmask = c.netmask == null ? 32 : c.netmask;
        this.bitmask = c.bitmask != null ? c.bitmask : PacketFields.netmask(netmask);
    }

    @Override
    int packetAdt(Packet packet, SetLookup lookup, int adt, EntryValues v, int flags, long now) {
        int port = PacketFields.port(packet, lookup.source(1));
        if (port == PacketFields.NO_PORT) {
            return -1;
        }
        long ip = PacketFields.address(packet, lookup.source(0)) & bitmask;
        if (ip == 0) {
            return -1;
        }
        packetKey[0] = PacketFields.word(ip);
        packetKey[1] = PacketFields.portWord(port, packet.protocol(), 0);
        return adt(adt, packetKey, false, v, flags, (flags & SetLookup.FLAG_EXIST) != 0, now,
                false);
    }

    private EntryValues start(SetAttributes a) throws SetException {
        if (a.ip == null || a.port == null) {
            throw SetError.PROTOCOL.exception();
        }
        EntryValues v = commandValues(a);
        if ((a.ip & bitmask) == 0) {
            throw SetError.INVALID.exception();
        }
        return v;
    }

    @Override
    synchronized void command(int adt, SetAttributes a, boolean exist, long now, SetStore store)
            throws SetException {
        EntryValues v = start(a);
        long ip = a.ip & bitmask;
        int port = commandPort(a);
        int proto = a.proto;
        if (a.ipTo == null && a.cidr == null && a.portTo == null) {
            set(ip, port, proto);
            check(adt(adt, commandKey, false, v, 0, exist, now, true), exist);
            return;
        }
        long ipTo = ip;
        if (a.ipTo != null) {
            ipTo = a.ipTo;
            if (ip > ipTo) {
                long t = ip;
                ip = ipTo;
                ipTo = t;
            }
        } else if (a.cidr != null) {
            if (a.cidr == 0 || a.cidr > 32) {
                throw SetError.INVALID_CIDR.exception();
            }
            ip &= PacketFields.netmask(a.cidr);
            ipTo = Ranges.last(ip, a.cidr);
        }
        int portTo = port;
        if (PacketFields.withPorts(proto) && a.portTo != null) {
            portTo = a.portTo;
            if (port > portTo) {
                int t = port;
                port = portTo;
                portTo = t;
            }
        }
        for (; ip <= ipTo; ip++) {
            for (int p = port; p <= portTo; p++) {
                set(ip, p, proto);
                check(adt(adt, commandKey, false, v, 0, exist, now, true), exist);
            }
        }
    }

    private void set(long ip, int port, int proto) {
        commandKey[0] = PacketFields.word(ip);
        commandKey[1] = PacketFields.portWord(port, proto, 0);
    }

    @Override
    synchronized boolean commandTest(SetAttributes a, long now, SetStore store) throws SetException {
        EntryValues v = start(a);
        set(a.ip & bitmask, commandPort(a), a.proto);
        return adt(TEST, commandKey, false, v, 0, false, now, true) > 0;
    }

    @Override
    boolean keyOf(SetAttributes a, int[] key) {
        if (a.ip == null || a.port == null || a.proto == null) {
            return false;
        }
        key[0] = PacketFields.word(a.ip);
        key[1] = PacketFields.portWord(a.port, a.proto, 0);
        return true;
    }

    @Override
    void describe(int[] keys, int offset, boolean nomatch, SetAttributes out) {
        out.ip = PacketFields.address(keys[offset]);
        int w = keys[offset + 1];
        out.port = ((w & 0xFF) << 8) | ((w >>> 8) & 0xFF);
        out.proto = (w >>> 16) & 0xFF;
    }

    @Override
    CreateAttributes header() {
        CreateAttributes h = super.header();
        if (netmask != 32) {
            h.netmask = netmask;
        } else if (bitmask != 0xFFFFFFFFL) {
            h.bitmask = bitmask;
        }
        return h;
    }

    @Override
    boolean sameMask(HashSetData other) {
        return other instanceof HashIpPort o && o.bitmask == bitmask;
    }
}
