package org.jptables.live.control;

import java.io.IOException;

/** The control socket cannot be opened; the message is the whole line to print ("jptables daemon: ..."). */
public final class ControlSocketException extends IOException {
    private static final long serialVersionUID = 1L;

    public ControlSocketException(String message) {
        super(message);
    }

    public ControlSocketException(String message, Throwable cause) {
        super(message, cause);
    }
}
