package org.jptables.kernel.ipset;

import org.jptables.api.Packet;
import org.jptables.api.SetLookup;

/**
 * hash:mac (ip_set_hash_mac.c): Ethernet addresses, family neutral. Its element is the six bytes
 * of the address and two of padding. A packet's source MAC is its Ethernet header's; jptables'
 * packets carry no destination MAC, so a {@code dst} lookup never matches (as a packet without an
 * Ethernet header, which the kernel refuses with EINVAL).
 */
final class HashMac extends HashSetData {
    private final int[] commandKey = new int[2];

    HashMac(SetType type, String name, CreateAttributes c, long now) {
        super(type, name, c, now, 2);
    }

    private static void set(long mac, int[] key) {
        // bytes 0..5 of the address in memory order, read as little-endian words
        key[0] = (int) ((mac >>> 40) & 0xFF) | (int) ((mac >>> 32) & 0xFF) << 8 | (int) ((mac >>> 24) & 0xFF) << 16
                | (int) ((mac >>> 16) & 0xFF) << 24;
        key[1] = (int) ((mac >>> 8) & 0xFF) | (int) (mac & 0xFF) << 8;
    }

    @Override
    int packetAdt(Packet packet, SetLookup lookup, int adt, EntryValues v, int flags, long now) {
        long mac = lookup.source(0) ? packet.sourceMac() : -1;
        if (mac <= 0) {
            return -1;
        }
        set(mac, packetKey);
        return adt(adt, packetKey, false, v, flags, (flags & SetLookup.FLAG_EXIST) != 0, now,
                false);
    }

    private EntryValues start(SetAttributes a) throws SetException {
        if (a.mac == null) {
            throw SetError.PROTOCOL.exception();
        }
        EntryValues v = commandValues(a);
        if (a.mac == 0) {
            throw SetError.HASH_ELEM.exception();
        }
        set(a.mac, commandKey);
        return v;
    }

    @Override
    synchronized void command(int adt, SetAttributes a, boolean exist, long now, SetStore store)
            throws SetException {
        EntryValues v = start(a);
        check(adt(adt, commandKey, false, v, 0, exist, now, true), exist);
    }

    @Override
    synchronized boolean commandTest(SetAttributes a, long now, SetStore store) throws SetException {
        EntryValues v = start(a);
        return adt(TEST, commandKey, false, v, 0, false, now, true) > 0;
    }

    @Override
    boolean keyOf(SetAttributes a, int[] key) {
        if (a.mac == null) {
            return false;
        }
        set(a.mac, key);
        return true;
    }

    @Override
    void describe(int[] keys, int offset, boolean nomatch, SetAttributes out) {
        int w0 = keys[offset];
        int w1 = keys[offset + 1];
        out.mac = (long) (w0 & 0xFF) << 40 | (long) ((w0 >>> 8) & 0xFF) << 32 | (long) ((w0 >>> 16) & 0xFF) << 24
                | (long) ((w0 >>> 24) & 0xFF) << 16 | (long) (w1 & 0xFF) << 8 | ((w1 >>> 8) & 0xFF);
    }
}
