package org.jptables.kernel.packet;

import org.jptables.api.Addresses;

/**
 * Writes an IPv4 packet from its fields, with correct checksums: TCP, UDP, ICMP (with an optional
 * quoted inner packet) or any other protocol with a zero payload. Used to turn packet descriptions
 * (JSON lines, the command line, tests) into bytes; never used per packet on the hot path.
 */
public final class Ipv4Builder {
    public static final int TCP = 6;
    public static final int UDP = 17;
    public static final int ICMP = 1;

    public static final int FIN = 0x01;
    public static final int SYN = 0x02;
    public static final int RST = 0x04;
    public static final int PSH = 0x08;
    public static final int ACK = 0x10;
    public static final int URG = 0x20;
    public static final int ECE = 0x40;
    public static final int CWR = 0x80;

    private int source;
    private int destination;
    private int protocol = TCP;
    private int sourcePort = 40000;
    private int destinationPort = 80;
    private int tcpFlags = SYN;
    private long sequence = 1000;
    private long acknowledgement;
    private int window = 64240;
    private int mss = -1;
    private byte[] tcpOptions = new byte[0];
    private byte[] ipOptions = new byte[0];
    private int icmpType = 8;
    private int icmpCode;
    private int icmpId = 1;
    private int icmpSequence = 1;
    private byte[] quote;
    private boolean icmpFieldsSet;
    private int payloadLength;
    /** The payload's bytes, or null for {@link #payloadLength} zeros. */
    private byte[] payload;
    private int ttl = 64;
    private int tos;
    private int id = 0x1234;
    private boolean dontFragment;
    private boolean moreFragments;
    private int fragmentOffset;

    public Ipv4Builder source(int address) { this.source = address; return this; }
    public Ipv4Builder destination(int address) { this.destination = address; return this; }
    public Ipv4Builder source(String address) { return source(Addresses.parse(address)); }
    public Ipv4Builder destination(String address) { return destination(Addresses.parse(address)); }
    public Ipv4Builder protocol(int protocol) { this.protocol = protocol; return this; }
    public Ipv4Builder sourcePort(int port) { this.sourcePort = port; return this; }
    public Ipv4Builder destinationPort(int port) { this.destinationPort = port; return this; }
    public Ipv4Builder tcpFlags(int flags) { this.tcpFlags = flags; return this; }
    public Ipv4Builder sequence(long seq) { this.sequence = seq; return this; }
    public Ipv4Builder acknowledgement(long ack) { this.acknowledgement = ack; return this; }
    public Ipv4Builder window(int window) { this.window = window; return this; }
    public Ipv4Builder mss(int mss) { this.mss = mss; return this; }
    /** Raw TCP option bytes (padded to 4 bytes with NOPs... by the caller). */
    public Ipv4Builder tcpOptions(byte[] options) { this.tcpOptions = options.clone(); return this; }
    /** Raw IP option bytes; padded to a multiple of 4 with End-of-Option bytes. */
    public Ipv4Builder ipOptions(byte[] options) { this.ipOptions = options.clone(); return this; }
    public Ipv4Builder icmpType(int type) { this.icmpType = type; return this; }
    public Ipv4Builder icmpCode(int code) { this.icmpCode = code; return this; }
    public Ipv4Builder icmpId(int id) { this.icmpId = id; this.icmpFieldsSet = true; return this; }
    public Ipv4Builder icmpSequence(int seq) { this.icmpSequence = seq; this.icmpFieldsSet = true; return this; }
    /** For ICMP errors: the packet to quote (its IP header and first 8 bytes after it). */
    public Ipv4Builder quote(byte[] inner) { this.quote = inner.clone(); return this; }
    public Ipv4Builder payloadLength(int length) { this.payloadLength = length; this.payload = null; return this; }
    /** The bytes after the transport header (instead of {@link #payloadLength} zeros). */
    public Ipv4Builder payload(byte[] data) { this.payload = data.clone(); this.payloadLength = data.length; return this; }
    public Ipv4Builder ttl(int ttl) { this.ttl = ttl; return this; }
    public Ipv4Builder tos(int tos) { this.tos = tos; return this; }
    public Ipv4Builder id(int id) { this.id = id; return this; }
    public Ipv4Builder dontFragment(boolean df) { this.dontFragment = df; return this; }
    public Ipv4Builder moreFragments(boolean mf) { this.moreFragments = mf; return this; }
    public Ipv4Builder fragmentOffset(int units) { this.fragmentOffset = units; return this; }

