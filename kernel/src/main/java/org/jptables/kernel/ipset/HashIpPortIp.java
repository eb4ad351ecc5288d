package org.jptables.kernel.ipset;

import org.jptables.api.Packet;
import org.jptables.api.SetLookup;

/**
 * hash:ip,port,ip (ip_set_hash_ipportip.c): address, protocol with port, second address. Its
 * element is three words: the address, the second address, the port's bytes with the protocol.
 * Ranges apply to the first address and the port.
 */
final class HashIpPortIp extends HashSetData {
    private final int[] commandKey = new int[3];

    HashIpPortIp(SetType type, String name, CreateAttributes c, long now) {
        super(type, name, c, now, 3);
    }

    @Override
    int packetAdt(Packet packet, SetLookup lookup, int adt, EntryValues v, int flags, long now) {
        int port = PacketFields.port(packet, lookup.source(1));
        if (port == PacketFields.NO_PORT) {
            return -1;
        }
        packetKey[0] = PacketFields.word(PacketFields.address(packet, lookup.source(0)));
        packetKey[1] = PacketFields.word(PacketFields.address(packet, lookup.source(2)));
        packetKey[2] = PacketFields.portWord(port, packet.protocol(), 0);
        return adt(adt, packetKey, false, v, flags, (flags & SetLookup.FLAG_EXIST) != 0, now,
                false);
    }

    private EntryValues start(SetAttributes a) throws SetException {
        if (a.ip == null || a.ip2 == null || a.port == null) {
            throw SetError.PROTOCOL.exception();
        }
        return commandValues(a);
    }

    private void set(long ip, int port, int proto, long ip2) {
        commandKey[0] = PacketFields.word(ip);
        commandKey[1] = PacketFields.word(ip2);
        commandKey[2] = PacketFields.portWord(port, proto, 0);
    }

    @Override
    synchronized void command(int adt, SetAttributes a, boolean exist, long now, SetStore store)
            throws SetException {
        EntryValues v = start(a);
        int port = commandPort(a);
        int proto = a.proto;
        long ip = a.ip;
        if (a.ipTo == null && a.cidr == null && a.portTo == null) {
            set(ip, port, proto, a.ip2);
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
                set(ip, p, proto, a.ip2);
                check(adt(adt, commandKey, false, v, 0, exist, now, true), exist);
            }
        }
    }

    @Override
    synchronized boolean commandTest(SetAttributes a, long now, SetStore store) throws SetException {
        EntryValues v = start(a);
        set(a.ip, commandPort(a), a.proto, a.ip2);
        return adt(TEST, commandKey, false, v, 0, false, now, true) > 0;
    }

    @Override
    boolean keyOf(SetAttributes a, int[] key) {
        if (a.ip == null || a.ip2 == null || a.port == null || a.proto == null) {
            return false;
        }
        key[0] = PacketFields.word(a.ip);
        key[1] = PacketFields.word(a.ip2);
        key[2] = PacketFields.portWord(a.port, a.proto, 0);
        return true;
    }

    @Override
    void describe(int[] keys, int offset, boolean nomatch, SetAttributes out) {
        out.ip = PacketFields.address(keys[offset]);
        out.ip2 = PacketFields.address(keys[offset + 1]);
        int w = keys[offset + 2];
        out.port = ((w & 0xFF) << 8) | ((w >>> 8) & 0xFF);
        out.proto = (w >>> 16) & 0xFF;
    }
}
