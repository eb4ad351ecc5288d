package org.jptables.ipset;

/**
 * libipset's session report: the messages of one command, errors over warnings over notices. A
 * message of a more important kind replaces the less important ones gathered before it; messages
 * of the same kind add up, a line each. In restore mode an error says its line.
 */
final class Report {
    /** Report kinds in libipset's order of importance. */
    enum Kind { NONE, WARNING, NOTICE, ERROR }

    private final StringBuilder text = new StringBuilder();
    private Kind kind = Kind.NONE;
    /** The restore line being run, 0 outside restore. */
    int line;

    /** ipset_err: always fails, so a parser can {@code return report.error(...)}. */
    boolean error(String message) {
        add(Kind.ERROR, message);
        return false;
    }

    /** ipset_warn; fails as libipset's does (its callers turn the warning into an error). */
    boolean warn(String message) {
        add(Kind.WARNING, message);
        return false;
    }

    /** ipset_notice. */
    void notice(String message) {
        add(Kind.NOTICE, message);
    }

    /** {@code Syntax error: ...}. */
    boolean syntax(String message) {
        return error("Syntax error: " + message);
    }

    private void add(Kind k, String message) {
        if (kind != Kind.NONE && kind.ordinal() < k.ordinal()) {
            text.setLength(0);
        }
        if (line != 0 && k == Kind.ERROR) {
            text.setLength(0);
            text.append("Error in line ").append(line).append(": ");
        }
        text.append(message).append('\n');
        kind = k;
    }

    /** ipset_session_warning_as_error. */
    void warningAsError() {
        kind = Kind.ERROR;
    }

    /** ipset_session_report_reset. */
    void reset() {
        text.setLength(0);
        kind = Kind.NONE;
    }

    Kind kind() {
        return kind;
    }

    String text() {
        return text.toString();
    }
}
