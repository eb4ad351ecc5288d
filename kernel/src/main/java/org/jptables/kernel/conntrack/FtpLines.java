package org.jptables.kernel.conntrack;

import java.util.Arrays;

/**
 * What nf_conntrack_ftp keeps per connection (struct nf_ct_ftp_master): for each direction the
 * sequence numbers just after the last two segments that ended a line. The helper reads a segment
 * only when it starts at one of them, i.e. at the start of a command or reply; the first segment of
 * each direction never does (nothing is remembered yet), so a connection's first line each way is
 * never read.
 */
final class FtpLines {
    /** NUM_SEQ_TO_REMEMBER. */
    private static final int REMEMBERED = 2;

    /** At {@code 4 * entry + 2 * direction + i}. */
    private int[] seqAfterNewline = new int[0];
    /** At {@code 2 * entry + direction}: how many of the two are set. */
    private int[] count = new int[0];

    void grow(int capacity) {
        seqAfterNewline = Arrays.copyOf(seqAfterNewline, 2 * REMEMBERED * capacity);
        count = Arrays.copyOf(count, 2 * capacity);
    }

    void reset(int e) {
        count[2 * e] = 0;
        count[2 * e + 1] = 0;
    }

    /** find_nl_seq: whether a segment of {@code dir} starting at {@code seq} starts a line. */
    boolean startsLine(int e, int dir, int seq) {
        int base = 2 * REMEMBERED * e + REMEMBERED * dir;
        for (int i = 0; i < count[2 * e + dir]; i++) {
            if (seqAfterNewline[base + i] == seq) {
                return true;
            }
        }
        return false;
    }

    /** update_nl_seq: remembers {@code seq}, replacing the older of two only by a later one. */
    void lineEndsBefore(int e, int dir, int seq) {
        int base = 2 * REMEMBERED * e + REMEMBERED * dir;
        int n = count[2 * e + dir];
        for (int i = 0; i < n; i++) {
            if (seqAfterNewline[base + i] == seq) {
                return;
            }
        }
        if (n < REMEMBERED) {
            seqAfterNewline[base + n] = seq;
            count[2 * e + dir] = n + 1;
            return;
        }
        int oldest = seqAfterNewline[base] - seqAfterNewline[base + 1] < 0 ? 0 : 1;
        if (seq - seqAfterNewline[base + oldest] > 0) {
            seqAfterNewline[base + oldest] = seq;
        }
    }
}
