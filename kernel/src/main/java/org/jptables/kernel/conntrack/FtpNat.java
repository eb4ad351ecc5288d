package org.jptables.kernel.conntrack;

import org.jptables.api.ConntrackHelpers;
import org.jptables.kernel.packet.PacketView;

/**
 * The FTP NAT helper (nf_nat_ftp), for a control connection NAT rewrote: the address in a PORT,
 * EPRT, 227 or 229 becomes the one the other side sees (where the segment goes, in the other
 * direction's tuple), with a port the expectation can have, and the expected data connection
 * follows the control connection's NAT back to the address and port really named. A rewrite that
 * changes the segment's length makes the connection's sequence numbers move ({@link SeqAdjust}).
 */
final class FtpNat {
    /** nf_nat_exp_find_port: so many random tries after the named port is taken. */
    private static final int MAX_ATTEMPTS = 128;

    private final ConntrackTable table;
    /** The command's new text: at most "|1|255.255.255.255|65535|". */
    private final byte[] text = new byte[32];
    /** get_random_u32_below's stand-in: the kernel's choice is random, any choice is one it could make. */
    private long random = 0x9E3779B97F4A7C15L;

    FtpNat(ConntrackTable table) {
        this.table = table;
    }

    /**
     * nf_nat_ftp for the command or reply the helper found ({@code found}, as FtpCommands leaves
     * it) in the segment of direction {@code dir} of entry {@code e}, whose data starts at
     * {@code dataOffset}; the expectation is from {@code from} to {@code to}:{@code port}.
     * {@code local}: the packet is delivered to this host (a full TCP checksum). False: drop it.
     */
    boolean rewrite(PacketView p, int e, int dir, int l4, int dataOffset, int[] found, int from, int to, int port,
                    boolean local) {
        int seq = (int) p.u32(l4 + 4);
        // the connection comes from wherever this packet goes
        int newAddress = dir == 0 ? table.replyDst[e] : table.origDst[e];
        int natPort = findPort(e, from, to, port, 1 - dir);
        if (natPort == 0) {
            HelperLog.dropping(p, ConntrackHelpers.name(ConntrackHelpers.FTP), "all ports in use");
            return false;
        }
        int length = format(found[FtpCommands.KIND], newAddress, natPort);
        int matchLength = found[FtpCommands.MATCH_LENGTH];
        if (!TcpMangle.replace(p, l4, dataOffset, found[FtpCommands.MATCH_OFFSET], matchLength, text, length, local)) {
            HelperLog.dropping(p, ConntrackHelpers.name(ConntrackHelpers.FTP), "cannot mangle packet");
            table.expectations.removeLastAdded();
            return false;
        }
        if (length != matchLength) {
            table.seqadj.set(e, dir, seq, length - matchLength);
            table.status[e] |= EntryStatus.SEQ_ADJUST;
        }
        return true;
    }

    /**
     * nf_nat_exp_find_port: the expectation with the port named if it is free, else with random
     * ports above it (the kernel's own choice is random too), up to 128 tries; 0 when none was taken.
     */
    private int findPort(int e, int from, int to, int port, int natDir) {
        int range = 0xFFFF - port;
        int attemptsLeft = Math.min(range, MAX_ATTEMPTS);
        int candidate = port;
        while (true) {
            int r = table.expectations.expect(e, from, -1, to, 0, 0, candidate, TcpTracker.PROTOCOL,
                    FtpHelper.MAX_EXPECTED, FtpHelper.TIMEOUT, port, natDir);
            if (r == ExpectationTable.OK) {
                return candidate;
            }
            if (r != ExpectationTable.BUSY || --attemptsLeft < 0) {
                return 0;
            }
            candidate = port + below(range);
        }
    }

    /** A pseudo-random number in 0..bound-1 (splitmix64). */
    private int below(int bound) {
        random += 0x9E3779B97F4A7C15L;
        long z = random;
        z = (z ^ (z >>> 30)) * 0xBF58476D1CE4E5B9L;
        z = (z ^ (z >>> 27)) * 0x94D049BB133111EBL;
        z ^= z >>> 31;
        return (int) Long.remainderUnsigned(z, bound);
    }

    /** nf_nat_ftp_fmt_cmd: the numbers of PORT/227, EPRT's |1|a.b.c.d|port| or 229's |||port|. */
    private int format(int kind, int address, int port) {
        int n = 0;
        switch (kind) {
            case FtpCommands.PORT, FtpCommands.PASV -> {
                for (int shift = 24; shift >= 0; shift -= 8) {
                    n = number(n, (address >>> shift) & 0xFF);
                    text[n++] = ',';
                }
                n = number(n, port >> 8);
                text[n++] = ',';
                n = number(n, port & 0xFF);
            }
            case FtpCommands.EPRT -> {
                n = delimiters(n, "|1|");
                for (int shift = 24; shift >= 0; shift -= 8) {
                    n = number(n, (address >>> shift) & 0xFF);
                    text[n++] = (byte) (shift == 0 ? '|' : '.');
                }
                n = number(n, port);
                text[n++] = '|';
            }
            default -> {
                n = delimiters(n, "|||");
                n = number(n, port);
                text[n++] = '|';
            }
        }
        return n;
    }

    private int delimiters(int n, String s) {
        for (int i = 0; i < s.length(); i++) {
            text[n++] = (byte) s.charAt(i);
        }
        return n;
    }

    /** The decimal digits of {@code v} (0..65535) at {@code n}; returns the position after them. */
    private int number(int n, int v) {
        int digits = v >= 10000 ? 5 : v >= 1000 ? 4 : v >= 100 ? 3 : v >= 10 ? 2 : 1;
        for (int i = digits - 1; i >= 0; i--) {
            text[n + i] = (byte) ('0' + v % 10);
            v /= 10;
        }
        return n + digits;
    }
}
