package org.jptables.language.listing;

/** Network masks as iptables prints them. */
public final class Masks {
    private Masks() {
    }

    /** The prefix length of a contiguous mask, or -1 when the mask is not contiguous. */
    public static int prefixLength(int mask) {
        int bits = Integer.bitCount(mask);
        int contiguous = bits == 0 ? 0 : -1 << (32 - bits);
        return contiguous == mask ? bits : -1;
    }
}
