package org.jptables.plugins.conntrack;

/**
 * The parsed options of one conntrack match, laid out as the kernel's xt_conntrack_mtinfo3: a
 * flag word of the options given and a flag word of the inverted ones. Filled by the builder,
 * then copied into the immutable {@link ConntrackMatch}.
 */
final class ConntrackSpec {
    static final int STATE = 1;
    static final int PROTO = 1 << 1;
    static final int ORIGSRC = 1 << 2;
    static final int ORIGDST = 1 << 3;
    static final int REPLSRC = 1 << 4;
    static final int REPLDST = 1 << 5;
    static final int STATUS = 1 << 6;
    static final int EXPIRES = 1 << 7;
    static final int ORIGSRC_PORT = 1 << 8;
    static final int ORIGDST_PORT = 1 << 9;
    static final int REPLSRC_PORT = 1 << 10;
    static final int REPLDST_PORT = 1 << 11;
    static final int DIRECTION = 1 << 12;

    int matchFlags;
    int invertFlags;
    int stateMask;
    int statusMask;
    int protocol;
    HostMask origSrc;
    HostMask origDst;
    HostMask replSrc;
    HostMask replDst;
    PortRange origSrcPort;
    PortRange origDstPort;
    PortRange replSrcPort;
    PortRange replDstPort;
    ExpiryRange expiry;
}
