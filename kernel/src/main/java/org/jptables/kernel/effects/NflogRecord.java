package org.jptables.kernel.effects;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.jptables.kernel.packet.PacketView;

/**
 * One copy NFLOG hands to nfnetlink_log, as the listener receives it and as a pcap of link type
 * NFLOG (239) stores it: the nflog header (family AF_INET, version 0, the group as resource id)
 * and nfnetlink_log's attributes in the order __build_packet puts them: packet header (0x0800 and
 * the hook), prefix (with its NUL, "" included), input ifindex and its bridge port's, output
 * ifindex and its bridge port's (a port only beside its device), mark (when not 0), the
 * link-layer address, type, length and header (a packet that came in on Ethernet), the time (at
 * PREROUTING, INPUT and FORWARD only), the socket's uid and gid (a local socket with a file) and
 * the first bytes of the packet. Each attribute is a netlink attribute: length (header and value,
 * without padding) and type in little-endian (the file's byte order), the value in network
 * order, padded to four bytes.
 *
 * @param group      the nflog group
 * @param timeNanos  when the packet passed, for the pcap record
 * @param bytes      the whole record (nflog header and attributes)
 */
public record NflogRecord(int group, long timeNanos, byte[] bytes) {
    /** Link type NFLOG in pcap files. */
    public static final int LINKTYPE_NFLOG = 239;

    private static final int PACKET_HDR = 1;
    private static final int MARK = 2;
    private static final int TIMESTAMP = 3;
    private static final int IFINDEX_INDEV = 4;
    private static final int IFINDEX_OUTDEV = 5;
    private static final int IFINDEX_PHYSINDEV = 6;
    private static final int IFINDEX_PHYSOUTDEV = 7;
    private static final int HWADDR = 8;
    private static final int PAYLOAD = 9;
    private static final int PREFIX = 10;
    private static final int UID = 11;
    private static final int GID = 14;
    private static final int HWTYPE = 15;
    private static final int HWHEADER = 16;
    private static final int HWLEN = 17;

    /**
     * The copy of {@code p} at {@code hook} (NF_INET_* number); {@code inIndex}/{@code outIndex}
     * are the interfaces' ifindex (0: none); {@code size} the bytes to copy, -1 for all.
     */
    public static NflogRecord of(PacketView p, int hook, int inIndex, int outIndex, int group, String prefix, long size) {
        return of(p, hook, inIndex, 0, outIndex, 0, group, prefix, size);
    }

    /**
     * As above, for a packet with bridge ports: {@code physInIndex}/{@code physOutIndex} are their
     * ifindex (0: none), given only beside the device they belong to (recorded: POSTROUTING of a
     * bridged frame, which has no input device, carries no physindev either).
     */
    public static NflogRecord of(PacketView p, int hook, int inIndex, int physInIndex, int outIndex, int physOutIndex,
            int group, String prefix, long size) {
        ByteArrayOutputStream out = new ByteArrayOutputStream(128 + p.length());
        out.write(2); // AF_INET
        out.write(0); // NFULNL_VERSION
        out.write(group >>> 8);
        out.write(group);
        attribute(out, PACKET_HDR, new byte[] {0x08, 0x00, (byte) hook, 0});
        byte[] text = prefix.getBytes(StandardCharsets.ISO_8859_1);
        byte[] withNul = new byte[text.length + 1];
        System.arraycopy(text, 0, withNul, 0, text.length);
        attribute(out, PREFIX, withNul);
        if (inIndex > 0) {
            attribute(out, IFINDEX_INDEV, be32(inIndex));
            if (physInIndex > 0) {
                attribute(out, IFINDEX_PHYSINDEV, be32(physInIndex));
            }
        }
        if (outIndex > 0) {
            attribute(out, IFINDEX_OUTDEV, be32(outIndex));
            if (physOutIndex > 0) {
                attribute(out, IFINDEX_PHYSOUTDEV, be32(physOutIndex));
            }
        }
        if (p.mark() != 0) {
            attribute(out, MARK, be32(p.mark()));
        }
        boolean ethernet = inIndex > 0 && p.sourceMac() >= 0 && p.destinationMac() >= 0;
        if (ethernet) {
            // struct nfulnl_msg_packet_hw: be16 length, 2 bytes padding, 8 bytes of address
            byte[] hw = new byte[12];
            hw[1] = 6;
            mac(hw, 4, p.sourceMac());
            attribute(out, HWADDR, hw);
            // ARPHRD_LOOPBACK for lo, whose frames carry an Ethernet header of zeros; else ARPHRD_ETHER
            attribute(out, HWTYPE, "lo".equals(p.inInterface()) ? new byte[] {0x03, 0x04} : new byte[] {0, 1});
            attribute(out, HWLEN, new byte[] {0, 14});
            byte[] header = new byte[14];
            mac(header, 0, p.destinationMac());
            mac(header, 6, p.sourceMac());
            header[12] = 0x08;
            attribute(out, HWHEADER, header);
        }
        if (hook <= 2) {
            // struct nfulnl_msg_packet_timestamp: be64 seconds, be64 microseconds
            long nanos = p.timeNanos();
            byte[] ts = new byte[16];
            be64(ts, 0, nanos / 1_000_000_000L);
            be64(ts, 8, (nanos % 1_000_000_000L) / 1000);
            attribute(out, TIMESTAMP, ts);
        }
        if (p.socket().loggedUid() >= 0) {
            // nfulnl_put_sk_uidgid: a full socket with a file only
            attribute(out, UID, be32((int) p.socketUid()));
            attribute(out, GID, be32((int) p.socketGid()));
        }
        int copy = size < 0 || size > p.length() ? p.length() : (int) size;
        if (copy > 0) {
            byte[] payload = new byte[copy];
            System.arraycopy(p.bytes(), p.offset(), payload, 0, copy);
            attribute(out, PAYLOAD, payload);
        }
        return new NflogRecord(group, p.timeNanos(), out.toByteArray());
    }

    private static void attribute(ByteArrayOutputStream out, int type, byte[] value) {
        int length = 4 + value.length;
        out.write(length);
        out.write(length >>> 8);
        out.write(type);
        out.write(type >>> 8);
        out.write(value, 0, value.length);
        for (int pad = (4 - (length & 3)) & 3; pad > 0; pad--) {
            out.write(0);
        }
    }

    private static byte[] be32(int v) {
        return new byte[] {(byte) (v >>> 24), (byte) (v >>> 16), (byte) (v >>> 8), (byte) v};
    }

    private static void be64(byte[] b, int at, long v) {
        for (int i = 0; i < 8; i++) {
            b[at + i] = (byte) (v >>> (56 - 8 * i));
        }
    }

    private static void mac(byte[] b, int at, long mac) {
        for (int i = 0; i < 6; i++) {
            b[at + i] = (byte) (mac >>> (40 - 8 * i));
        }
    }
}
