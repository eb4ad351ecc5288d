package org.jptables.kernel.effects;

import org.jptables.api.Addresses;
import org.jptables.api.Effects;
import org.jptables.kernel.packet.PacketView;

/**
 * The LOG target's kernel log line, as nf_log_syslog's dump_ipv4_packet writes it:
 * {@code PREFIX IN= OUT= MAC= SRC= DST= LEN= TOS= PREC= TTL= ID= ... PROTO=TCP SPT= DPT= ...}.
 * Built only when a LOG rule matches: logging is asked for, so it may allocate.
 */
public final class LogLine {
    private LogLine() {
    }

    public static String of(PacketView p, String prefix, int flags) {
        StringBuilder m = new StringBuilder(256);
        m.append(prefix).append("IN=").append(p.inInterface()).append(" OUT=").append(p.outInterface()).append(' ');
        // a bridged frame's ports, where they are not the devices above (the bridge is)
        if (!p.physInInterface().isEmpty() && !p.physInInterface().equals(p.inInterface())) {
            m.append("PHYSIN=").append(p.physInInterface()).append(' ');
        }
        if (!p.physOutInterface().isEmpty() && !p.physOutInterface().equals(p.outInterface())) {
            m.append("PHYSOUT=").append(p.physOutInterface()).append(' ');
        }
        boolean ethernet = !"lo".equals(p.inInterface()) && p.sourceMac() >= 0 && p.destinationMac() >= 0;
        if (!p.inInterface().isEmpty() && (flags & Effects.LOG_MAC_DECODE) != 0 && ethernet) {
            // dump_mac_header with NF_LOG_MACDECODE on an Ethernet device
            m.append("MACSRC=");
            mac(m, p.sourceMac());
            m.append(" MACDST=");
            mac(m, p.destinationMac());
            m.append(" MACPROTO=0800 ");
        } else if (!p.inInterface().isEmpty()) {
            m.append("MAC=");
            if (p.sourceMac() >= 0 && p.destinationMac() >= 0) {
                mac(m, p.destinationMac());
                m.append(':');
                mac(m, p.sourceMac());
                m.append(":08:00 ");
            } else {
                m.append(' ');
            }
        }
        dumpIpv4(m, p, 0, flags, true);
        if ((flags & Effects.LOG_UID) != 0 && p.socket().loggedUid() >= 0) {
            // nf_log_dump_sk_uid_gid: only a full socket with a file has credentials to show
            m.append("UID=").append(p.socketUid()).append(" GID=").append(p.socketGid()).append(' ');
        }
        if (p.mark() != 0) {
            m.append("MARK=0x").append(Integer.toHexString(p.mark())).append(' ');
        }
        return m.toString();
    }

