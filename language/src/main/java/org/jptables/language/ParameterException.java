package org.jptables.language;

/**
 * A command line iptables refuses before touching the kernel (its PARAMETER_PROBLEM, exit 2):
 * printed as {@code "PROG vVERSION (legacy): MESSAGE"} and the "Try `PROG -h'" line.
 */
public class ParameterException extends Exception {
    private static final long serialVersionUID = 1L;

    public ParameterException(String message) {
        super(message);
    }
}
