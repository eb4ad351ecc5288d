package org.jptables.live.host;

import static org.jptables.live.host.Rtnetlink.*;

import java.lang.foreign.Arena;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import org.jptables.api.Addresses;
import org.jptables.live.netlink.Libc;
import org.jptables.live.netlink.MessageReader;
import org.jptables.live.netlink.MessageWriter;

/** Hand-built rtnetlink messages, laid out as the kernel sends them, one datagram at a time. */
final class Datagram {
    static final int AF_INET6 = 10;
    private final MemorySegment segment = Arena.ofAuto().allocate(65536, 8);
    private final MessageWriter writer = new MessageWriter(segment);

    static int ip(String text) {
        return Addresses.parse(text);
    }

    Datagram link(int seq, int flags, int index, String name, String mac, int mtu, boolean up) {
        ByteBuffer h = little(IFINFOMSG);
        h.putShort(2, (short) (name.equals("lo") ? 772 : 1)).putInt(4, index).putInt(8, up ? IFF_UP : 0);
        writer.begin(RTM_NEWLINK, flags, seq).header(h.array());
        byte[] n = (name + "\0").getBytes(StandardCharsets.UTF_8);
        writer.attrBytes(IFLA_IFNAME, n, 0, n.length);
        if (mac != null) {
            byte[] m = new byte[6];
            String[] parts = mac.split(":");
            for (int i = 0; i < 6; i++) {
                m[i] = (byte) Integer.parseInt(parts[i], 16);
            }
            writer.attrBytes(IFLA_ADDRESS, m, 0, 6);
        }
        writer.attrInt(IFLA_MTU, mtu);
        writer.end();
        return this;
    }

    /** An IPv4 address; {@code peer} non-null makes it point-to-point (IFA_ADDRESS the peer's). */
    Datagram address(int seq, int flags, int index, String local, String peer, int prefix) {
        ByteBuffer h = little(IFADDRMSG);
        h.put(0, (byte) Libc.AF_INET).put(1, (byte) prefix).putInt(4, index);
        writer.begin(RTM_NEWADDR, flags, seq).header(h.array());
        writer.attrBigEndianInt(IFA_ADDRESS, ip(peer != null ? peer : local));
        writer.attrBigEndianInt(IFA_LOCAL, ip(local));
        writer.end();
        return this;
    }

    Datagram address6(int seq, int flags, int index) {
        ByteBuffer h = little(IFADDRMSG);
        h.put(0, (byte) AF_INET6).put(1, (byte) 64).putInt(4, index);
        byte[] a = new byte[16];
        a[0] = (byte) 0xfe;
        a[1] = (byte) 0x80;
        writer.begin(RTM_NEWADDR, flags, seq).header(h.array()).attrBytes(IFA_ADDRESS, a, 0, 16).end();
        return this;
    }

    /** A route; {@code table} above 255 goes in RTA_TABLE, as the kernel does. */
    Datagram route(int seq, int flags, int type, int table, int protocol, int scope, String destination, int prefix,
                   String via, int device, String source) {
        ByteBuffer h = little(RTMSG);
        h.put(0, (byte) Libc.AF_INET).put(1, (byte) prefix).put(4, (byte) (table > 255 ? 252 : table))
                .put(5, (byte) protocol).put(6, (byte) scope).put(7, (byte) type);
        writer.begin(RTM_NEWROUTE, flags, seq).header(h.array());
        writer.attrInt(RTA_TABLE, table);
        if (destination != null) {
            writer.attrBigEndianInt(RTA_DST, ip(destination));
        }
        if (source != null) {
            writer.attrBigEndianInt(RTA_PREFSRC, ip(source));
        }
        if (via != null) {
            writer.attrBigEndianInt(RTA_GATEWAY, ip(via));
        }
        if (device != 0) {
            writer.attrInt(RTA_OIF, device);
        }
        writer.end();
        return this;
    }

