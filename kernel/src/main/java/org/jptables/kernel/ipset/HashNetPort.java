package org.jptables.kernel.ipset;

import org.jptables.api.Packet;
import org.jptables.api.SetLookup;

/**
 * hash:net,port (ip_set_hash_netport.c): nets with protocol and port, some nomatch. Its element
 * is the masked address word and a word of the port's bytes, the protocol and the prefix length
 * less one in seven bits (the nomatch bit above them is kept outside the words, cleared before
 * hashing as in the kernel).
 */
final class HashNetPort extends HashSetData {
    private final int[] commandKey = new int[2];

    HashNetPort(SetType type, String name, CreateAttributes c, long now) {
        super(type, name, c, now, 2);
    }

    @Override
    int cidrOf(int[] keys, int offset) {
        return ((keys[offset + 1] >>> 24) & 0x7F) + 1;
    }

    @Override
    void setCidr(int[] key, int cidr) {
        key[1] = (key[1] & 0x00FFFFFF) | ((cidr - 1) << 24);
    }

    @Override
    int packetAdt(Packet packet, SetLookup lookup, int adt, EntryValues v, int flags, long now) {
        int port = PacketFields.port(packet, lookup.source(1));
        if (port == PacketFields.NO_PORT) {
            return -1;
        }
        long address = PacketFields.address(packet, lookup.source(0));
        packetKey[1] = PacketFields.portWord(port, packet.protocol(), 0);
        if (adt == TEST) {
            return testNets(packetKey, 0, address, v, flags, now);
        }
        int cidr = packetCidr();
        packetKey[0] = PacketFields.word(address & PacketFields.netmask(cidr));
        setCidr(packetKey, cidr);
        return adt(adt, packetKey, false, v, flags, (flags & SetLookup.FLAG_EXIST) != 0, now,
                false);
    }

    private EntryValues start(SetAttributes a) throws SetException {
        if (a.ip == null || a.port == null) {
            throw SetError.PROTOCOL.exception();
        }
        EntryValues v = commandValues(a);
        if (a.cidr != null && (a.cidr == 0 || a.cidr > 32)) {
            throw SetError.INVALID_CIDR.exception();
        }
        return v;
    }

    private void set(long ip, int cidr, int port, int proto) {
        commandKey[0] = PacketFields.word(ip);
        commandKey[1] = PacketFields.portWord(port, proto, cidr - 1);
    }

    @Override
    synchronized void command(int adt, SetAttributes a, boolean exist, long now, SetStore store)
            throws SetException {
        EntryValues v = start(a);
        int cidr = a.cidr == null ? 32 : a.cidr;
        int port = commandPort(a);
        int proto = a.proto;
        boolean portRange = PacketFields.withPorts(proto) && a.portTo != null;
        if (!(portRange || a.ipTo != null)) {
            set(a.ip & PacketFields.netmask(cidr), cidr, port, proto);
            check(adt(adt, commandKey, a.nomatch, v, 0, exist, now, true), exist);
            return;
        }
        int portTo = port;
        if (a.portTo != null) {
            portTo = a.portTo;
            if (portTo < port) {
                int t = port;
                port = portTo;
                portTo = t;
            }
        }
        long ip = a.ip;
        long ipTo;
        if (a.ipTo != null) {
            ipTo = a.ipTo;
            if (ipTo < ip) {
                long t = ip;
                ip = ipTo;
                ipTo = t;
            }
            if (ip == 0 && ipTo == 0xFFFFFFFFL) {
                throw SetError.HASH_RANGE.exception();
            }
        } else {
            ip &= PacketFields.netmask(cidr);
            ipTo = Ranges.last(ip, cidr);
        }
        do {
            long net = Ranges.netAt(ip, ipTo);
            for (int p = port; p <= portTo; p++) {
                set(ip, (int) (net & 0xFF), p, proto);
                check(adt(adt, commandKey, a.nomatch, v, 0, exist, now, true), exist);
            }
            ip = net >>> 8;
        } while (ip++ < ipTo);
    }

    @Override
    synchronized boolean commandTest(SetAttributes a, long now, SetStore store) throws SetException {
        EntryValues v = start(a);
        int cidr = a.cidr == null ? 32 : a.cidr;
        int port = commandPort(a);
        long address = a.ip & PacketFields.netmask(cidr);
        set(address, cidr, port, a.proto);
        int ret = cidr == 32 ? testNets(commandKey, 0, address, v, 0, now)
                : adt(TEST, commandKey, false, v, 0, false, now, true);
        if (a.nomatch && (ret > 0 || ret == HashTable.NOMATCH)) {
            ret = -ret;
        }
        return ret > 0;
    }

    @Override
    boolean keyOf(SetAttributes a, int[] key) {
        if (a.ip == null || a.port == null || a.proto == null) {
            return false;
        }
        int cidr = a.cidr == null ? 32 : a.cidr;
        key[0] = PacketFields.word(a.ip);
        key[1] = PacketFields.portWord(a.port, a.proto, cidr - 1);
        return true;
    }

    @Override
    void describe(int[] keys, int offset, boolean nomatch, SetAttributes out) {
        out.ip = PacketFields.address(keys[offset]);
        int w = keys[offset + 1];
        out.port = ((w & 0xFF) << 8) | ((w >>> 8) & 0xFF);
        out.proto = (w >>> 16) & 0xFF;
        out.cidr = cidrOf(keys, offset);
        out.nomatch = nomatch;
    }
}
