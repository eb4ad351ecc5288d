package org.jptables.kernel.ipset;

import org.jptables.api.Packet;
import org.jptables.api.SetLookup;

/**
 * bitmap:ip (ip_set_bitmap_ip.c): the addresses of a range of at most 65536 elements, or of its
 * nets of one netmask.
 */
final class BitmapIp extends BitmapSetData {
    final long first;
    final long last;
    final int netmask;
    final long hosts;

    private BitmapIp(String name, CreateAttributes c, long now, long first, long last, int netmask, long hosts,
                     int size) {
        super(SetType.BITMAP_IP, name, c, now, size);
        this.first = first;
        this.last = last;
        this.netmask = netmask;
        this.hosts = hosts;
    }

    /** bitmap_ip_create. */
    static BitmapIp create(String name, CreateAttributes c, long now) throws SetException {
        if (c.ip == null) {
            throw SetError.PROTOCOL.exception();
        }
        long first = c.ip;
        long last;
        if (c.ipTo != null) {
            last = c.ipTo;
            if (first > last) {
                long t = first;
                first = last;
                last = t;
            }
        } else if (c.cidr != null) {
            if (c.cidr >= 32) {
                throw SetError.INVALID_CIDR.exception();
            }
            first &= PacketFields.netmask(c.cidr);
            last = Ranges.last(first, c.cidr);
        } else {
            throw SetError.PROTOCOL.exception();
        }
        int netmask = 32;
        if (c.netmask != null) {
            netmask = c.netmask;
            if (netmask > 32) {
                throw SetError.INVALID_NETMASK.exception();
            }
            first &= PacketFields.netmask(netmask);
            last |= ~PacketFields.netmask(netmask) & 0xFFFFFFFFL;
        }
        long hosts;
        long elements;
        if (netmask == 32) {
            hosts = 1;
            elements = last - first + 1;
        } else {
            // range_to_mask: the prefix of the range's common net
            long mask = 0xFFFFFFFEL;
            int maskBits = 32;
            while (--maskBits > 0 && mask != 0 && (last & mask) != first) {
                mask = (mask << 1) & 0xFFFFFFFFL;
            }
            if ((mask == 0 && (first != 0 || last != 0xFFFFFFFFL)) || netmask <= maskBits) {
                throw SetError.BITMAP_RANGE.exception();
            }
            hosts = 2L << (32 - netmask - 1);
            elements = 2L << (netmask - maskBits - 1);
        }
        if (elements > MAX_ELEMENTS) {
            throw SetError.BITMAP_RANGE_SIZE.exception();
        }
        return new BitmapIp(name, c, now, first, last, netmask, hosts, (int) elements);
    }

    private int id(long ip) {
        return (int) (((ip & PacketFields.netmask(netmask)) - first) / hosts);
    }

    @Override
    int packetId(Packet packet, SetLookup lookup) {
        long ip = PacketFields.address(packet, lookup.source(0));
        return ip < first || ip > last ? -1 : id(ip);
    }

    @Override
    synchronized void command(int adt, SetAttributes a, boolean exist, long now, SetStore store)
            throws SetException {
        long ip = start(a);
        long ipTo;
        if (a.ipTo != null) {
            ipTo = a.ipTo;
            if (ip > ipTo) {
                long t = ip;
                ip = ipTo;
                ipTo = t;
                if (ip < first) {
                    throw SetError.BITMAP_RANGE.exception();
                }
            }
        } else if (a.cidr != null) {
            if (a.cidr == 0 || a.cidr > 32) {
                throw SetError.INVALID_CIDR.exception();
            }
            ip &= PacketFields.netmask(a.cidr);
            ipTo = Ranges.last(ip, a.cidr);
        } else {
            ipTo = ip;
        }
        if (ipTo > last) {
            throw SetError.BITMAP_RANGE.exception();
        }
        EntryValues v = commandValues(a);
        for (; ip <= ipTo; ip += hosts) {
            HashSetData.check(adt(adt, id(ip), v, 0, exist, now), exist);
        }
    }

    private long start(SetAttributes a) throws SetException {
        if (a.ip == null) {
            throw SetError.PROTOCOL.exception();
        }
        commandValues(a);
        long ip = a.ip;
        if (ip < first || ip > last) {
            throw SetError.BITMAP_RANGE.exception();
        }
        return ip;
    }

    @Override
    synchronized boolean commandTest(SetAttributes a, long now, SetStore store) throws SetException {
        long ip = start(a);
        return adt(TEST, id(ip), commandValues(a), 0, false, now) > 0;
    }

    @Override
    void describe(int id, SetAttributes out) {
        out.ip = first + id * hosts;
    }

    @Override
    int idOf(SetAttributes a) {
        return a.ip == null || a.ip < first || a.ip > last ? -1 : id(a.ip);
    }

    @Override
    CreateAttributes header() {
        CreateAttributes h = new CreateAttributes();
        h.ip = first;
        h.ipTo = last;
        if (netmask != 32) {
            h.netmask = netmask;
        }
        return flags(h);
    }

    @Override
    boolean sameAs(IpSetData other) {
        return other instanceof BitmapIp o && o.first == first && o.last == last && o.netmask == netmask
                && o.defaultTimeout == defaultTimeout && o.x.sameAs(x);
    }
}
