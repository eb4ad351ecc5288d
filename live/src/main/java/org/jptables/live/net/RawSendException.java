package org.jptables.live.net;

import org.jptables.live.netlink.Libc;

/** A raw socket call the kernel refused: what was asked, and the kernel's reason (errno). */
public final class RawSendException extends RuntimeException {
    private final int errno;

    public RawSendException(String what, int errno) {
        super(what + ": " + Libc.describe(errno));
        this.errno = errno;
    }

    public int errno() {
        return errno;
    }
}
