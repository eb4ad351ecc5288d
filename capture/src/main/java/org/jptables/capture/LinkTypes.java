package org.jptables.capture;

/** The link types jptables reads, and how each finds the network header. */
public final class LinkTypes {
    public static final int ETHERNET = 1;
    public static final int RAW = 101;
    public static final int LINUX_SLL = 113;
    public static final int IPV4 = 228;
    /** Linux nfnetlink_log's messages (NFLOG): an nflog header and netlink attributes. */
    public static final int NFLOG = 239;
    public static final int LINUX_SLL2 = 276;

    private LinkTypes() {
    }

    /** Fills the record's network offset, protocol and link fields from its frame. */
    static void decode(CaptureRecord r) throws CaptureException {
        byte[] d = r.data;
        r.sourceMac = -1;
        r.destinationMac = -1;
        r.packetType = -1;
        r.interfaceIndex = 0;
        switch (r.linkType) {
            case ETHERNET -> {
                if (r.length < 14) {
                    r.etherType = -1;
                    r.network = r.length;
                    return;
                }
                r.destinationMac = mac(d, 0);
                r.sourceMac = mac(d, 6);
                int type = u16(d, 12);
                int at = 14;
                while ((type == 0x8100 || type == 0x88A8) && r.length >= at + 4) {
                    type = u16(d, at + 2);
                    at += 4;
                }
                r.etherType = type;
                r.network = at;
            }
            case LINUX_SLL -> {
                if (r.length < 16) {
                    r.etherType = -1;
                    r.network = r.length;
                    return;
                }
                r.packetType = u16(d, 0);
                r.etherType = u16(d, 14);
                r.network = 16;
                if (u16(d, 4) == 6) {
                    r.sourceMac = mac(d, 6);
                }
            }
            case LINUX_SLL2 -> {
                if (r.length < 20) {
                    r.etherType = -1;
                    r.network = r.length;
                    return;
                }
                r.etherType = u16(d, 0);
                r.interfaceIndex = (int) u32(d, 4);
                r.packetType = d[10] & 0xFF;
                if ((d[11] & 0xFF) == 6) {
                    r.sourceMac = mac(d, 12);
                }
                r.network = 20;
            }
            case RAW, IPV4 -> {
                r.network = 0;
                r.etherType = r.length > 0 && (d[0] & 0xF0) == 0x40 ? 0x0800 : (r.length > 0 && (d[0] & 0xF0) == 0x60 ? 0x86DD : -1);
            }
            default -> throw new CaptureException(r.fileOffset, "link type " + r.linkType + " is not supported"
                    + " (Ethernet, Linux cooked SLL/SLL2 and raw IPv4 are)");
        }
    }

    static int u16(byte[] d, int at) {
        return ((d[at] & 0xFF) << 8) | (d[at + 1] & 0xFF);
    }

    static long u32(byte[] d, int at) {
        return ((long) u16(d, at) << 16) | u16(d, at + 2);
    }

    static long mac(byte[] d, int at) {
        long v = 0;
        for (int i = 0; i < 6; i++) {
            v = (v << 8) | (d[at + i] & 0xFF);
        }
        return v;
    }
}
