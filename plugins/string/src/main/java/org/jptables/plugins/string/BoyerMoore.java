package org.jptables.plugins.string;

import org.jptables.api.Packet;

/**
 * lib/ts_bm.c as Linux 6.x has it: a bad-character table and a good-suffix table, compared right
 * to left. It is not a textbook Boyer-Moore: the good-suffix table is the kernel's own
 * (subpattern), and the bad-character shift is taken from the text byte as it is, not case
 * folded, so with --icase or some repetitive patterns it can step over an occurrence that a
 * plain search would find. Packets are searched as one block, as a linear skb is.
 */
final class BoyerMoore implements TextSearch {
    private final byte[] pattern;
    private final boolean icase;
    private final int[] badShift = new int[256];
    private final int[] goodShift;

    BoyerMoore(byte[] pattern, boolean icase) {
        int m = pattern.length;
        this.icase = icase;
        this.pattern = pattern.clone();
        if (icase) {
            for (int i = 0; i < m; i++) {
                this.pattern[i] = (byte) KernelCtype.toUpper(pattern[i] & 0xFF);
            }
        }
        java.util.Arrays.fill(badShift, m);
        for (int i = 0; i < m - 1; i++) {
            int c = this.pattern[i] & 0xFF;
            badShift[c] = m - 1 - i;
            if (icase) {
                badShift[KernelCtype.toLower(c)] = m - 1 - i;
            }
        }
        goodShift = new int[m];
        goodShift[0] = 1;
        for (int i = 1; i < m; i++) {
            goodShift[i] = m;
        }
        for (int i = m - 1, g = 1; i > 0; g++, i--) {
            for (int j = i - 1; j >= 1 - g; j--) {
                if (subpattern(i, j, g)) {
                    goodShift[g] = m - j - g;
                    break;
                }
            }
        }
    }

    /** The kernel's subpattern(): whether the g bytes ending at i+g-1 recur ending at j+g-1, preceded differently. */
    private boolean subpattern(int i, int j, int g) {
        int x = i + g - 1;
        int y = j + g - 1;
        while (pattern[x--] == pattern[y--]) {
            if (y < 0) {
                return true;
            }
            if (--g == 0) {
                return pattern[i - 1] != pattern[j - 1];
            }
        }
        return false;
    }

    @Override
    public int find(Packet packet, int start, int end) {
        int m = pattern.length;
        int textLength = end - start;
        int shift = m - 1;
        while (shift < textLength) {
            int i = 0;
            while (i < m) {
                int c = packet.u8(start + shift - i);
                if ((icase ? KernelCtype.toUpper(c) : c) != (pattern[m - 1 - i] & 0xFF)) {
                    break;
                }
                i++;
            }
            if (i == m) {
                return shift - (m - 1);
            }
            int bs = badShift[packet.u8(start + shift - i)];
            shift = Math.max(shift - i + bs, shift + goodShift[i]);
        }
        return -1;
    }
}
