package org.jptables.commands.control;

import java.io.IOException;

/** The control socket could not carry a request or its answer; the message is one line saying why. */
public class ControlException extends IOException {
    private static final long serialVersionUID = 1L;

    public ControlException(String message) {
        super(message);
    }

    public ControlException(String message, Throwable cause) {
        super(message, cause);
    }

    /** The other side did not read or write within the time allowed. */
    public static final class Timeout extends ControlException {
        private static final long serialVersionUID = 1L;

        public Timeout(String message) {
            super(message);
        }
    }

    /** A frame announced more bytes than {@link ControlProtocol#MAX_FRAME}. */
    public static final class TooLarge extends ControlException {
        private static final long serialVersionUID = 1L;

        public TooLarge(String message) {
            super(message);
        }
    }
}