    private static void mac(StringBuilder m, long mac) {
        for (int i = 5; i >= 0; i--) {
            int b = (int) (mac >>> (8 * i)) & 0xFF;
            m.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xF, 16));
            if (i > 0) {
                m.append(':');
            }
        }
    }

    private static void hex2(StringBuilder m, int v, boolean upper) {
        String h = Integer.toHexString(0x100 | (v & 0xFF)).substring(1);
        m.append(upper ? h.toUpperCase() : h);
    }

    /** One IPv4 header at {@code at} (0, or the quoted packet of an ICMP error) and what follows it. */
    private static void dumpIpv4(StringBuilder m, PacketView p, int at, int flags, boolean outer) {
        int ihlByte = p.u8(at);
        if (ihlByte < 0 || p.u8(at + 19) < 0) {
            m.append("TRUNCATED ");
            return;
        }
        int ihl = (ihlByte & 0x0F) * 4;
        m.append("SRC=").append(Addresses.format((int) p.u32(at + 12)))
                .append(" DST=").append(Addresses.format((int) p.u32(at + 16))).append(' ');
        int tos = p.u8(at + 1);
        m.append("LEN=").append(p.u16(at + 2)).append(" TOS=0x");
        hex2(m, tos & 0x1E, true);
        m.append(" PREC=0x");
        hex2(m, tos & 0xE0, true);
        m.append(" TTL=").append(p.u8(at + 8)).append(" ID=").append(p.u16(at + 4)).append(' ');
        int frag = p.u16(at + 6);
        if ((frag & 0x8000) != 0) {
            m.append("CE ");
        }
        if ((frag & 0x4000) != 0) {
            m.append("DF ");
        }
        if ((frag & 0x2000) != 0) {
            m.append("MF ");
        }
        int offset = frag & 0x1FFF;
        if (offset != 0) {
            m.append("FRAG:").append(offset).append(' ');
        }
        if ((flags & Effects.LOG_IP_OPTIONS) != 0 && ihl > 20) {
            m.append("OPT (");
            for (int i = 20; i < ihl; i++) {
                hex2(m, p.u8(at + i), true);
            }
            m.append(") ");
        }
        int proto = p.u8(at + 9);
        int l4 = at + ihl;
        switch (proto) {
            case 6 -> tcp(m, p, l4, offset, flags, outer);
            case 17, 136 -> {
                m.append(proto == 17 ? "PROTO=UDP " : "PROTO=UDPLITE ");
                if (offset != 0) {
                    break;
                }
                if (p.u16(l4 + 6) < 0) {
                    m.append("INCOMPLETE [").append(Math.max(0, p.length() - l4)).append(" bytes] ");
                    break;
                }
                m.append("SPT=").append(p.u16(l4)).append(" DPT=").append(p.u16(l4 + 2))
                        .append(" LEN=").append(p.u16(l4 + 4)).append(' ');
            }
            case 1 -> icmp(m, p, l4, offset, flags, outer);
            case 51 -> {
                m.append("PROTO=AH ");
                if (offset == 0 && p.u32(l4 + 4) >= 0) {
                    m.append("SPI=0x").append(Long.toHexString(p.u32(l4 + 4))).append(' ');
                }
            }
            case 50 -> {
                m.append("PROTO=ESP ");
                if (offset == 0 && p.u32(l4) >= 0) {
                    m.append("SPI=0x").append(Long.toHexString(p.u32(l4))).append(' ');
                }
            }
            default -> m.append("PROTO=").append(proto).append(' ');
        }
    }

    private static void tcp(StringBuilder m, PacketView p, int l4, int offset, int flags, boolean outer) {
        m.append("PROTO=TCP ");
        if (offset != 0) {
            return;
        }
        if (p.u8(l4 + 19) < 0) {
            m.append("INCOMPLETE [").append(Math.max(0, p.length() - l4)).append(" bytes] ");
            return;
        }
        m.append("SPT=").append(p.u16(l4)).append(" DPT=").append(p.u16(l4 + 2)).append(' ');
        if ((flags & Effects.LOG_TCP_SEQUENCE) != 0) {
            m.append("SEQ=").append(p.u32(l4 + 4)).append(" ACK=").append(p.u32(l4 + 8)).append(' ');
        }
        m.append("WINDOW=").append(p.u16(l4 + 14)).append(' ');
        int word = p.u16(l4 + 12);
        m.append("RES=0x");
        hex2(m, reserved(word), false);
        m.append(' ');
        int f = word & 0xFF;
        if ((f & 0x80) != 0) {
            m.append("CWR ");
        }
        if ((f & 0x40) != 0) {
            m.append("ECE ");
        }
        if ((f & 0x20) != 0) {
            m.append("URG ");
        }
        if ((f & 0x10) != 0) {
            m.append("ACK ");
        }
        if ((f & 0x08) != 0) {
            m.append("PSH ");
        }
        if ((f & 0x04) != 0) {
            m.append("RST ");
        }
        if ((f & 0x02) != 0) {
            m.append("SYN ");
        }
        if ((f & 0x01) != 0) {
            m.append("FIN ");
        }
        m.append("URGP=").append(p.u16(l4 + 18)).append(' ');
        int doff = ((word >> 12) & 0x0F) * 4;
        if ((flags & Effects.LOG_TCP_OPTIONS) != 0 && doff > 20) {
            m.append("OPT (");
            for (int i = 20; i < doff && p.u8(l4 + i) >= 0; i++) {
                hex2(m, p.u8(l4 + i), true);
            }
            m.append(") ");
        }
    }

    /** The kernel prints (tcp_flag_word & TCP_RESERVED_BITS) >> 22: the four reserved bits, shifted by two. */
    private static int reserved(int word) {
        return ((word >> 8) & 0x0F) << 2;
    }

    /** nf_log's required_len: bytes an ICMP message of each type must have before its details are printed. */
    private static final int[] REQUIRED_LENGTH = {4, 0, 0, 28, 28, 28, 0, 0, 4, 0, 0, 28, 28, 20, 20, 0, 0, 12, 12};

    private static void icmp(StringBuilder m, PacketView p, int l4, int offset, int flags, boolean outer) {
        m.append("PROTO=ICMP ");
        if (offset != 0) {
            return;
        }
        int available = Math.max(0, p.length() - l4);
        if (available < 8) {
            // the kernel reads the whole 8-byte ICMP header or nothing
            m.append("INCOMPLETE [").append(available).append(" bytes] ");
            return;
        }
        int type = p.u8(l4);
        int code = p.u8(l4 + 1);
        m.append("TYPE=").append(type).append(" CODE=").append(code).append(' ');
        if (type < REQUIRED_LENGTH.length && available < REQUIRED_LENGTH[type]) {
            m.append("INCOMPLETE [").append(available).append(" bytes] ");
            return;
        }
        switch (type) {
            case 0, 8 -> {
                m.append("ID=").append(p.u16(l4 + 4)).append(" SEQ=").append(p.u16(l4 + 6)).append(' ');
            }
            case 12 -> m.append("PARAMETER=").append(p.u8(l4 + 4)).append(' '); // no quoted packet, as nf_log
            case 5 -> {
                m.append("GATEWAY=").append(Addresses.format((int) p.u32(l4 + 4))).append(' ');
                nested(m, p, l4, flags, outer);
            }
            case 3, 4, 11 -> {
                nested(m, p, l4, flags, outer);
                if (type == 3 && code == 4) {
                    m.append("MTU=").append(p.u16(l4 + 6)).append(' ');
                }
            }
            default -> {
            }
        }
    }

    private static void nested(StringBuilder m, PacketView p, int l4, int flags, boolean outer) {
        if (!outer) {
            return;
        }
        m.append('[');
        dumpIpv4(m, p, l4 + 8, flags, false);
        m.append("] ");
    }
}
