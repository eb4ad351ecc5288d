package org.jptables.capture;

import java.io.IOException;

/** A capture that cannot be read further: says where (byte offset) and why. */
public final class CaptureException extends IOException {
    private static final long serialVersionUID = 1L;
    private final long offset;

    public CaptureException(long offset, String why) {
        super("at byte " + offset + ": " + why);
        this.offset = offset;
    }

    public long offset() {
        return offset;
    }
}
