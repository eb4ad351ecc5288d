package org.jptables.api;

/**
 * A rule that cannot be loaded: bad option, bad value, impossible combination. The message is
 * iptables' own text without the {@code "iptables v1.8.9 (legacy): "} prefix, which the kernel adds.
 */
public class RuleException extends Exception {
    private static final long serialVersionUID = 1L;

    public RuleException(String message) {
        super(message);
    }

    /** iptables' message for an argument it cannot read: {@code Bad value for "--dport" option: "x"}. */
    public static RuleException badValue(String option, String value) {
        return new RuleException("Bad value for \"" + option + "\" option: \"" + value + "\"");
    }
}
