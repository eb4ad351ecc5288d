package org.jptables.plugins.synproxy;

/**
 * SYN cookies as net/ipv4/syncookies.c makes and checks them: the cookie is the ISN the host
 * answers a SYN with, and encodes the client's MSS (an index into {@link #MSS_TABLE}) and the
 * minute it was made, under two SipHash keys. Linux draws the keys at random once per boot, so no
 * recording can be reproduced number for number: this model takes them from its constructor,
 * {@link #DEFAULT} being fixed and documented (docs/extensions.md), so that a run is
 * deterministic offline. The minute counter is tcp_cookie_time(): the packet's clock in minutes.
 */
final class SynCookies {
    /** msstab: the MSS values a cookie can carry. */
    static final int[] MSS_TABLE = {536, 1300, 1440, 1460};
    /** COOKIEBITS: the low bits hold the data (the MSS index) plus a hash, the high ones the minute. */
    private static final int COOKIE_BITS = 24;
    private static final int COOKIE_MASK = (1 << COOKIE_BITS) - 1;
    /** MAX_SYNCOOKIE_AGE: a cookie is good in the minute it was made and the next. */
    private static final int MAX_AGE = 2;
    private static final long NANOS_PER_MINUTE = 60_000_000_000L;

    /**
     * The keys jptables uses: bytes 0x00..0x0f and 0x10..0x1f read little-endian, as SipHash's
     * reference vectors do.
     */
    static final SynCookies DEFAULT = new SynCookies(0x0706050403020100L, 0x0f0e0d0c0b0a0908L,
            0x1716151413121110L, 0x1f1e1d1c1b1a1918L);

    private final long key0a;
    private final long key0b;
    private final long key1a;
    private final long key1b;

    /** syncookie_secret[0] is (key0a, key0b), syncookie_secret[1] (key1a, key1b). */
    SynCookies(long key0a, long key0b, long key1a, long key1b) {
        this.key0a = key0a;
        this.key0b = key0b;
        this.key1a = key1a;
        this.key1b = key1b;
    }

    /** tcp_cookie_time at {@code nanos} on the packets' clock. */
    static int minute(long nanos) {
        return (int) Long.divideUnsigned(nanos, NANOS_PER_MINUTE);
    }

    /** The index of the largest table entry not above {@code mss}, 0 when all are (__cookie_v4_init_sequence). */
    static int mssIndex(int mss) {
        int i = MSS_TABLE.length - 1;
        while (i > 0 && mss < MSS_TABLE[i]) {
            i--;
        }
        return i;
    }

    /**
     * __cookie_v4_init_sequence: the cookie for a SYN of {@code seq} from {@code saddr:sport} to
     * {@code daddr:dport} (addresses and ports as numbers, 192.0.2.1 being 0xC0000201) whose MSS
     * is {@code mss} (0 without the option).
     */
    int make(int saddr, int daddr, int sport, int dport, int seq, int mss, int minute) {
        return hash(saddr, daddr, sport, dport, 0, false) + seq + (minute << COOKIE_BITS)
                + ((hash(saddr, daddr, sport, dport, minute, true) + mssIndex(mss)) & COOKIE_MASK);
    }

    /**
     * __cookie_v4_check: the MSS a cookie returned by an ACK of {@code seq} (the SYN's sequence
     * number plus one) encodes, or 0 when it is not one of ours or too old.
     */
    int check(int saddr, int daddr, int sport, int dport, int seq, int cookie, int minute) {
        int sseq = seq - 1;
        int rest = cookie - (hash(saddr, daddr, sport, dport, 0, false) + sseq);
        int age = (minute - (rest >>> COOKIE_BITS)) & (-1 >>> COOKIE_BITS);
        if (age >= MAX_AGE) {
            return 0;
        }
        int index = (rest - hash(saddr, daddr, sport, dport, minute - age, true)) & COOKIE_MASK;
        return Integer.compareUnsigned(index, MSS_TABLE.length) < 0 ? MSS_TABLE[index] : 0;
    }

    /**
     * cookie_hash: SipHash of the addresses and ports as the kernel holds them, in network byte
     * order read as little-endian words (an x86 kernel's view), and the minute.
     */
    private int hash(int saddr, int daddr, int sport, int dport, int count, boolean second) {
        int ports = (Short.reverseBytes((short) sport) & 0xFFFF) << 16 | (Short.reverseBytes((short) dport) & 0xFFFF);
        return (int) SipHash.hash4(Integer.reverseBytes(saddr), Integer.reverseBytes(daddr), ports, count,
                second ? key1a : key0a, second ? key1b : key0b);
    }
}
