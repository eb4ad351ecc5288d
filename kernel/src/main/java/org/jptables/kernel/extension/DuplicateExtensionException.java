package org.jptables.kernel.extension;

/** Two plugins provide a match or target of the same name: a start-up error naming both. */
public final class DuplicateExtensionException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    public DuplicateExtensionException(String message) {
        super(message);
    }
}
