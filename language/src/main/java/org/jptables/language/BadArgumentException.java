package org.jptables.language;

/**
 * A word getopt does not take as an option, which iptables reports as {@code Bad argument `WORD'}
 * on its own line (no program prefix) before the "Try" line.
 */
public final class BadArgumentException extends ParameterException {
    private static final long serialVersionUID = 1L;

    public BadArgumentException(String word) {
        super("Bad argument `" + word + "'");
    }
}
