package org.jptables.commands;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jptables.capture.CaptureException;
import org.jptables.capture.LinkTypes;
import org.jptables.capture.PcapWriter;
import org.jptables.capture.replay.CaptureReplay;
import org.jptables.commands.state.StateStore;
import org.jptables.kernel.conntrack.ConnectionTracker;
import org.jptables.kernel.conntrack.ConntrackConfig;
import org.jptables.kernel.effects.NflogRecord;
import org.jptables.kernel.extension.DuplicateExtensionException;
import org.jptables.kernel.eval.EvalMode;
import org.jptables.kernel.host.Host;
import org.jptables.kernel.model.Ruleset;
import org.jptables.kernel.model.Table;
import org.jptables.kernel.path.FrameSummary;
import org.jptables.kernel.path.PacketDescription;
import org.jptables.kernel.path.PacketPath;
import org.jptables.kernel.path.PacketResult;
import org.jptables.language.CommandParser;
import org.jptables.language.RestoreException;
import org.jptables.language.RestoreReader;
import org.jptables.language.listing.Listing;

/**
 * {@code jptables replay --packets FILE.jsonl [--json] [--host host.yaml] [--no-save] [--ignore-checksums]}: runs the
 * packets through the ruleset of the state file as the kernel would, prints per packet the verdict,
 * the rules it matched, what left the host and the LOG lines, then adds the counters to the state
 * as traffic through the kernel would ({@code --no-save} leaves the state as it was).
 * {@code --ignore-checksums} turns off the checks of IPv4, TCP, UDP and ICMP checksums (as
 * {@code checksums: false} in conf/jptables.yaml), for captures taken with checksum offload.
 * {@code --quiet-host}: the host makes no packets of its own (REJECT's answers), for a capture
 * taken on the host under the same ruleset, which already holds them.
 */
