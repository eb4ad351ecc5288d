package org.jptables.plugins.hmark;

/**
 * The kernel's jhash_3words (Bob Jenkins' lookup3 over three 32-bit words), which xt_HMARK
 * hashes its tuple with: the same words and seed give the kernel's mark.
 */
final class Jhash {
    /** JHASH_INITVAL, lookup3's arbitrary start. */
    private static final int INITIAL = 0xdeadbeef;

    private Jhash() {
    }

    /** jhash_3words(a, b, c, initval). */
    static int threeWords(int a, int b, int c, int initval) {
        int start = initval + INITIAL + (3 << 2);
        a += start;
        b += start;
        c += start;
        // __jhash_final
        c ^= b;
        c -= Integer.rotateLeft(b, 14);
        a ^= c;
        a -= Integer.rotateLeft(c, 11);
        b ^= a;
        b -= Integer.rotateLeft(a, 25);
        c ^= b;
        c -= Integer.rotateLeft(b, 16);
        a ^= c;
        a -= Integer.rotateLeft(c, 4);
        b ^= a;
        b -= Integer.rotateLeft(a, 14);
        c ^= b;
        c -= Integer.rotateLeft(b, 24);
        return c;
    }
}
