package org.jptables.commands.control;

/** What a request to the live daemon asks for; {@link #code} is its byte on the control socket. */
public enum ControlKind {
    /** An iptables command line, save or restore, run on the live ruleset. */
    COMMAND(1),
    /** The plugins directory indexed and loaded anew. */
    RELOAD_PLUGINS(2),
    /** What {@code jptables daemon status} prints. */
    STATUS(3);

    private final int code;

    ControlKind(int code) {
        this.code = code;
    }

    public int code() {
        return code;
    }

    /** The kind of {@code code}, or null. */
    public static ControlKind of(int code) {
        for (ControlKind k : values()) {
            if (k.code == code) {
                return k;
            }
        }
        return null;
    }
}
