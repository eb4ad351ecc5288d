package org.jptables.commands;

import java.io.PrintStream;
import org.jptables.language.BadArgumentException;
import org.jptables.language.ParameterException;

/** How the tools print iptables' errors: the same words, under jptables' program names. */
final class Messages {
    static final String VERSION = "1.8.9";

    private Messages() {
    }

    static String prefix(String program) {
        return program + " v" + VERSION + " (legacy): ";
    }

    static void tryHelp(String program, PrintStream err) {
        err.print("Try `" + program + " -h' or '" + program + " --help' for more information.\n");
    }

    /** A PARAMETER_PROBLEM: exit status 2. */
    static int parameterProblem(String program, ParameterException e, int line, PrintStream err) {
        for (String warning : e.warningsBefore()) {
            err.print(warning + "\n");
        }
        if (e instanceof BadArgumentException) {
            err.print(e.getMessage() + "\n");
        } else {
            err.print(prefix(program) + e.getMessage() + "\n");
        }
        if (line > 0) {
            err.print("Error occurred at line: " + line + "\n");
        }
        tryHelp(program, err);
        return 2;
    }
}
