package org.jptables.fleet;

import java.io.IOException;

/**
 * A host that cannot be replayed (its ruleset, host file or a capture), with a message naming it:
 * the message the command prints, from under the layers of Flink's own exceptions.
 */
final class HostFailure extends IOException {
    private static final long serialVersionUID = 1L;

    HostFailure(String message, Throwable cause) {
        super(message, cause);
    }

    /**
     * The message of the first host failure in {@code t}'s causes, or null. A task's exception may
     * reach the client as Flink's SerializedThrowable, which keeps the class's name and the message.
     */
    static String in(Throwable t) {
        String prefix = HostFailure.class.getName() + ": ";
        for (Throwable c = t; c != null; c = c.getCause()) {
            if (c instanceof HostFailure) {
                return c.getMessage();
            }
            String text = c.toString();
            if (text.startsWith(prefix)) {
                return text.substring(prefix.length());
            }
        }
        return null;
    }
}