    /** The packet's bytes. */
    public byte[] build() {
        int optLen = (ipOptions.length + 3) & ~3;
        int ihl = 20 + optLen;
        byte[] l4 = transport();
        byte[] p = new byte[ihl + l4.length];
        p[0] = (byte) (0x40 | (ihl / 4));
        p[1] = (byte) tos;
        put16(p, 2, p.length);
        put16(p, 4, id);
        int frag = (dontFragment ? 0x4000 : 0) | (moreFragments ? 0x2000 : 0) | (fragmentOffset & 0x1FFF);
        put16(p, 6, frag);
        p[8] = (byte) ttl;
        p[9] = (byte) protocol;
        put32(p, 12, source);
        put32(p, 16, destination);
        System.arraycopy(ipOptions, 0, p, 20, ipOptions.length);
        put16(p, 10, Checksums.finish(Checksums.sum(p, 0, ihl, 0)));
        System.arraycopy(l4, 0, p, ihl, l4.length);
        if (fragmentOffset == 0) {
            fillTransportChecksum(p, ihl, l4.length);
        }
        return p;
    }

    private byte[] transport() {
        byte[] l4 = headers();
        if (payload != null) {
            System.arraycopy(payload, 0, l4, l4.length - payloadLength, payloadLength);
        }
        return l4;
    }

    /** The transport header with room for the payload after it (zeros). */
    private byte[] headers() {
        if (fragmentOffset != 0) {
            return new byte[payloadLength];
        }
        switch (protocol) {
            case TCP: {
                byte[] opts = tcpOptions;
                if (mss >= 0) {
                    byte[] withMss = new byte[opts.length + 4];
                    withMss[0] = 2;
                    withMss[1] = 4;
                    withMss[2] = (byte) (mss >> 8);
                    withMss[3] = (byte) mss;
                    System.arraycopy(opts, 0, withMss, 4, opts.length);
                    opts = withMss;
                }
                int optLen = (opts.length + 3) & ~3;
                int hl = 20 + optLen;
                byte[] t = new byte[hl + payloadLength];
                put16(t, 0, sourcePort);
                put16(t, 2, destinationPort);
                put32(t, 4, (int) sequence);
                put32(t, 8, (int) acknowledgement);
                t[12] = (byte) ((hl / 4) << 4);
                t[13] = (byte) tcpFlags;
                put16(t, 14, window);
                System.arraycopy(opts, 0, t, 20, opts.length);
                for (int i = 20 + opts.length; i < hl; i++) {
                    t[i] = 1;
                }
                return t;
            }
            case UDP: {
                byte[] u = new byte[8 + payloadLength];
                put16(u, 0, sourcePort);
                put16(u, 2, destinationPort);
                put16(u, 4, u.length);
                return u;
            }
            case ICMP: {
                int quoted = quote == null ? 0 : Math.min(quote.length, ((quote[0] & 0x0F) * 4) + 8);
                byte[] c = new byte[8 + quoted + payloadLength];
                c[0] = (byte) icmpType;
                c[1] = (byte) icmpCode;
                // the 4 bytes after the checksum: id and sequence of a query, unused (or MTU, pointer)
                // in an error, where the description gives them only when it wants them set
                boolean unused = quote != null && !icmpFieldsSet;
                put16(c, 4, unused ? 0 : icmpId);
                put16(c, 6, unused ? 0 : icmpSequence);
                if (quote != null) {
                    System.arraycopy(quote, 0, c, 8, quoted);
                }
                return c;
            }
            default:
                return new byte[payloadLength];
        }
    }

    private void fillTransportChecksum(byte[] p, int ihl, int l4Length) {
        if (protocol == ICMP && l4Length >= 4) {
            put16(p, ihl + 2, Checksums.finish(Checksums.sum(p, ihl, l4Length, 0)));
            return;
        }
        int field = protocol == TCP ? 16 : protocol == UDP ? 6 : -1;
        if (field < 0 || l4Length < field + 2) {
            return;
        }
        int pseudo = Checksums.sum(p, 12, 8, 0) + protocol + l4Length;
        int sum = Checksums.finish(Checksums.sum(p, ihl, l4Length, pseudo));
        if (protocol == UDP && sum == 0) {
            sum = 0xFFFF;
        }
        put16(p, ihl + field, sum);
    }

    static void put16(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 8);
        b[at + 1] = (byte) v;
    }

    static void put32(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
