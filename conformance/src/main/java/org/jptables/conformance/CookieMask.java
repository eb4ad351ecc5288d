package org.jptables.conformance;

import org.jptables.kernel.packet.Checksums;

/**
 * SYN cookies in a case. SYNPROXY answers a client's SYN with a SYN-ACK whose sequence number is a
 * cookie made with a secret Linux draws at boot, so the kernel's cookies and jptables' differ.
 * Each side's cookie is the sequence number of the last SYN-ACK it sent; a packet with
 * {@code "ack_cookie": true} (or N) acknowledges that side's own cookie plus one (plus N; the
 * recorder took the kernel's from its capture, the harness takes jptables'). In a case with such
 * packets every frame that left fw is compared with its cookie masked: a TCP sequence or
 * acknowledgement number less than {@link #SPAN} above the side's cookie is written relative to
 * it, so that the relations (the server's SYN relays the cookie, the client's window update and
 * the server's data, moved by seqadj, start after it) are still compared while the secret's
 * numbers are not. The timestamp cookie (the TSval of that SYN-ACK, with {@code tsecr_cookie} and
 * {@code tsval_cookie} packets echoing or moving it) is masked the same way in every timestamp
 * option.
 */
final class CookieMask {
    private static final int ETHERNET = 14;
    private static final int SYN = 0x02;
    private static final int RST = 0x04;
    private static final int ACK = 0x10;

    /** How far above the cookie a number counts as derived from it. */
    static final int SPAN = 4096;

    private final boolean active;
    private long kernel = -1;
    private long ours = -1;
    /** The timestamp cookies: the TSval of each side's last SYN-ACK, -1 without one. */
    private long kernelTs = -1;
    private long ourTs = -1;

    /** {@code active}: the case has packets that acknowledge a cookie. */
    CookieMask(boolean active) {
        this.active = active;
    }

    /** The side's last cookie, or -1 before it sent a SYN-ACK. */
    long cookie(boolean kernelSide) {
        return kernelSide ? kernel : ours;
    }

    /** The side's last timestamp cookie (its SYN-ACK's TSval), or -1 before it sent one. */
    long timestampCookie(boolean kernelSide) {
        return kernelSide ? kernelTs : ourTs;
    }

    /** The Ethernet frame a side sent, its cookie masked; a SYN-ACK first becomes that side's cookie. */
    byte[] apply(byte[] frame, boolean kernelSide) {
        if (frame.length < ETHERNET + 20 || (frame[12] & 0xff) != 0x08 || frame[13] != 0 || frame[ETHERNET + 9] != 6) {
            return frame;
        }
        int l4 = ETHERNET + (frame[ETHERNET] & 0x0f) * 4;
        if (frame.length < l4 + 20) {
            return frame;
        }
        int flags = frame[l4 + 13] & 0xff;
        int ts = timestampAt(frame, l4);
        if ((flags & (SYN | ACK | RST)) == (SYN | ACK)) {
            long tsCookie = ts > 0 ? get32(frame, ts) : -1;
            if (kernelSide) {
                kernel = get32(frame, l4 + 4);
                kernelTs = tsCookie;
            } else {
                ours = get32(frame, l4 + 4);
                ourTs = tsCookie;
            }
        }
        long cookie = cookie(kernelSide);
        if (!active || cookie < 0) {
            return frame;
        }
        byte[] f = frame.clone();
        int end = Math.min(f.length, ETHERNET + (((f[ETHERNET + 2] & 0xff) << 8) | (f[ETHERNET + 3] & 0xff)));
        boolean valid = end >= l4 + 20 && checksum(f, l4, end) == 0;
        boolean masked = mask(f, l4 + 4, cookie) | mask(f, l4 + 8, cookie);
        long tsCookie = timestampCookie(kernelSide);
        if (ts > 0 && tsCookie >= 0) {
            masked |= mask(f, ts, tsCookie) | mask(f, ts + 4, tsCookie);
        }
        if (masked && valid) {
            // a full checksum follows the numbers: made again over the masked ones, as long as it
            // was right (a partial one, the pseudo-header's sum, needs nothing)
            f[l4 + 16] = 0;
            f[l4 + 17] = 0;
            int sum = checksum(f, l4, end);
            f[l4 + 16] = (byte) (sum >>> 8);
            f[l4 + 17] = (byte) sum;
        }
        return f;
    }

    /** The offset of a TCP timestamp option's TSval in the frame, 0 without one. */
    private static int timestampAt(byte[] f, int l4) {
        int end = Math.min(f.length, l4 + ((f[l4 + 12] & 0xff) >>> 4) * 4);
        int i = l4 + 20;
        while (i < end) {
            int kind = f[i] & 0xff;
            if (kind == 0) {
                return 0;
            }
            if (kind == 1) {
                i++;
                continue;
            }
            int len = i + 1 < end ? f[i + 1] & 0xff : 0;
            if (len < 2 || i + len > end) {
                return 0;
            }
            if (kind == 8 && len == 10) {
                return i + 2;
            }
            i += len;
        }
        return 0;
    }

    /** The TCP checksum over the pseudo-header and the segment: 0 when the field in it is right. */
    private static int checksum(byte[] f, int l4, int end) {
        int length = end - l4;
        return Checksums.finish(Checksums.sum(f, l4, length, Checksums.sum(f, ETHERNET + 12, 8, 6 + length)));
    }

    /** Writes the number at {@code at} relative to the cookie when it is derived from it; whether it was. */
    private static boolean mask(byte[] f, int at, long cookie) {
        long value = get32(f, at);
        long relative = (value - cookie) & 0xFFFFFFFFL;
        if (relative < SPAN) {
            f[at] = 0;
            f[at + 1] = 0;
            f[at + 2] = (byte) (relative >>> 8);
            f[at + 3] = (byte) relative;
            return true;
        }
        return false;
    }

    private static long get32(byte[] b, int at) {
        return ((b[at] & 0xffL) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }
}
