package org.jptables.plugins.synproxy;

/**
 * SipHash-2-4 of two 64-bit words (the kernel's siphash_2u64, which siphash_4u32 feeds), with a
 * 128-bit key: what syncookies.c's cookie_hash is made of.
 */
final class SipHash {
    private SipHash() {
    }

    /** siphash_4u32(a, b, c, d, key): the words (b:a) and (d:c), little-endian as the kernel packs them. */
    static long hash4(int a, int b, int c, int d, long k0, long k1) {
        return hash2((long) b << 32 | (a & 0xFFFFFFFFL), (long) d << 32 | (c & 0xFFFFFFFFL), k0, k1);
    }

    static long hash2(long first, long second, long k0, long k1) {
        long v0 = 0x736f6d6570736575L ^ k0;
        long v1 = 0x646f72616e646f6dL ^ k1;
        long v2 = 0x6c7967656e657261L ^ k0;
        long v3 = 0x7465646279746573L ^ k1;
        long last = 16L << 56;
        for (int w = 0; w < 3; w++) {
            long m = w == 0 ? first : w == 1 ? second : last;
            v3 ^= m;
            for (int r = 0; r < 2; r++) {
                v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
                v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
                v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
                v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
            }
            v0 ^= m;
        }
        v2 ^= 0xff;
        for (int r = 0; r < 4; r++) {
            v0 += v1; v1 = Long.rotateLeft(v1, 13); v1 ^= v0; v0 = Long.rotateLeft(v0, 32);
            v2 += v3; v3 = Long.rotateLeft(v3, 16); v3 ^= v2;
            v0 += v3; v3 = Long.rotateLeft(v3, 21); v3 ^= v0;
            v2 += v1; v1 = Long.rotateLeft(v1, 17); v1 ^= v2; v2 = Long.rotateLeft(v2, 32);
        }
        return v0 ^ v1 ^ v2 ^ v3;
    }
}
