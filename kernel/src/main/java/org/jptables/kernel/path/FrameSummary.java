package org.jptables.kernel.path;

import org.jptables.api.Addresses;

/**
 * One line about an Ethernet frame carrying IPv4, in tcpdump's words
 * ({@code IP 198.18.0.1.22 > 203.0.113.9.40000: Flags [S.], seq 5000, ack 1001, length 0}), so that
 * an operator reads what left the host without decoding hex. Only for reports, never per packet
 * on the counting path.
 */
public final class FrameSummary {
    private FrameSummary() {
    }

    public static String of(byte[] frame) {
        if (frame.length < 14 + 20 || (frame[12] & 0xff) != 0x08 || frame[13] != 0) {
            return "not IPv4, " + frame.length + " bytes";
        }
        int ip = 14;
        int ihl = (frame[ip] & 0x0f) * 4;
        int total = u16(frame, ip + 2);
        int protocol = frame[ip + 9] & 0xff;
        String src = Addresses.format(u32(frame, ip + 12));
        String dst = Addresses.format(u32(frame, ip + 16));
        int l4 = ip + ihl;
        int end = Math.min(frame.length, ip + total);
        StringBuilder s = new StringBuilder("IP ");
        switch (protocol) {
            case 6 -> {
                if (end < l4 + 20) {
                    return s.append(src).append(" > ").append(dst).append(": tcp, truncated").toString();
                }
                int offset = ((frame[l4 + 12] & 0xf0) >> 4) * 4;
                s.append(src).append('.').append(u16(frame, l4)).append(" > ").append(dst).append('.')
                        .append(u16(frame, l4 + 2)).append(": Flags [").append(flags(frame[l4 + 13] & 0xff))
                        .append("], seq ").append(Integer.toUnsignedString(u32(frame, l4 + 4)));
                if ((frame[l4 + 13] & 0x10) != 0) {
                    s.append(", ack ").append(Integer.toUnsignedString(u32(frame, l4 + 8)));
                }
                s.append(", win ").append(u16(frame, l4 + 14)).append(", length ").append(end - l4 - offset);
            }
            case 17 -> {
                if (end < l4 + 8) {
                    return s.append(src).append(" > ").append(dst).append(": udp, truncated").toString();
                }
                s.append(src).append('.').append(u16(frame, l4)).append(" > ").append(dst).append('.')
                        .append(u16(frame, l4 + 2)).append(": UDP, length ").append(u16(frame, l4 + 4) - 8);
            }
            case 1 -> {
                s.append(src).append(" > ").append(dst).append(": ICMP ");
                if (end < l4 + 8) {
                    return s.append("truncated").toString();
                }
                s.append(icmp(frame[l4] & 0xff, frame[l4 + 1] & 0xff));
                s.append(", length ").append(end - l4);
            }
            default -> s.append(src).append(" > ").append(dst).append(": ip-proto-").append(protocol).append(' ')
                    .append(end - l4);
        }
        return s.toString();
    }

    private static String flags(int f) {
        StringBuilder s = new StringBuilder();
        if ((f & 0x01) != 0) {
            s.append('F');
        }
        if ((f & 0x02) != 0) {
            s.append('S');
        }
        if ((f & 0x04) != 0) {
            s.append('R');
        }
        if ((f & 0x08) != 0) {
            s.append('P');
        }
        if ((f & 0x20) != 0) {
            s.append('U');
        }
        if ((f & 0x40) != 0) {
            s.append('E');
        }
        if ((f & 0x80) != 0) {
            s.append('W');
        }
        if ((f & 0x10) != 0) {
            s.append('.');
        }
        return s.isEmpty() ? "none" : s.toString();
    }

    private static String icmp(int type, int code) {
        return switch (type) {
            case 0 -> "echo reply";
            case 8 -> "echo request";
            case 3 -> switch (code) {
                case 0 -> "net unreachable";
                case 1 -> "host unreachable";
                case 2 -> "protocol unreachable";
                case 3 -> "port unreachable";
                case 4 -> "fragmentation needed";
                case 9 -> "net prohibited";
                case 10 -> "host prohibited";
                case 13 -> "administratively prohibited";
                default -> "unreachable code " + code;
            };
            case 11 -> "time exceeded";
            default -> "type " + type + " code " + code;
        };
    }

    private static int u16(byte[] b, int at) {
        return ((b[at] & 0xff) << 8) | (b[at + 1] & 0xff);
    }

    private static int u32(byte[] b, int at) {
        return (u16(b, at) << 16) | u16(b, at + 2);
    }
}
