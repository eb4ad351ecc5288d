package org.jptables.api;

/**
 * One passive OS fingerprint as the host has loaded it (nfnetlink_osf's {@code nf_osf_user_finger},
 * made by {@code nfnl_osf -f pf.os} from one line of OpenBSD's pf.os): what a TCP SYN of that
 * system looks like, and the names {@code -m osf} matches and logs. Immutable.
 *
 * @param windowKind    how {@code windowValue} is compared with the SYN's window: {@link #WINDOW_PLAIN}
 *                      (equal, or any window when the value is 0), {@link #WINDOW_MSS} (value times
 *                      the MSS), {@link #WINDOW_MTU} (value times MSS + 40), {@link #WINDOW_MODULO}
 *                      (a multiple of the value)
 * @param windowValue   the number of the window field, 0..2^32-1
 * @param ttl           the system's initial TTL, 0..255
 * @param dontFragment  whether its SYNs carry DF
 * @param size          the SYN's total length in bytes, 0..65535
 * @param genre         the system's genre ({@code Linux}), at most 31 characters
 * @param version       its version ({@code 2.6}), at most 31 characters
 * @param subtype       its subtype, often empty, at most 31 characters
 * @param optionKinds   the TCP options in their order in the SYN, by kind (2 MSS, 1 NOP, 4 SACK
 *                      permitted, 8 timestamps, 3 window scale, 0 end of list)
 * @param optionLengths the bytes each of those options takes
 */
public record OsFingerprint(int windowKind, long windowValue, int ttl, boolean dontFragment, int size,
                            String genre, String version, String subtype, byte[] optionKinds,
                            byte[] optionLengths) {
    /** The window is the fingerprint's value (OSF_WSS_PLAIN). */
    public static final int WINDOW_PLAIN = 0;
    /** The window is the value times the MSS (OSF_WSS_MSS, pf.os's {@code Snn}). */
    public static final int WINDOW_MSS = 1;
    /** The window is the value times the MTU, MSS + 40 (OSF_WSS_MTU, pf.os's {@code Tnn}). */
    public static final int WINDOW_MTU = 2;
    /** The window is a multiple of the value (OSF_WSS_MODULO, pf.os's {@code %nn}). */
    public static final int WINDOW_MODULO = 3;

    public OsFingerprint {
        if (optionKinds.length != optionLengths.length) {
            throw new IllegalArgumentException("one length per option kind");
        }
        // copies: the arrays of a record are its callers' otherwise, and a fingerprint never changes
        optionKinds = optionKinds.clone();
        optionLengths = optionLengths.clone();
    }

    /** How many TCP options the fingerprint lists. */
    public int optionCount() {
        return optionKinds.length;
    }

    /** The kind of option {@code i}, 0..255. */
    public int optionKind(int i) {
        return optionKinds[i] & 0xFF;
    }

    /** The bytes option {@code i} takes, 0..255. */
    public int optionLength(int i) {
        return optionLengths[i] & 0xFF;
    }

    /** A copy of the option kinds. */
    @Override
    public byte[] optionKinds() {
        return optionKinds.clone();
    }

    /** A copy of the option lengths. */
    @Override
    public byte[] optionLengths() {
        return optionLengths.clone();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof OsFingerprint f && windowKind == f.windowKind && windowValue == f.windowValue
                && ttl == f.ttl && dontFragment == f.dontFragment && size == f.size && genre.equals(f.genre)
                && version.equals(f.version) && subtype.equals(f.subtype)
                && java.util.Arrays.equals(optionKinds, f.optionKinds)
                && java.util.Arrays.equals(optionLengths, f.optionLengths);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(windowKind, windowValue, ttl, dontFragment, size, genre, version, subtype,
                java.util.Arrays.hashCode(optionKinds), java.util.Arrays.hashCode(optionLengths));
    }

    @Override
    public String toString() {
        return "OsFingerprint[" + genre + ":" + version + ":" + subtype + " window " + windowKind + "/"
                + windowValue + " ttl " + ttl + " df " + dontFragment + " size " + size + " options "
                + java.util.Arrays.toString(optionKinds) + "]";
    }
}
