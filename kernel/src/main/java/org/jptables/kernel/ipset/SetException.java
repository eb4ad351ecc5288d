package org.jptables.kernel.ipset;

/** A command the kernel's ipset refused, with the error it answered and the restore line it blamed. */
public final class SetException extends Exception {
    private static final long serialVersionUID = 1L;
    private final SetError error;
    private final int line;

    public SetException(SetError error, int line) {
        super(error.name(), null, false, false);
        this.error = error;
        this.line = line;
    }

    public SetError error() {
        return error;
    }

    /** The restore line the kernel reported (IPSET_ATTR_LINENO), 0 when none. */
    public int line() {
        return line;
    }
}
