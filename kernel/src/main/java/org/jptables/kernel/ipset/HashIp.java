package org.jptables.kernel.ipset;

import org.jptables.api.Packet;
import org.jptables.api.SetLookup;

/**
 * hash:ip (ip_set_hash_ip.c): addresses, optionally cut to a netmask or bitmask. Its element is
 * one word, the address; zero cannot be stored. A command may give a range or a net, stepped by
 * the netmask's block.
 */
final class HashIp extends HashSetData {
    /** IPSET_MAX_RANGE is the kernel's slice of a range per lock hold: invisible, so not kept. */
    final int netmask;
    /** The mask as an unsigned 32-bit value. */
    final long bitmask;
    private final int[] commandKey = new int[1];

    HashIp(SetType type, String name, CreateAttributes c, long now) {
        super(type, name, c, now, 1);
        this.netmask = c.netmask == null ? 32 : c.netmask;
        this.bitmask = c.bitmask != null ? c.bitmask : PacketFields.netmask(netmask);
    }

    @Override
    int packetAdt(Packet packet, SetLookup lookup, int adt, EntryValues v, int flags, long now) {
        long ip = PacketFields.address(packet, lookup.source(0)) & bitmask;
        if (ip == 0) {
            return -1;
        }
        packetKey[0] = PacketFields.word(ip);
        return adt(adt, packetKey, false, v, flags, (flags & SetLookup.FLAG_EXIST) != 0, now,
                false);
    }

    @Override
    synchronized void command(int adt, SetAttributes a, boolean exist, long now, SetStore store)
            throws SetException {
        if (a.ip == null) {
            throw SetError.PROTOCOL.exception();
        }
        EntryValues v = commandValues(a);
        long ip = a.ip & bitmask;
        if (ip == 0) {
            throw SetError.HASH_ELEM.exception();
        }
        long ipTo = ip;
        if (a.ipTo != null) {
            ipTo = a.ipTo;
            if (ip > ipTo) {
                if (ipTo == 0) {
                    throw SetError.HASH_ELEM.exception();
                }
                long t = ip;
                ip = ipTo;
                ipTo = t;
            }
        } else if (a.cidr != null) {
            if (a.cidr == 0 || a.cidr > 32) {
                throw SetError.INVALID_CIDR.exception();
            }
            ip &= PacketFields.netmask(a.cidr);
            ipTo = ip | (~PacketFields.netmask(a.cidr) & 0xFFFFFFFFL);
        }
        long hosts = netmask == 32 ? 1 : 2L << (32 - netmask - 1);
        while (ip <= ipTo) {
            commandKey[0] = PacketFields.word(ip);
            check(adt(adt, commandKey, false, v, 0, exist, now, true), exist);
            ip += hosts;
            if (ip > 0xFFFFFFFFL) {
                return;
            }
        }
    }

    @Override
    synchronized boolean commandTest(SetAttributes a, long now, SetStore store) throws SetException {
        if (a.ip == null) {
            throw SetError.PROTOCOL.exception();
        }
        EntryValues v = commandValues(a);
        long ip = a.ip & bitmask;
        if (ip == 0) {
            throw SetError.HASH_ELEM.exception();
        }
        commandKey[0] = PacketFields.word(ip);
        return adt(TEST, commandKey, false, v, 0, false, now, true) > 0;
    }

    @Override
    boolean keyOf(SetAttributes a, int[] key) {
        if (a.ip == null) {
            return false;
        }
        key[0] = PacketFields.word(a.ip);
        return true;
    }

    @Override
    void describe(int[] keys, int offset, boolean nomatch, SetAttributes out) {
        out.ip = PacketFields.address(keys[offset]);
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
        return other instanceof HashIp o && o.bitmask == bitmask;
    }
}
