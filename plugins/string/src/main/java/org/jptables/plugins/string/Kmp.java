package org.jptables.plugins.string;

import org.jptables.api.Packet;

/**
 * lib/ts_kmp.c: Knuth-Morris-Pratt with the prefix table of the (case-folded, with --icase)
 * pattern; finds the leftmost occurrence.
 */
final class Kmp implements TextSearch {
    private final int[] pattern;
    private final int[] prefix;
    private final boolean icase;

    Kmp(byte[] bytes, boolean icase) {
        int m = bytes.length;
        this.icase = icase;
        this.pattern = new int[m];
        for (int i = 0; i < m; i++) {
            pattern[i] = icase ? KernelCtype.toUpper(bytes[i] & 0xFF) : bytes[i] & 0xFF;
        }
        this.prefix = new int[m];
        for (int k = 0, q = 1; q < m; q++) {
            while (k > 0 && pattern[k] != pattern[q]) {
                k = prefix[k - 1];
            }
            if (pattern[k] == pattern[q]) {
                k++;
            }
            prefix[q] = k;
        }
    }

    @Override
    public int find(Packet packet, int start, int end) {
        int m = pattern.length;
        int q = 0;
        for (int i = start; i < end; i++) {
            int c = packet.u8(i);
            if (icase) {
                c = KernelCtype.toUpper(c);
            }
            while (q > 0 && pattern[q] != c) {
                q = prefix[q - 1];
            }
            if (pattern[q] == c) {
                q++;
            }
            if (q == m) {
                return i + 1 - m - start;
            }
        }
        return -1;
    }
}
