package org.jptables.kernel.conntrack;

/**
 * The FTP command reader of nf_conntrack_ftp: it looks for the commands and replies that name a
 * data connection's address at the start of one TCP segment's payload, as the Linux 6.18 module
 * does, quirks included:
 * <ul>
 *   <li>the client's {@code PORT a,b,c,d,p1,p2} and {@code EPRT |1|a.b.c.d|port|} (original
 *       direction), the server's {@code 227 ...a,b,c,d,p1,p2...} and
 *       {@code 229 ...(|||port|)} (reply direction); the verbs in any case;</li>
 *   <li>the numbers are unsigned 32-bit sums with no range check (a 300 wraps into the address)
 *       and the ports of EPRT and 229 are 16-bit sums that wrap;</li>
 *   <li>nothing is reassembled: a command cut short, or one whose numbers are malformed, is
 *       {@link #PARTIAL}, for which the helper drops the segment.</li>
 * </ul>
 * Results go into an int[] of {@link #RESULT_SIZE}: the address, the port, where the numbers start
 * and how long they are (in the payload: what nf_nat_ftp rewrites), and the kind.
 */
final class FtpCommands {
    /** A command or reply with its address was found. */
    static final int FOUND = 1;
    /** Nothing to look at: the segment is none of the four. */
    static final int NONE = 0;
    /** A command or reply that is cut short or malformed (find_pattern's -1). */
    static final int PARTIAL = -1;

    /** enum nf_ct_ftp_type. */
    static final int PORT = 0;
    static final int PASV = 1;
    static final int EPRT = 2;
    static final int EPSV = 3;

    static final int ADDRESS = 0;
    static final int PORT_NUMBER = 1;
    static final int MATCH_OFFSET = 2;
    static final int MATCH_LENGTH = 3;
    static final int KIND = 4;
    static final int RESULT_SIZE = 5;

    private static final byte[][] PATTERNS = {bytes("PORT"), bytes("EPRT"), bytes("227 "), bytes("229 ")};

    /** try_number's array, reused: the reader is one per tracker and allocates nothing per segment. */
    private final int[] numbers = new int[6];

    /**
     * Looks at the {@code length} payload bytes at {@code b[from]} of a segment in direction
     * {@code dir} (0 original, 1 reply). {@code defaultAddress} is the sender's address (what an
     * EPSV reply, which names no address, stands for). Returns {@link #FOUND}, {@link #NONE} or
     * {@link #PARTIAL}; {@code out[KIND]} tells which pattern answered (for PARTIAL too).
     */
    int find(byte[] b, int from, int length, int dir, int defaultAddress, int[] out) {
        int first = dir == 0 ? PORT : PASV;
        int second = dir == 0 ? EPRT : EPSV;
        out[ADDRESS] = defaultAddress;
        out[PORT_NUMBER] = 0;
        out[KIND] = first;
        int found = pattern(b, from, length, first, out);
        if (found == NONE) {
            out[KIND] = second;
            found = pattern(b, from, length, second, out);
        }
        return found;
    }

    /** The pattern's text as the kernel's log names it ("PORT", "227 "). */
    static String patternName(int kind) {
        return new String(PATTERNS[patternIndex(kind)], java.nio.charset.StandardCharsets.US_ASCII);
    }

    private static int patternIndex(int kind) {
        return switch (kind) {
            case PORT -> 0;
            case EPRT -> 1;
            case PASV -> 2;
            default -> 3;
        };
    }

    /** find_pattern: the verb, the skip character, then the numbers. */
    private int pattern(byte[] b, int from, int dlen, int kind, int[] out) {
        byte[] p = PATTERNS[patternIndex(kind)];
        int plen = p.length;
        if (dlen <= plen) {
            // a short segment that could be the start of the verb: partial
            return sameIgnoringCase(b, from, p, dlen) ? PARTIAL : NONE;
        }
        if (!sameIgnoringCase(b, from, p, plen)) {
            return NONE;
        }
        int skip = switch (kind) {
            case PORT, EPRT -> ' ';
            case EPSV -> '(';
            default -> 0; // 227: RFC 1123 says scan for the first digit
        };
        int i = plen;
        if (skip != 0) {
            while (b[from + i] != skip) {
                if (i == dlen - 1) {
                    return PARTIAL;
                }
                i++;
            }
            i++;
        }
        out[MATCH_OFFSET] = i;
        int n = switch (kind) {
            case PORT -> rfc959(b, from + i, dlen - i, '\r', out);
            case PASV -> rfc1123(b, from + i, dlen - i, out);
            case EPRT -> eprt(b, from + i, dlen - i, out);
            default -> epsvResponse(b, from + i, dlen - i, out);
        };
        if (n == 0) {
            return PARTIAL;
        }
        out[MATCH_LENGTH] = n;
        return FOUND;
    }

