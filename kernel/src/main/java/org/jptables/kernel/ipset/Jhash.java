package org.jptables.kernel.ipset;

/**
 * Bob Jenkins' lookup3 hash over 32-bit words (the kernel's jhash2), which ipset's hash types
 * place their elements with: with the same initval the buckets, and so the order of a listing,
 * are the kernel's. Words are the element's bytes read as little-endian 32-bit values, as an
 * x86 kernel reads its element struct.
 */
final class Jhash {
    private static final int INITIAL = 0xdeadbeef;

    private Jhash() {
    }

    /** jhash2 of {@code length} words of {@code key} from {@code offset}. */
    static int words(int[] key, int offset, int length, int initval) {
        int a = INITIAL + (length << 2) + initval;
        int b = a;
        int c = a;
        int i = offset;
        int n = length;
        while (n > 3) {
            a += key[i];
            b += key[i + 1];
            c += key[i + 2];
            // mix
            a -= c; a ^= Integer.rotateLeft(c, 4); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 6); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 8); b += a;
            a -= c; a ^= Integer.rotateLeft(c, 16); c += b;
            b -= a; b ^= Integer.rotateLeft(a, 19); a += c;
            c -= b; c ^= Integer.rotateLeft(b, 4); b += a;
            n -= 3;
            i += 3;
        }
        switch (n) {
            case 3:
                c += key[i + 2];
                // fall through
            case 2:
                b += key[i + 1];
                // fall through
            case 1:
                a += key[i];
                // final
                c ^= b; c -= Integer.rotateLeft(b, 14);
                a ^= c; a -= Integer.rotateLeft(c, 11);
                b ^= a; b -= Integer.rotateLeft(a, 25);
                c ^= b; c -= Integer.rotateLeft(b, 16);
                a ^= c; a -= Integer.rotateLeft(c, 4);
                b ^= a; b -= Integer.rotateLeft(a, 14);
                c ^= b; c -= Integer.rotateLeft(b, 24);
                break;
            default:
                break;
        }
        return c;
    }
}
