package org.jptables.live.netlink;

/** A netlink call the kernel refused: what was asked, and the kernel's reason (errno). */
public final class NetlinkException extends RuntimeException {
    private final int errno;

    public NetlinkException(String what, int errno) {
        super(what + ": " + Libc.describe(errno));
        this.errno = errno;
    }

    /** A refusal the kernel explained in an extended acknowledgement ({@code kernelMessage}, may be null). */
    public NetlinkException(String what, int errno, String kernelMessage) {
        super(what + ": " + Libc.describe(errno)
                + (kernelMessage == null || kernelMessage.isEmpty() ? "" : " (kernel: " + kernelMessage + ")"));
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
