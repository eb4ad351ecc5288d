package org.jptables.live.netlink;

/** A netlink call the kernel refused: what was asked, and the kernel's reason (errno). */
public final class NetlinkException extends RuntimeException {
    private final int errno;

    public NetlinkException(String what, int errno) {
        super(what + ": " + Libc.describe(errno));
        this.errno = errno;
    }

    /**
     * As above, with {@code detail} after the kernel's reason (the kernel's own words from an
     * extended acknowledgement, or what usually causes it here); null or empty adds nothing.
     */
    public NetlinkException(String what, int errno, String detail) {
        super(what + ": " + Libc.describe(errno) + (detail == null || detail.isEmpty() ? "" : " (" + detail + ")"));
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
