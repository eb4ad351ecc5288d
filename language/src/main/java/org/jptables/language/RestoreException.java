package org.jptables.language;

/**
 * iptables-restore stopped at a line, in one of its three ways: the line was refused as a
 * command ({@link #parameterProblem}: printed with "Error occurred at line: N" and the "Try" line,
 * exit 2); the kernel refused the line or its COMMIT ("PROG: line N failed", exit 1); or
 * iptables-restore itself gave up with a message of its own ({@link #message}, exit 1).
 */
public final class RestoreException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int line;
    private final ParameterException parameterProblem;
    private final String own;
    private final boolean prefixed;

    public RestoreException(int line, ParameterException parameterProblem) {
        this(line, parameterProblem, null, false);
    }

    private RestoreException(int line, ParameterException parameterProblem, String own, boolean prefixed) {
        super(parameterProblem != null ? parameterProblem.getMessage() : own != null ? own : "line " + line + " failed");
        this.line = line;
        this.parameterProblem = parameterProblem;
        this.own = own;
        this.prefixed = prefixed;
    }

    /** iptables-restore's own message, printed after "PROG v1.8.9 (legacy): " when {@code prefixed}, else after "PROG: ". */
    public static RestoreException message(int line, String message, boolean prefixed) {
        return new RestoreException(line, null, message, prefixed);
    }

    public int line() {
        return line;
    }

    /** The refused command, or null. */
    public ParameterException parameterProblem() {
        return parameterProblem;
    }

    /** iptables-restore's own message, or null when the line simply failed. */
    public String own() {
        return own;
    }

    public boolean prefixed() {
        return prefixed;
    }
}
