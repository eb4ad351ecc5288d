package org.jptables.kernel.conntrack;

import java.util.Arrays;

import org.jptables.kernel.nat.PacketRewriter;
import org.jptables.kernel.packet.PacketView;

/**
 * TCP sequence number adjustment (nf_conntrack_seqadj): when the FTP NAT helper makes a segment
 * longer or shorter, the sender's later sequence numbers and the receiver's acknowledgements of
 * them no longer agree; from then on every segment of the connection is corrected as it leaves.
 *
 * <p>Per direction the kernel keeps only the last correction: where it happened (the sequence
 * number of the rewritten segment) and the offset before and after it. A segment starting after
 * that position gets the offset after, any other the offset before, even one that started before
 * an earlier correction. Acknowledgements and SACK blocks travelling the other way are corrected
 * back the same way. The connection tracker's window check ({@link TcpWindow}) takes the receiver's
 * offset off acknowledgements first, as tcp_in_window does.
 */
final class SeqAdjust {
    /** At {@code 2 * entry + direction}. */
    private int[] correctionPos = new int[0];
    private int[] offsetBefore = new int[0];
    private int[] offsetAfter = new int[0];

    void grow(int capacity) {
        correctionPos = Arrays.copyOf(correctionPos, 2 * capacity);
        offsetBefore = Arrays.copyOf(offsetBefore, 2 * capacity);
        offsetAfter = Arrays.copyOf(offsetAfter, 2 * capacity);
    }

    void reset(int e) {
        for (int i = 2 * e; i < 2 * e + 2; i++) {
            correctionPos[i] = 0;
            offsetBefore[i] = 0;
            offsetAfter[i] = 0;
        }
    }

    /**
     * nf_ct_seqadj_set: the segment of direction {@code dir} starting at {@code seq} grew by
     * {@code off} bytes (shrank when negative). A position is moved on only when it lies after the
     * last one, or when no correction is pending.
     */
    void set(int e, int dir, int seq, int off) {
        if (off == 0) {
            return;
        }
        int i = 2 * e + dir;
        if (offsetBefore[i] == offsetAfter[i] || correctionPos[i] - seq < 0) {
            correctionPos[i] = seq;
            offsetBefore[i] = offsetAfter[i];
            offsetAfter[i] += off;
        }
    }

    /**
     * nf_ct_seqadj_init: every sequence number of direction {@code dir} moves by {@code off} from
     * now on (SYNPROXY: the server's ISN becomes the cookie the client was given). Returns whether
     * the connection now needs adjusting (off not 0).
     */
    boolean init(int e, int dir, int off) {
        if (off == 0) {
            return false;
        }
        int i = 2 * e + dir;
        offsetBefore[i] = off;
        offsetAfter[i] = off;
        return true;
    }

    /** nf_ct_seq_offset: the offset of a sequence number of direction {@code dir}. */
    int offset(int e, int dir, int seq) {
        int i = 2 * e + dir;
        return seq - correctionPos[i] > 0 ? offsetAfter[i] : offsetBefore[i];
    }

    /**
     * nf_ct_seq_adjust: corrects the TCP segment of direction {@code dir} whose header is at
     * {@code l4}: its sequence number by this direction's offset, its acknowledgement and SACK
     * blocks back by the other's. The checksum follows each change, unless it is a partial one the
     * device completes ({@code checksumPartial}: a segment the NAT helper just rewrote).
     */
    void adjust(PacketView p, int e, int dir, int l4, boolean checksumPartial) {
        byte[] b = p.bytes();
        int at = p.offset() + l4;
        int self = 2 * e + dir;
        int other = 2 * e + (1 - dir);
        int seq = get32(b, at + 4);
        int newSeq = seq + (seq - correctionPos[self] > 0 ? offsetAfter[self] : offsetBefore[self]);
        replace(b, at, at + 4, seq, newSeq, checksumPartial);
        if ((b[at + 13] & 0x10) == 0) {
            return;
        }
        int ack = get32(b, at + 8);
        replace(b, at, at + 8, ack, ack - back(other, ack), checksumPartial);
        sack(p, b, at, other, checksumPartial);
    }

    /** How far a number the other direction acknowledges was moved (the kernel's ackoff). */
    private int back(int other, int number) {
        return number - offsetBefore[other] - correctionPos[other] > 0 ? offsetAfter[other] : offsetBefore[other];
    }

    /** nf_ct_sack_adjust: every SACK block's edges, as the acknowledgement. */
    private void sack(PacketView p, byte[] b, int at, int other, boolean checksumPartial) {
        int optoff = at + 20;
        int optend = at + ((b[at + 12] & 0xFF) >> 4) * 4;
        if (optend > p.offset() + p.length()) {
            return;
        }
        while (optoff < optend) {
            int kind = b[optoff] & 0xFF;
            if (kind == 0) {
                return;
            }
            if (kind == 1) {
                optoff++;
                continue;
            }
            int len = optoff + 1 == optend ? 0 : b[optoff + 1] & 0xFF;
            if (optoff + 1 == optend || optoff + len > optend || len < 2) {
                return; // no partial options
            }
            if (kind == 5 && len >= 10 && (len - 2) % 8 == 0) {
                for (int block = optoff + 2; block < optoff + len; block += 4) {
                    int edge = get32(b, block);
                    replace(b, at, block, edge, edge - back(other, edge), checksumPartial);
                }
            }
            optoff += len;
        }
    }

    private static void replace(byte[] b, int tcp, int field, int oldValue, int newValue, boolean checksumPartial) {
        if (oldValue == newValue) {
            return;
        }
        put32(b, field, newValue);
        if (!checksumPartial) {
            int sum = ((b[tcp + 16] & 0xFF) << 8) | (b[tcp + 17] & 0xFF);
            sum = PacketRewriter.adjust32(sum, oldValue, newValue);
            b[tcp + 16] = (byte) (sum >>> 8);
            b[tcp + 17] = (byte) sum;
        }
    }

    private static int get32(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }

    private static void put32(byte[] b, int at, int v) {
        b[at] = (byte) (v >>> 24);
        b[at + 1] = (byte) (v >>> 16);
        b[at + 2] = (byte) (v >>> 8);
        b[at + 3] = (byte) v;
    }
}
