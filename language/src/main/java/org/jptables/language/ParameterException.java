package org.jptables.language;

/**
 * A command line iptables refuses before touching the kernel (its PARAMETER_PROBLEM, exit 2):
 * printed as {@code "PROG vVERSION (legacy): MESSAGE"} and the "Try `PROG -h'" line.
 */
public class ParameterException extends Exception {
    private static final long serialVersionUID = 1L;

    /** Warnings the parse printed before it failed (stderr lines before the message). */
    private final java.util.List<String> warningsBefore;

    public ParameterException(String message) {
        this(message, java.util.List.of());
    }

    public ParameterException(String message, java.util.List<String> warningsBefore) {
        super(message);
        this.warningsBefore = java.util.List.copyOf(warningsBefore);
    }

    /**
     * What an extension warned about before its refusal, as libxt_connlabel's "Warning: cannot open
     * ..." before "label '...' not found": printed first, one line each.
     */
    public java.util.List<String> warningsBefore() {
        return warningsBefore;
    }
}
