package org.jptables.api;

/**
 * The DiffServ class names of libxt_dscp_helper, in its order. A word names the first class it
 * begins with, ignoring case, so "EFxyz" is EF and "cs1foo" CS1 (iptables compares only the
 * length of the class name). Shared by the dscp match and the DSCP target.
 */
public enum DscpClass {
    CS0(0x00), CS1(0x08), CS2(0x10), CS3(0x18), CS4(0x20), CS5(0x28), CS6(0x30), CS7(0x38), BE(0x00),
    AF11(0x0a), AF12(0x0c), AF13(0x0e), AF21(0x12), AF22(0x14), AF23(0x16), AF31(0x1a), AF32(0x1c), AF33(0x1e),
    AF41(0x22), AF42(0x24), AF43(0x26), EF(0x2e);

    private final int dscp;

    DscpClass(int dscp) {
        this.dscp = dscp;
    }

    public int dscp() {
        return dscp;
    }

    /** The code point of the class {@code word} starts with, or -1. */
    public static int codePoint(String word) {
        for (DscpClass c : values()) {
            if (word.regionMatches(true, 0, c.name(), 0, c.name().length())) {
                return c.dscp;
            }
        }
        return -1;
    }
}
