package org.jptables.language;

/**
 * iptables' general options as the bits it keeps of them (OPT_NUMERIC and the rest): a bit set
 * twice is "multiple -x flags", and generic_opt_check's table says which of them each command
 * allows.
 */
final class GeneralOptions {
    static final int NUMERIC = 1;
    static final int SOURCE = 1 << 1;
    static final int DESTINATION = 1 << 2;
    static final int PROTOCOL = 1 << 3;
    static final int JUMP = 1 << 4;
    static final int VERBOSE = 1 << 5;
    static final int EXPANDED = 1 << 6;
    static final int VIANAMEIN = 1 << 7;
    static final int VIANAMEOUT = 1 << 8;
    static final int LINENUMBERS = 1 << 9;
    static final int COUNTERS = 1 << 10;
    static final int FRAGMENT = 1 << 11;
    /** The letter of each bit, in bit order, for the messages. */
    private static final String LETTERS = "nsdpjvxio0cf";

    // rows follow CommandKind order; columns LETTERS; 'x' illegal
    private static final String[] ILLEGAL = {
        "x     x  x  ", // INSERT
        "x     x  xx ", // DELETE
        "xxxxx xxxxxx", // DELETE_NUM
        "x     x  x  ", // REPLACE
        "x     x  x  ", // APPEND
        " xxxx  xx xx", // LIST
        "xxxxx xxxxxx", // FLUSH
        "xxxxx xxxxxx", // ZERO
        "xxxxx xxxxxx", // NEW_CHAIN
        "xxxxx xxxxxx", // DELETE_CHAIN
        "xxxxx xxxx x", // SET_POLICY
        "xxxxx xxxxxx", // RENAME_CHAIN
        "xxxxx xxxxxx", // LIST_RULES
        "xxxxx xxxxxx", // ZERO_NUM
        "x     x  xx ", // CHECK
    };

    private GeneralOptions() {
    }

    /**
     * generic_opt_check: an option is refused only when no command given allows it, so that
     * {@code -L -Z -n} passes although -Z alone would not take -n.
     */
    static void checkAllowed(int options, int commands) throws ParameterException {
        for (int i = 0; i < LETTERS.length(); i++) {
            if ((options & (1 << i)) == 0) {
                continue;
            }
            int legal = 0;
            for (CommandKind k : CommandKind.values()) {
                if ((commands & k.bit()) == 0) {
                    continue;
                }
                if (ILLEGAL[k.ordinal()].charAt(i) != 'x') {
                    legal = 1;
                } else if (legal == 0) {
                    legal = -1;
                }
            }
            if (legal == -1) {
                char letter = LETTERS.charAt(i);
                throw new ParameterException("Illegal option `-" + letter + "' with this command");
            }
        }
    }
}
