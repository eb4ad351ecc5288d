package org.jptables.live.hooks;

/**
 * The kernel rules could not be put in place, replaced, listed or removed. The message is one
 * line: what was being done, and the tool's own words about why.
 */
public final class HookException extends RuntimeException {
    public HookException(String message) {
        super(message);
    }

    public HookException(String message, Throwable cause) {
        super(message, cause);
    }
}
