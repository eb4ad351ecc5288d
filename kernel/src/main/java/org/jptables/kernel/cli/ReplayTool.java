package org.jptables.kernel.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.jptables.kernel.extension.DuplicateExtensionException;
import org.jptables.kernel.host.Host;
import org.jptables.kernel.listing.Listing;
import org.jptables.kernel.model.Ruleset;
import org.jptables.kernel.model.Table;
import org.jptables.kernel.path.PacketDescription;
import org.jptables.kernel.path.PacketPath;
import org.jptables.kernel.path.PacketResult;
import org.jptables.kernel.state.StateStore;

/**
 * {@code jptables replay --packets FILE.jsonl [--json] [--host host.yaml] [--no-save]}: runs the
 * packets through the ruleset of the state file as the kernel would, prints per packet the verdict,
 * the rules it matched, what left the host and the LOG lines, then adds the counters to the state
 * as traffic through the kernel would ({@code --no-save} leaves the state as it was).
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
        try {
            Settings settings = Settings.from(args, env);
            Path packets = null;
            Path hostFile = null;
            boolean json = false;
            boolean save = true;
            List<String> rest = settings.args();
            for (int i = 0; i < rest.size(); i++) {
                switch (rest.get(i)) {
                    case "--packets" -> packets = Path.of(value(rest, ++i, "--packets"));
                    case "--host" -> hostFile = Path.of(value(rest, ++i, "--host"));
                    case "--json" -> json = true;
                    case "--no-save" -> save = false;
                    default -> throw new Settings.UsageError("replay: unknown argument \"" + rest.get(i) + "\"");
                }
            }
            if (packets == null) {
                throw new Settings.UsageError("replay: give the packets with --packets FILE.jsonl");
            }
            Host host = hostFile != null ? Host.read(hostFile) : defaultHost();
            Session session = new Session(settings, err);
            try (StateStore store = StateStore.open(settings.state())) {
                Ruleset ruleset = store.load(session.parser(true), session.names);
                PacketPath path = new PacketPath(ruleset, host, Conntracks.create());
                PacketResult result = new PacketResult();
                int index = 0;
                try (BufferedReader reader = Files.newBufferedReader(packets, StandardCharsets.UTF_8)) {
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
                            err.print(PROGRAM + ": " + packets + ":" + lineNo + ": " + firstLine(e) + "\n");
                            return 2;
                        }
                        long nanos = node.has("time") ? (long) (node.get("time").asDouble() * 1e9) : index * 150_000_000L;
                        path.process(p.ip(), p.ip().length, p.in(), nanos, result);
                        print(index, result, json);
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
            out.print("  emitted on " + e.on() + ": " + HexFormat.of().formatHex(e.frame()) + "\n");
        }
        for (String l : r.log) {
            out.print("  log: " + l + "\n");
        }
    }

    /** The connection tracker the replay uses; none until connection tracking is in place. */
    static final class Conntracks {
        private Conntracks() {
        }

        static org.jptables.kernel.path.ConnectionTracking create() {
            return null;
        }
    }

}
