package org.jptables.plugins.log;

import org.jptables.api.CNumbers;
import org.jptables.api.RuleException;

/** Syslog levels as {@code --log-level} reads them (libxtables' XTTYPE_SYSLOGLEVEL) and -L names them. */
final class LogLevel {
    /** The level of a rule without --log-level (LOG_WARNING). */
    static final int DEFAULT = 4;

    /** The names -L prints, by level (libipt_LOG's table). */
    private static final String[] LISTED = {"emerg", "alert", "crit", "err", "warn", "notice", "info", "debug"};

    private LogLevel() {
    }

    /**
     * A number 0..7 (C syntax, the whole word) or one of libxtables' names, compared exactly:
     * "err" and "warn", though printed by -L, are not accepted; "panic" is emerg.
     */
    static int parse(String word) throws RuleException {
        long n = CNumbers.whole(word, 0, 7);
        if (n >= 0) {
            return (int) n;
        }
        int level = switch (word) {
            case "emerg", "panic" -> 0;
            case "alert" -> 1;
            case "crit" -> 2;
            case "error" -> 3;
            case "warning" -> 4;
            case "notice" -> 5;
            case "info" -> 6;
            case "debug" -> 7;
            default -> -1;
        };
        if (level < 0) {
            throw new RuleException("log level \"" + word + "\" unknown\n");
        }
        return level;
    }

    static String listed(int level) {
        return LISTED[level];
    }
}
