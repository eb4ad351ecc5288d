package org.jptables.live.netlink;

/** A netlink call the kernel refused: what was asked, and the kernel's reason (errno). */
public final class NetlinkException extends RuntimeException {
    private final int errno;

    public NetlinkException(String what, int errno) {
        super(what + ": " + Libc.describe(errno));
        this.errno = errno;
    }

    /** As above, with {@code hint} after the kernel's reason: what usually causes it here. */
    public NetlinkException(String what, int errno, String hint) {
        super(what + ": " + Libc.describe(errno) + " (" + hint + ")");
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