final class ReplayTool {
    private static final String PROGRAM = "jptables";
    private static final ObjectMapper JSON = new ObjectMapper();
    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    ReplayTool(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    int run(List<String> args) {
        return run(args, null);
    }

    /** {@code inline}: packet lines given by the caller (jptables --packet) instead of a file. */
    int run(List<String> args, List<String> inline) {
        if (inline == null && !args.isEmpty() && (args.get(0).equals("-h") || args.get(0).equals("--help"))) {
            out.print(Help.replay());
            return 0;
        }
        try {
            Settings settings = Settings.from(args, env);
            Path packets = null;
            Path capture = null;
            Path hostFile = null;
            Path rules = null;
            Path acceptedFile = null;
            Path droppedFile = null;
            Path emittedFile = null;
            Path logFile = null;
            Path nflogFile = null;
            boolean json = false;
            boolean save = true;
            boolean ignoreChecksums = false;
            boolean quietHost = false;
            EvalMode eval = settings.eval();
            List<String> rest = settings.args();
            for (int i = 0; i < rest.size(); i++) {
                switch (rest.get(i)) {
                    case "--packets" -> packets = Path.of(value(rest, ++i, "--packets"));
                    case "--host" -> hostFile = Path.of(value(rest, ++i, "--host"));
                    case "--rules" -> rules = Path.of(value(rest, ++i, "--rules"));
                    case "--accepted" -> acceptedFile = Path.of(value(rest, ++i, "--accepted"));
                    case "--dropped" -> droppedFile = Path.of(value(rest, ++i, "--dropped"));
                    case "--emitted" -> emittedFile = Path.of(value(rest, ++i, "--emitted"));
                    case "--log" -> logFile = Path.of(value(rest, ++i, "--log"));
                    case "--nflog" -> nflogFile = Path.of(value(rest, ++i, "--nflog"));
                    case "--json" -> json = true;
                    case "--no-save" -> save = false;
                    case "--ignore-checksums" -> ignoreChecksums = true;
                    case "--quiet-host" -> quietHost = true;
                    case "--eval" -> eval = Settings.evalMode(value(rest, ++i, "--eval"));
                    default -> {
                        if (rest.get(i).startsWith("-") || capture != null) {
                            throw new Settings.UsageError("replay: unknown argument \"" + rest.get(i) + "\"");
                        }
                        capture = Path.of(rest.get(i));
                    }
                }
            }
            if (packets == null && capture == null && inline == null) {
                throw new Settings.UsageError("replay: give a capture (pcap, pcapng) or --packets FILE.jsonl");
            }
            Host host = hostFile != null ? Host.read(hostFile) : defaultHost();
            Session session = new Session(settings, err);
            try (StateStore store = StateStore.open(settings.state(), settings.initial())) {
                Ruleset ruleset;
                if (rules != null) {
                    ruleset = new Ruleset();
                    CommandParser parser = session.parser(true);
                    store.loadSets(session.sets, session.nfacct, session.names);
                    try {
                        new RestoreReader(parser, session.names, true, false,
                                false, null).restore(Files.readAllLines(rules), ruleset);
                    } catch (RestoreException e) {
                        err.print(PROGRAM + ": " + rules + ": line " + e.line() + ": " + e.getMessage() + "\n");
                        return 2;
                    }
                    save = false;
                } else {
                    ruleset = store.load(session.parser(true), session.names);
                }
                ConntrackConfig conntrack = settings.conntrack();
                if (ignoreChecksums) {
                    conntrack = conntrack.withChecksum(false);
                }
                PacketPath path = new PacketPath(ruleset, host, new ConnectionTracker(conntrack))
                        .checkIpHeaders(conntrack.checksum()).quietHost(quietHost).evaluation(eval);
                if (capture != null) {
                    int status = replayCapture(capture, path, host, ruleset, session, acceptedFile, droppedFile,
                            emittedFile, logFile != null ? logFile : settings.log(), logFile == null,
                            conntrack.checksum(), json, quietHost, nflogFile);
                    if (save) {
                        store.store(ruleset);
                    }
                    return status;
                }
                PacketResult result = new PacketResult();
                int index = 0;
                try (PcapWriter nflog = nflogFile == null ? null : new PcapWriter(nflogFile, LinkTypes.NFLOG);
                     BufferedReader reader = inline != null ? new BufferedReader(new StringReader(String.join("\n", inline)))
                        : Files.newBufferedReader(packets, StandardCharsets.UTF_8)) {
                    String source = inline != null ? "--packet" : packets.toString();
                    String line;
                    int lineNo = 0;
                    while ((line = reader.readLine()) != null) {
                        lineNo++;
                        if (line.isBlank()) {
                            continue;
                        }
                        PacketDescription p;
                        JsonNode node;
                        try {
                            node = JSON.readTree(line);
                            p = PacketDescription.of(node);
                        } catch (IOException | IllegalArgumentException e) {
                            err.print(PROGRAM + ": " + source + (inline != null ? "" : ":" + lineNo) + ": " + firstLine(e) + "\n");
                            return 2;
                        }
                        long nanos = node.has("time") ? (long) (node.get("time").asDouble() * 1e9) : index * 150_000_000L;
                        path.cpu(p.cpu()).process(p.ip(), p.ip().length, p.in(), p.socket(), nanos, result);
                        print(index, result, json);
                        if (nflog != null) {
                            for (NflogRecord n : result.nflog) {
                                nflog.write(n.timeNanos(), n.bytes(), 0, n.bytes().length);
                            }
                        }
                        index++;
                    }
                }
                if (!json) {
                    out.print("\n");
                    StringBuilder listing = new StringBuilder();
                    for (Table t : ruleset.tables()) {
                        listing.append("# table ").append(t.name()).append('\n');
                        new Listing(true, true, false, false, session.names).list(t, null, 0, listing);
                        listing.append('\n');
                    }
                    out.print(listing);
                }
                if (save) {
                    store.store(ruleset);
                }
            }
            return 0;
        } catch (Settings.UsageError e) {
            err.print(PROGRAM + ": " + e.getMessage() + "\n");
            return 2;
        } catch (IOException | DuplicateExtensionException | IllegalArgumentException e) {
            err.print(PROGRAM + ": " + firstLine(e) + "\n");
            return 1;
        }
    }

    private int replayCapture(Path capture, PacketPath path, Host host, Ruleset ruleset, Session session,
                              Path acceptedFile, Path droppedFile, Path emittedFile, Path logFile, boolean appendLog,
                              boolean checksums, boolean json, boolean quietHost, Path nflogFile) throws IOException {
        // the log of conf/jptables.yaml is a log: appended to, its folder made; --log FILE is this replay's alone
        if (logFile != null && appendLog && logFile.getParent() != null) {
            Files.createDirectories(logFile.getParent());
        }
        try (PcapWriter accepted = acceptedFile == null ? null
                     : new PcapWriter(acceptedFile);
             PcapWriter dropped = droppedFile == null ? null
                     : new PcapWriter(droppedFile);
             PcapWriter emitted = emittedFile == null ? null
                     : new PcapWriter(emittedFile);
             PcapWriter nflog = nflogFile == null ? null : new PcapWriter(nflogFile, LinkTypes.NFLOG);
             PrintStream log = logFile == null ? null : new PrintStream(appendLog
                     ? Files.newOutputStream(logFile, StandardOpenOption.CREATE, StandardOpenOption.APPEND)
                     : Files.newOutputStream(logFile), true, StandardCharsets.UTF_8)) {
            var replay = new CaptureReplay(path, host, accepted, dropped, emitted, log, nflog)
                    .checkIpHeaders(checksums);
            long start = System.nanoTime();
            // as tcpdump -r: what was replayed before a fault is reported first, then the fault, and
            // the exit status tells a script that the capture was not read to its end
            String fault = null;
            try {
                replay.replay(capture, System.console() != null ? new ProgressBar(err, capture) : null);
            } catch (CaptureException e) {
                fault = e.getMessage();
            } catch (NoSuchFileException e) {
                fault = "No such file or directory";
            } catch (AccessDeniedException e) {
                fault = "Permission denied";
            } catch (IOException e) {
                fault = firstLine(e);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            var summary = replay.summary();
            if (json) {
                ObjectNode o = JSON.createObjectNode();
                o.put("capture", capture.toString());
                o.put("packets", summary.packets());
                o.put("bytes", summary.bytes());
                o.put("passedThrough", summary.passedThroughPackets());
                o.put("badIpChecksum", summary.badIpChecksumPackets());
                o.put("hostAnswers", summary.hostAnswers());
                // the time of the replay loop alone (reading, the packet path), as the text summary gives it
                o.put("seconds", seconds);
                if (fault != null) {
                    o.put("error", fault);
                }
                ObjectNode verdicts = o.putObject("verdicts");
                summary.byVerdict().forEach((k, v) -> verdicts.putObject(k).put("packets", v[0]).put("bytes", v[1]));
                out.print(JSON.writeValueAsString(o) + "\n");
            } else {
                out.print(summary.text(capture.getFileName().toString(), seconds, quietHost));
                out.print("\n");
                StringBuilder listing = new StringBuilder();
                for (Table t : ruleset.tables()) {
                    listing.append("# table ").append(t.name()).append('\n');
                    new Listing(true, false, false, false, session.names).list(t, null, 0, listing);
                    listing.append('\n');
                }
                out.print(listing);
            }
            out.flush();
            if (fault != null) {
                err.print(PROGRAM + ": " + capture + ": " + fault + "\n");
                return 1;
            }
            return 0;
        }
    }

    private Host defaultHost() throws IOException {
        Path conf = Path.of(env.getOrDefault("JPTABLES_HOME", ".")).resolve("conf").resolve("host.yaml");
        return Files.exists(conf) ? Host.read(conf) : Host.conformance();
    }

    private static String value(List<String> args, int i, String option) throws Settings.UsageError {
        if (i >= args.size()) {
            throw new Settings.UsageError("replay: option \"" + option + "\" requires an argument");
        }
        return args.get(i);
    }

    private static String firstLine(Exception e) {
        String m = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        int nl = m.indexOf('\n');
        return nl < 0 ? m : m.substring(0, nl);
    }

    private void print(int index, PacketResult r, boolean json) throws IOException {
        if (json) {
            ObjectNode o = JSON.createObjectNode();
            o.put("index", index);
            o.put("verdict", r.verdict);
            ArrayNode matched = o.putArray("matched");
            for (PacketResult.Hit h : r.matched) {
                matched.addObject().put("table", h.table()).put("chain", h.chain()).put("rule", h.rule());
            }
            ArrayNode policy = o.putArray("policy");
            for (PacketResult.PolicyHit h : r.policies) {
                policy.addObject().put("table", h.table()).put("chain", h.chain());
            }
            ArrayNode emitted = o.putArray("emitted");
            for (PacketResult.Emitted e : r.emitted) {
                emitted.addObject().put("on", e.on()).put("hex", HexFormat.of().formatHex(e.frame()));
            }
            ArrayNode log = o.putArray("log");
            r.log.forEach(log::add);
            ArrayNode trace = o.putArray("trace");
            r.trace.forEach(trace::add);
            out.print(JSON.writeValueAsString(o) + "\n");
            return;
        }
        out.print("packet " + index + ": " + r.verdict + "  " + String.join(" ", r.trace) + "\n");
        for (PacketResult.Emitted e : r.emitted) {
            out.print("  emitted on " + e.on() + ": " + FrameSummary.of(e.frame()) + "\n    "
                    + HexFormat.of().formatHex(e.frame()) + "\n");
        }
        for (String l : r.log) {
            out.print("  log: " + l + "\n");
        }
    }
}
