package org.jptables.api;

/** Bits of {@link Packet#ctState()} (as xt_conntrack's state mask) and {@link Packet#ctStatus()}. */
public final class ConnState {
    public static final int INVALID = 1;
    public static final int ESTABLISHED = 1 << 1;
    public static final int RELATED = 1 << 2;
    public static final int NEW = 1 << 3;
    public static final int UNTRACKED = 1 << 6;
    /** The connection's original destination was rewritten (conntrack's virtual DNAT state). */
    public static final int DNAT = 1 << 9;
    /** The connection's original source was rewritten (conntrack's virtual SNAT state). */
    public static final int SNAT = 1 << 8;

    public static final int STATUS_EXPECTED = 1;
    public static final int STATUS_SEEN_REPLY = 1 << 1;
    public static final int STATUS_ASSURED = 1 << 2;
    public static final int STATUS_CONFIRMED = 1 << 3;

    private ConnState() {
    }
}
