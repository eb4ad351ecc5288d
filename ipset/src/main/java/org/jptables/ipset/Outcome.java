package org.jptables.ipset;

import java.io.PrintStream;

/**
 * How a run of ipset ends (libipset's custom_error and standard_error): what it prints on
 * standard error and the exit status, thrown to unwind as the C tool's exit() does.
 */
final class Outcome extends RuntimeException {
    private static final long serialVersionUID = 1L;
    /** enum ipset_exittype. */
    static final int NO_PROBLEM = 0;
    static final int OTHER_PROBLEM = 1;
    static final int PARAMETER_PROBLEM = 2;
    static final int VERSION_PROBLEM = 3;
    static final int SESSION_PROBLEM = 4;

    final int status;

    /** The same end with another exit status (main returning -1 exits 255). */
    Outcome withStatus(int code) {
        return new Outcome(code);
    }

    private Outcome(int status) {
        super(null, null, false, false);
        this.status = status;
    }

    /** custom_error: the message (unless quiet), the help hint for a parameter problem, then exit. */
    static Outcome custom(Session s, int problem, String message) {
        if (problem != NO_PROBLEM && message != null && !s.has(Session.Env.QUIET)) {
            PrintStream err = s.err;
            err.print("ipset v" + IpsetTool.VERSION + ": " + message);
            if (problem != SESSION_PROBLEM) {
                err.print("\n");
            }
            if (problem == PARAMETER_PROBLEM) {
                err.print("Try `ipset help' for more information.\n");
            }
        }
        return new Outcome(problem > VERSION_PROBLEM ? OTHER_PROBLEM : problem);
    }

    /** standard_error: the report's warning or notice printed, an error made a session problem; exit. */
    static Outcome standard(Session s) {
        Report.Kind kind = s.report.kind();
        if ((kind == Report.Kind.WARNING || kind == Report.Kind.NOTICE) && !s.has(Session.Env.QUIET)) {
            s.err.print((kind == Report.Kind.WARNING ? "Warning: " : "") + s.report.text());
        }
        if (kind == Report.Kind.ERROR) {
            return custom(s, SESSION_PROBLEM, s.report.text());
        }
        return new Outcome(kind.ordinal() <= Report.Kind.WARNING.ordinal() ? NO_PROBLEM : OTHER_PROBLEM);
    }

    /** A normal end. */
    static Outcome done() {
        return new Outcome(NO_PROBLEM);
    }
}