    /** A multipath route: RTA_MULTIPATH of struct rtnexthop, each with its RTA_GATEWAY. */
    Datagram multipath(int seq, int flags, String destination, int prefix, String[] vias, int[] devices) {
        ByteBuffer h = little(RTMSG);
        h.put(0, (byte) Libc.AF_INET).put(1, (byte) prefix).put(4, (byte) RT_TABLE_MAIN).put(5, (byte) 3)
                .put(7, (byte) RTN_UNICAST);
        ByteBuffer hops = little(16 * vias.length);
        for (int i = 0; i < vias.length; i++) {
            hops.putShort(16 * i, (short) 16).putInt(16 * i + 4, devices[i])
                    .putShort(16 * i + 8, (short) 8).putShort(16 * i + 10, (short) RTA_GATEWAY);
            hops.order(ByteOrder.BIG_ENDIAN).putInt(16 * i + 12, ip(vias[i])).order(ByteOrder.LITTLE_ENDIAN);
        }
        writer.begin(RTM_NEWROUTE, flags, seq).header(h.array()).attrInt(RTA_TABLE, RT_TABLE_MAIN)
                .attrBigEndianInt(RTA_DST, ip(destination)).attrBytes(RTA_MULTIPATH, hops.array(), 0, hops.capacity()).end();
        return this;
    }

    Datagram neighbour(int seq, int flags, int family, int index, int state, String address, String mac) {
        ByteBuffer h = little(NDMSG);
        h.put(0, (byte) family).putInt(4, index).putShort(8, (short) state);
        writer.begin(RTM_NEWNEIGH, flags, seq).header(h.array());
        if (address != null) {
            writer.attrBigEndianInt(NDA_DST, ip(address));
        }
        if (mac != null) {
            byte[] m = new byte[6];
            String[] parts = mac.split(":");
            for (int i = 0; i < 6; i++) {
                m[i] = (byte) Integer.parseInt(parts[i], 16);
            }
            writer.attrBytes(NDA_LLADDR, m, 0, 6);
        }
        writer.end();
        return this;
    }

    Datagram netconf(int seq, int ifindex, boolean forwarding) {
        writer.begin(RTM_NEWNETCONF, 0, seq).header(new byte[] {(byte) Libc.AF_INET})
                .attrInt(NETCONFA_IFINDEX, ifindex).attrInt(NETCONFA_FORWARDING, forwarding ? 1 : 0).end();
        return this;
    }

    /** A message of {@code type} with an empty family header of {@code family}, as a notification is seen. */
    Datagram bare(int type, int family, int headerLength) {
        byte[] h = new byte[headerLength];
        h[0] = (byte) family;
        writer.begin(type, 0, 0).header(h).end();
        return this;
    }

    Datagram done(int seq, int flags, int error) {
        writer.begin(MessageReader.NLMSG_DONE, NLM_F_MULTI | flags, seq).header(little(4).putInt(0, error).array()).end();
        return this;
    }

    /** NLMSG_ERROR for a request of {@code requestType}, the request echoed whole, the kernel's text if any. */
    Datagram error(int seq, int errno, int requestType, String message) {
        ByteBuffer h = little(4 + 16);
        h.putInt(0, -errno).putInt(4, 16).putShort(8, (short) requestType).putShort(10, (short) 0x301).putInt(12, seq);
        writer.begin(MessageReader.NLMSG_ERROR, message == null ? 0 : NLM_F_ACK_TLVS, seq).header(h.array());
        if (message != null) {
            byte[] m = (message + "\0").getBytes(StandardCharsets.UTF_8);
            writer.attrBytes(NLMSGERR_ATTR_MSG, m, 0, m.length);
        }
        writer.end();
        return this;
    }

    byte[] bytes() {
        return segment.asSlice(0, writer.length()).toArray(ValueLayout.JAVA_BYTE);
    }

    private static ByteBuffer little(int size) {
        return ByteBuffer.allocate(size).order(ByteOrder.LITTLE_ENDIAN);
    }
}
