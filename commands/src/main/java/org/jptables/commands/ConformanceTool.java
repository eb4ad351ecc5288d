package org.jptables.commands;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jptables.conformance.CaseReport;
import org.jptables.conformance.CaseRunner;
import org.jptables.conformance.KnownDeviations;
import org.jptables.conformance.RecordedCase;
import org.jptables.kernel.eval.EvalMode;
import org.jptables.kernel.extension.DuplicateExtensionException;
import org.jptables.kernel.host.Host;

/**
 * {@code jptables conformance [--host host.yaml] CASE_DIR...}: runs cases recorded on the real
 * kernel (shared/conformance's layout, or conformance/cases recorded by our own recorder) and says
 * per case how many packets jptables handled exactly as Linux did, with every difference.
 * Exit status 0 when all agree, 1 when any differs, 2 for bad arguments.
 */
final class ConformanceTool {
    private static final String PROGRAM = "jptables";
    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    ConformanceTool(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) {
        if (!args.isEmpty() && (args.get(0).equals("-h") || args.get(0).equals("--help"))) {
            out.print(Help.conformance());
            return 0;
        }
        try {
            Settings settings = Settings.from(args, env);
            Host host = Host.conformance();
            KnownDeviations known = KnownDeviations.none();
            List<Path> roots = new ArrayList<>();
            EvalMode eval = settings.eval();
            List<String> rest = settings.args();
            for (int i = 0; i < rest.size(); i++) {
                String a = rest.get(i);
                if (a.equals("--eval")) {
                    if (i + 1 >= rest.size()) {
                        throw new Settings.UsageError("conformance: option \"--eval\" requires an argument");
                    }
                    eval = Settings.evalMode(rest.get(++i));
                } else if (a.equals("--known")) {
                    if (i + 1 >= rest.size()) {
                        throw new Settings.UsageError("conformance: option \"--known\" requires an argument");
                    }
                    known = KnownDeviations.read(Path.of(rest.get(++i)));
                } else if (a.equals("--host")) {
                    if (i + 1 >= rest.size()) {
                        throw new Settings.UsageError("conformance: option \"--host\" requires an argument");
                    }
                    host = Host.read(Path.of(rest.get(++i)));
                } else if (a.startsWith("-")) {
                    throw new Settings.UsageError("conformance: unknown argument \"" + a + "\"");
                } else {
                    roots.add(Path.of(a));
                }
            }
            if (roots.isEmpty()) {
                throw new Settings.UsageError("conformance: give one or more case folders (each with kernel.json)");
            }
            Session session = new Session(settings, err);
            CaseRunner runner = new CaseRunner((sets, objects) -> session.parser(true, sets, objects), session.names, host, eval);
            int cases = 0;
            int packets = 0;
            int agreeing = 0;
            int failedCases = 0;
            int knownPackets = 0;
            for (Path root : roots) {
                for (Path dir : RecordedCase.find(root)) {
                    CaseReport report = runner.run(RecordedCase.read(dir), known);
                    cases++;
                    packets += report.packets();
                    agreeing += report.agreeing();
                    out.print(report.name() + ": " + report.agreeing() + " of " + report.packets()
                            + " packets agree" + (report.known() == 0 ? "" : ", " + report.known()
                            + " known deviations") + (report.agrees() ? "" : ", " + report.differences().size()
                            + " differences") + "\n");
                    knownPackets += report.known();
                    for (String d : report.differences()) {
                        out.print("  " + d + "\n");
                    }
                    if (!report.agrees()) {
                        failedCases++;
                    }
                }
            }
            out.print("conformance: " + cases + " cases, " + (cases - failedCases) + " agree; " + packets
                    + " packets, " + agreeing + " agree" + (knownPackets == 0 ? "" : ", " + knownPackets
                    + " known deviations") + "\n");
            return failedCases == 0 ? 0 : 1;
        } catch (Settings.UsageError e) {
            err.print(PROGRAM + ": " + e.getMessage() + "\n");
            return 2;
        } catch (IOException | DuplicateExtensionException e) {
            err.print(PROGRAM + ": " + e.getMessage() + "\n");
            return 1;
        }
    }
}
