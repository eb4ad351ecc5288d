package org.jptables.api;

/**
 * A rule that cannot be loaded: bad option, bad value, impossible combination. The message is
 * iptables' own text without the {@code "iptables v1.8.9 (legacy): "} prefix, which the kernel adds.
 */
public class RuleException extends Exception {
    private static final long serialVersionUID = 1L;
    private final boolean kernel;

    public RuleException(String message) {
        this(message, false);
    }

    private RuleException(String message, boolean kernel) {
        super(message);
        this.kernel = kernel;
    }

    /**
     * A rule the kernel module itself refuses when the table is loaded (its checkentry), which
     * iptables reports as {@code "iptables: MESSAGE"} with exit status 1 instead of a parameter
     * problem. {@code message} is the errno text, e.g. {@code "Numerical result out of range."}.
     */
    public static RuleException refusedByKernel(String message) {
        return new RuleException(message, true);
    }

    /** Whether the kernel refused the rule (exit 1), rather than the command line (exit 2). */
    public boolean isKernelRefusal() {
        return kernel;
    }

    /** iptables' message for an argument it cannot read: {@code Bad value for "--dport" option: "x"}. */
    public static RuleException badValue(String option, String value) {
        return new RuleException("Bad value for \"" + option + "\" option: \"" + value + "\"");
    }
}
