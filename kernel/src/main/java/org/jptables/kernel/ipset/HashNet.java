package org.jptables.kernel.ipset;

import org.jptables.api.Packet;
import org.jptables.api.SetLookup;

/**
 * hash:net (ip_set_hash_net.c): nets of any prefix from /1 to /32, some of them nomatch. Its
 * element is two words: the masked address, then padding, the nomatch byte (kept outside the
 * words, as the kernel clears it before hashing) and the prefix length. An address is tested
 * against every prefix held, most specific first; a range is stored as the fewest nets.
 */
final class HashNet extends HashSetData {
    private final int[] commandKey = new int[2];

    HashNet(SetType type, String name, CreateAttributes c, long now) {
        super(type, name, c, now, 2);
    }

    @Override
    int cidrOf(int[] keys, int offset) {
        return keys[offset + 1] >>> 24;
    }

    @Override
    void setCidr(int[] key, int cidr) {
        key[1] = cidr << 24;
    }

    @Override
    int packetAdt(Packet packet, SetLookup lookup, int adt, EntryValues v, int flags, long now) {
        long address = PacketFields.address(packet, lookup.source(0));
        if (adt == TEST) {
            return testNets(packetKey, 0, address, v, flags, now);
        }
        int cidr = packetCidr();
        packetKey[0] = PacketFields.word(address & PacketFields.netmask(cidr));
        setCidr(packetKey, cidr);
        return adt(adt, packetKey, false, v, flags, (flags & SetLookup.FLAG_EXIST) != 0, now,
                false);
    }

    @Override
    synchronized void command(int adt, SetAttributes a, boolean exist, long now, SetStore store)
            throws SetException {
        EntryValues v = start(a);
        int cidr = a.cidr == null ? 32 : a.cidr;
        if (a.ipTo == null) {
            commandKey[0] = PacketFields.word(a.ip & PacketFields.netmask(cidr));
            setCidr(commandKey, cidr);
            check(adt(adt, commandKey, a.nomatch, v, 0, exist, now, true), exist);
            return;
        }
        long ip = a.ip;
        long ipTo = a.ipTo;
        if (ipTo < ip) {
            long t = ip;
            ip = ipTo;
            ipTo = t;
        }
        if (ip == 0 && ipTo == 0xFFFFFFFFL) {
            throw SetError.HASH_RANGE.exception();
        }
        do {
            long net = Ranges.netAt(ip, ipTo);
            commandKey[0] = PacketFields.word(ip);
            setCidr(commandKey, (int) (net & 0xFF));
            check(adt(adt, commandKey, a.nomatch, v, 0, exist, now, true), exist);
            ip = net >>> 8;
        } while (ip++ < ipTo);
    }

    private EntryValues start(SetAttributes a) throws SetException {
        if (a.ip == null) {
            throw SetError.PROTOCOL.exception();
        }
        EntryValues v = commandValues(a);
        if (a.cidr != null && (a.cidr == 0 || a.cidr > 32)) {
            throw SetError.INVALID_CIDR.exception();
        }
        return v;
    }

    @Override
    synchronized boolean commandTest(SetAttributes a, long now, SetStore store) throws SetException {
        EntryValues v = start(a);
        int cidr = a.cidr == null ? 32 : a.cidr;
        long address = a.ip & PacketFields.netmask(cidr);
        int ret;
        if (cidr == 32) {
            ret = testNets(commandKey, 0, address, v, 0, now);
        } else {
            commandKey[0] = PacketFields.word(address);
            setCidr(commandKey, cidr);
            ret = adt(TEST, commandKey, false, v, 0, false, now, true);
        }
        // ip_set_enomatch: a test that names nomatch is answered by the nomatch entries
        if (a.nomatch && (ret > 0 || ret == HashTable.NOMATCH)) {
            ret = -ret;
        }
        return ret > 0;
    }

    @Override
    boolean keyOf(SetAttributes a, int[] key) {
        if (a.ip == null) {
            return false;
        }
        int cidr = a.cidr == null ? 32 : a.cidr;
        key[0] = PacketFields.word(a.ip);
        setCidr(key, cidr);
        return true;
    }

    @Override
    void describe(int[] keys, int offset, boolean nomatch, SetAttributes out) {
        out.ip = PacketFields.address(keys[offset]);
        out.cidr = keys[offset + 1] >>> 24;
        out.nomatch = nomatch;
    }
}