    private static boolean sameIgnoringCase(byte[] b, int from, byte[] pattern, int n) {
        for (int k = 0; k < n; k++) {
            int c = b[from + k] & 0xFF;
            if (c >= 'A' && c <= 'Z') {
                c += 'a' - 'A';
            }
            int q = pattern[k];
            if (q >= 'A' && q <= 'Z') {
                q += 'a' - 'A';
            }
            if (c != q) {
                return false;
            }
        }
        return true;
    }

    /**
     * try_number: {@code count} unsigned numbers separated by {@code sep}, the last one ended by
     * {@code term} (any character when term is 0); the numbers go to {@link #numbers}. Returns the
     * length up to the terminator, or 0 when the data ends first or holds anything else.
     */
    private int numbers(byte[] b, int at, int dlen, int count, int sep, int term) {
        for (int k = 0; k < count; k++) {
            numbers[k] = 0;
        }
        int i = 0;
        for (int len = 0; len < dlen && i < count; len++) {
            int c = b[at + len] & 0xFF;
            if (c >= '0' && c <= '9') {
                numbers[i] = numbers[i] * 10 + (c - '0'); // u32: wraps, no range check
            } else if (c == sep) {
                i++;
            } else {
                return (c == term || term == 0) && i == count - 1 ? len : 0;
            }
        }
        return 0;
    }

    /** try_rfc959: a,b,c,d,p1,p2 (PORT, and 227 from its first digit on). */
    private int rfc959(byte[] b, int at, int dlen, int term, int[] out) {
        int[] n = numbers;
        int length = numbers(b, at, dlen, 6, ',', term);
        if (length == 0) {
            return 0;
        }
        out[ADDRESS] = (n[0] << 24) | (n[1] << 16) | (n[2] << 8) | n[3];
        out[PORT_NUMBER] = ((n[4] << 8) | n[5]) & 0xFFFF;
        return length;
    }

    /** try_rfc1123: the 227 reply's numbers start at its first digit, wherever that is. */
    private int rfc1123(byte[] b, int at, int dlen, int[] out) {
        int i = 0;
        while (i < dlen && !(b[at + i] >= '0' && b[at + i] <= '9')) {
            i++;
        }
        if (i == dlen) {
            return 0;
        }
        out[MATCH_OFFSET] += i;
        return rfc959(b, at + i, dlen - i, 0, out);
    }

    /** get_port: digits up to {@code delim}, a 16-bit sum that wraps; 0 when zero or malformed. */
    private static int port(byte[] b, int at, int start, int dlen, int delim, int[] out) {
        int port = 0;
        for (int i = start; i < dlen; i++) {
            int c = b[at + i] & 0xFF;
            if (c == delim) {
                if (port == 0) {
                    return 0;
                }
                out[PORT_NUMBER] = port;
                return i + 1;
            } else if (c >= '0' && c <= '9') {
                port = (port * 10 + (c - '0')) & 0xFFFF;
            } else {
                return 0;
            }
        }
        return 0;
    }

    /** A delimiter of EPRT and 229: printable ASCII, no digit (the kernel's char is signed). */
    private static boolean delimiter(int c) {
        return c >= 33 && c <= 126 && !(c >= '0' && c <= '9');
    }

    /** try_eprt: |1|a.b.c.d|port| (IPv4 only: "2" is refused on an IPv4 connection). */
    private int eprt(byte[] b, int at, int dlen, int[] out) {
        if (dlen <= 3) {
            return 0;
        }
        int delim = b[at] & 0xFF;
        if (!delimiter(delim) || (b[at + 2] & 0xFF) != delim || b[at + 1] != '1') {
            return 0;
        }
        int[] n = numbers;
        int length = numbers(b, at + 3, dlen - 3, 4, '.', delim);
        if (length == 0) {
            return 0;
        }
        out[ADDRESS] = (n[0] << 24) | (n[1] << 16) | (n[2] << 8) | n[3];
        return port(b, at, 3 + length + 1, dlen, delim, out);
    }

    /** try_epsv_response: |||port| (the address is the server's). */
    private static int epsvResponse(byte[] b, int at, int dlen, int[] out) {
        if (dlen <= 3) {
            return 0;
        }
        int delim = b[at] & 0xFF;
        if (!delimiter(delim) || (b[at + 1] & 0xFF) != delim || (b[at + 2] & 0xFF) != delim) {
            return 0;
        }
        return port(b, at, 3, dlen, delim, out);
    }

    private static byte[] bytes(String s) {
        return s.getBytes(java.nio.charset.StandardCharsets.US_ASCII);
    }
}
