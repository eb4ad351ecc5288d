package org.jptables.kernel.language;

/**
 * iptables-restore stopped at a line. Either the line itself was refused as a command
 * ({@link #parameterProblem}: printed with "Error occurred at line: N", exit 2), or the kernel
 * refused it or the COMMIT ("line N failed", exit 1).
 */
public final class RestoreException extends Exception {
    private static final long serialVersionUID = 1L;
    private final int line;
    private final ParameterException parameterProblem;

    public RestoreException(int line, ParameterException parameterProblem) {
        super(parameterProblem == null ? "line " + line + " failed" : parameterProblem.getMessage());
        this.line = line;
        this.parameterProblem = parameterProblem;
    }

    public int line() {
        return line;
    }

    /** The refused command, or null when the line failed in the kernel. */
    public ParameterException parameterProblem() {
        return parameterProblem;
    }
}
