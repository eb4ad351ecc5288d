package org.jptables.conformance;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.List;
import java.util.TreeSet;
import java.util.function.BiFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jptables.api.Addresses;
import org.jptables.api.IpSets;
import org.jptables.api.NfacctObjects;
import org.jptables.api.Names;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.jptables.kernel.conntrack.ConnectionTracker;
import org.jptables.kernel.conntrack.ConntrackConfig;
import org.jptables.ipset.IpsetTool;
import org.jptables.kernel.host.Host;
import org.jptables.kernel.host.HostSockets;
import org.jptables.kernel.ipset.SetStore;
import org.jptables.kernel.nfacct.AcctStore;
import org.jptables.kernel.nfacct.NfacctTool;
import org.jptables.kernel.osf.OsFingerprints;
import org.jptables.kernel.model.Ruleset;
import org.jptables.kernel.model.Table;
import org.jptables.kernel.path.LocalStack;
import org.jptables.kernel.path.PacketDescription;
import org.jptables.kernel.eval.EvalMode;
import org.jptables.kernel.path.PacketPath;
import org.jptables.kernel.path.PacketResult;
import org.jptables.language.CommandParser;
import org.jptables.language.RestoreException;
import org.jptables.language.RestoreReader;
import org.jptables.language.SaveWriter;

/**
 * Runs a recorded case through jptables and compares, packet by packet, everything the kernel
 * recorded: the rules whose counters rose and by how much, the policies applied, every frame
 * that left fw, the LOG lines and the connection table; and at the end {@code iptables-save -c}.
 *
 * <p>fw's own stack (a listening socket's SYN-ACK, a closed port's RST, an echo reply) is not
 * jptables' business, but its answers traverse OUTPUT and POSTROUTING and count there. As the
 * case format intends, the answers the kernel recorded are fed back as packets the host sends,
 * right after the packet that caused them; REJECT's answers jptables makes itself.
 */
public final class CaseRunner {
    private static final long GAP_NANOS = 150_000_000L;
    /** A parser whose rules find their sets and accounting objects in the given ones (the case's own). */
    private final BiFunction<IpSets, NfacctObjects, CommandParser> parsers;
    private final Names names;
    private final Host host;
    private final EvalMode eval;

    public CaseRunner(BiFunction<IpSets, NfacctObjects, CommandParser> parsers, Names names, Host host) {
        this(parsers, names, host, EvalMode.COMPILED);
    }

    /** {@code eval}: how chains are evaluated; a case must agree with the kernel either way. */
    public CaseRunner(BiFunction<IpSets, NfacctObjects, CommandParser> parsers, Names names, Host host,
                      EvalMode eval) {
        this.parsers = parsers;
        this.names = names;
        this.host = host;
        this.eval = eval;
    }

    public CaseReport run(RecordedCase c) {
        return run(c, KnownDeviations.none());
    }

    /** Runs the case; the packets {@code known} lists may differ without failing it. */
    public CaseReport run(RecordedCase c, KnownDeviations known) {
        CaseReport report = new CaseReport(c.name());
        // the sets live on the packets' clock: the case starts at 0, packet i comes at i gaps
        long[] clock = {0};
        SetStore sets = new SetStore(() -> clock[0]);
        String refused = restoreSets(c.sets(), sets);
        if (refused != null) {
            report.difference("sets: " + refused);
            return report;
        }
        AcctStore objects = new AcctStore();
        for (String line : c.nfacct()) {
            String answer = nfacct(objects, line);
            if (answer == null) {
                report.difference("nfacct " + line + ": refused");
                return report;
            }
        }
        Ruleset ruleset = new Ruleset();
        try {
            new RestoreReader(parsers.apply(sets, objects), names, true, false, false, null).restore(c.rules(), ruleset);
        } catch (RestoreException e) {
            report.difference("ruleset.rules: line " + e.line() + ": " + e.getMessage().strip());
            return report;
        }
        ConntrackConfig config = ConntrackConfig.defaults();
        for (String setting : c.sysctls()) {
            String plain = setting.replace(" ", "");
            if (plain.equals("net.netfilter.nf_conntrack_tcp_loose=0") || plain.equals("net.netfilter.nf_conntrack_tcp_loose=1")) {
                config = config.withTcpLoose(plain.endsWith("1"));
            } else {
                report.difference("sysctl: " + setting + ": not modelled");
                return report;
            }
        }
        ConnectionTracker conntrack = new ConnectionTracker(config);
        CookieMask cookies = new CookieMask(c.packets().stream().anyMatch(CaseRunner::usesCookies));
        // the recorder's listeners are fw's sockets (bound to 0.0.0.0) and its policy routing by
        // mark, for -m socket and TPROXY
        // a bridge case's fw is the bridging host, whatever host the runner was given
        Host topology = c.bridged() ? Host.conformanceBridge() : host;
        Host caseHost = c.listening().isEmpty() && c.localMarks().isEmpty() ? topology
                : topology.with(HostSockets.listening(new TreeSet<>(c.listening())), c.localMarks());
        if (c.osf() != null) {
            // the fingerprints the recorder loaded into the kernel with nfnl_osf, for -m osf
            caseHost = caseHost.withOsFingerprints(OsFingerprints.fromPfOs(c.osf(), c.name() + "/osf"));
        }
        PacketPath path = new PacketPath(ruleset, caseHost, conntrack).quietHost(c.quietHost()).evaluation(eval);
        if (!c.quietHost()) {
            // what fw answers to itself through lo never left it: jptables makes those answers
            path.localStack(new LocalStack(LocalStack.ports(c.listening())));
        }
        PacketResult result = new PacketResult();
        for (int i = 0; i < c.packets().size(); i++) {
            JsonNode recorded = c.recorded().get(i);
            long now = i * GAP_NANOS;
            clock[0] = now;
            PacketDescription packet;
            try {
                packet = PacketDescription.of(acknowledgingCookie(c.packets().get(i), cookies));
            } catch (IllegalArgumentException e) {
                report.difference("#" + i + " packet: " + e.getMessage());
                report.packet(false);
                continue;
            }
            CounterSnapshot before = new CounterSnapshot(ruleset);
            List<EmittedFrame> emitted = new ArrayList<>();
            List<String> log = new ArrayList<>();
            byte[] ip = packet.ip().clone();
            int source = ip.length >= 20 ? int32(ip, 12) : 0;
            int destination = ip.length >= 20 ? int32(ip, 16) : 0;
            path.process(ip, ip.length, packet.in(), packet.socket(), now, result);
            collect(result, emitted, log, cookies);
            if (!"host".equals(packet.in())) {
                // what jptables made itself (REJECT's answers, the IP layer's own ICMP errors) is
                // not fed again: only the frames it did not make can be the stack's
                List<String> made = strings(emitted);
                for (JsonNode e : recorded.path("emitted")) {
                    byte[] frame = cookies.apply(HexFormat.of().parseHex(e.path("hex").asText()), true);
                    if (made.remove(EmittedFrame.of(e.path("on").asText(), frame, madeByHost(frame)).toString())
                            || EmittedFrame.destination(frame) != source) {
                        continue;
                    }
                    byte[] answer = new byte[frame.length - 14];
                    System.arraycopy(frame, 14, answer, 0, answer.length);
                    // the stack sent it before NAT rewrote it (REDIRECT, nat OUTPUT): feed that form
                    boolean natted = conntrack.unNat(answer, answer.length);
                    // a transparent socket (TPROXY's) answers from the foreign address the packet was for
                    boolean transparent = !natted && int32(answer, 12) == destination && !host.isLocal(destination);
                    if (host.isLocal(int32(answer, 12)) && (natted || host.isLocal(EmittedFrame.source(frame))) || transparent) {
                        // from the socket the stack answers with: a SYN-ACK's request socket, else a control socket
                        path.process(answer, answer.length, "host", PacketPath.stackAnswerSocket(answer), now + 1, result);
                        collect(result, emitted, log, cookies);
                    }
                }
            }
            List<CounterSnapshot.RuleDelta> rules = new ArrayList<>();
            List<CounterSnapshot.PolicyDelta> policies = new ArrayList<>();
            before.differences(ruleset, new CounterSnapshot(ruleset), rules, policies);
            List<String> differences = new ArrayList<>();
            compare("matched", sorted(kernelRules(recorded)), sorted(strings(rules)), differences);
            compare("policy", sorted(kernelPolicies(recorded)), sorted(strings(policies)), differences);
            if (!c.quietHost()) {
                compare("emitted", sorted(kernelEmitted(recorded, cookies)), sorted(strings(emitted)), differences);
            }
            compare("log", withoutRandomIds(texts(recorded.path("log"))), withoutRandomIds(log), differences);
            if (recorded.has("conntrack")) {
                compare("conntrack", sorted(withoutTimeouts(texts(recorded.path("conntrack")))),
                        sorted(withoutTimeouts(conntrack.procLines(now))), differences);
            }
            if (recorded.has("expect")) {
                compare("expect", sorted(withoutExpectTimeouts(texts(recorded.path("expect")))),
                        sorted(withoutExpectTimeouts(conntrack.expectationLines(now))), differences);
            }
            if (known.covers(c.name(), i)) {
                if (differences.isEmpty()) {
                    report.difference("#" + i + " agrees now: remove it from the known deviations");
                } else {
                    report.knownDeviation();
                }
                report.packet(false);
                continue;
            }
            for (String d : differences) {
                report.difference("#" + i + " " + d);
            }
            report.packet(differences.isEmpty());
        }
        if (c.finalSave() != null) {
            StringBuilder save = new StringBuilder();
            for (Table t : ruleset.tablesNewestFirst()) {
                SaveWriter.write(t, true, "DATE", "1.8.9", save);
            }
            List<String> expected = withoutComments(c.finalSave());
            List<String> actual = withoutComments(save.toString());
            if (!expected.equals(actual) && !known.coversAny(c.name())) {
                report.difference("final save -c: kernel " + expected + " jptables " + actual);
            }
        }
        if (c.finalSets() != null) {
            // a hash's order is its seed's (random unless the case gives initval): compare the lines as sets
            List<String> expected = c.finalSets().lines().sorted().toList();
            List<String> actual = ipsetSave(sets).lines().sorted().toList();
            if (!expected.equals(actual) && !known.coversAny(c.name())) {
                report.difference("final ipset save: kernel " + expected + " jptables " + actual);
            }
        }
        if (c.finalNfacct() != null) {
            String actual = nfacct(objects, "list");
            if (!c.finalNfacct().equals(actual) && !known.coversAny(c.name())) {
                report.difference("final nfacct list: kernel " + c.finalNfacct() + " jptables " + actual);
            }
        }
        return report;
    }

    /**
     * A packet with {@code "ack_cookie": true} (or a number N) acknowledges jptables' own last SYN
     * cookie plus one (plus N), and {@code tsecr_cookie} / {@code tsval_cookie} N make its
     * timestamps jptables' last timestamp cookie plus N, as the recorder did with the kernel's
     * (see {@link CookieMask}).
     */
    private static JsonNode acknowledgingCookie(JsonNode packet, CookieMask cookies) {
        if (!usesCookies(packet)) {
            return packet;
        }
        ObjectNode resolved = packet.deepCopy();
        resolved.remove(COOKIE_FIELDS);
        JsonNode step = packet.path("ack_cookie");
        if (packet.has("ack_cookie")) {
            long cookie = cookies.cookie(false);
            if (cookie < 0) {
                throw new IllegalArgumentException("ack_cookie: fw sent no SYN-ACK before");
            }
            resolved.put("ack", (cookie + (step.isNumber() ? step.asLong() : 1)) & 0xFFFFFFFFL);
        }
        for (String[] field : new String[][] {{"tsecr_cookie", "tsecr"}, {"tsval_cookie", "tsval"}}) {
            if (packet.has(field[0])) {
                long ts = cookies.timestampCookie(false);
                if (ts < 0) {
                    throw new IllegalArgumentException(field[0] + ": fw sent no SYN-ACK with a timestamp before");
                }
                resolved.put(field[1], (ts + packet.get(field[0]).asLong()) & 0xFFFFFFFFL);
            }
        }
        return resolved;
    }

    private static final List<String> COOKIE_FIELDS = List.of("ack_cookie", "tsecr_cookie", "tsval_cookie");

    private static boolean usesCookies(JsonNode packet) {
        return COOKIE_FIELDS.stream().anyMatch(packet::has);
    }

    /** One nfacct command (words split at blanks) on the case's objects: its output, or null when it failed. */
    private static String nfacct(AcctStore objects, String line) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int status = new NfacctTool(objects, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream()), () -> 0L).run(List.of(line.strip().split("\\s+")));
        return status == 0 ? out.toString(StandardCharsets.UTF_8) : null;
    }

    /** {@code ipset restore} of the case's sets; null when it went well, else what ipset said. */
    private String restoreSets(List<String> lines, SetStore sets) {
        if (lines.isEmpty()) {
            return null;
        }
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        byte[] in = (String.join("\n", lines) + "\n").getBytes(StandardCharsets.UTF_8);
        int status = new IpsetTool(sets, names, new ByteArrayInputStream(in), new PrintStream(new ByteArrayOutputStream()),
                new PrintStream(err, true, StandardCharsets.UTF_8), Path.of(".")).run(List.of("restore"));
        return status == 0 ? null : err.toString(StandardCharsets.UTF_8).strip();
    }

    private String ipsetSave(SetStore sets) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        new IpsetTool(sets, names, new ByteArrayInputStream(new byte[0]), new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(new ByteArrayOutputStream()), Path.of(".")).run(List.of("save"));
        return out.toString(StandardCharsets.UTF_8);
    }

    private void collect(PacketResult result, List<EmittedFrame> emitted, List<String> log, CookieMask cookies) {
        for (PacketResult.Emitted e : result.emitted) {
            byte[] frame = cookies.apply(e.frame(), false);
            emitted.add(EmittedFrame.of(e.on(), frame, madeByHost(frame)));
        }
        log.addAll(result.log);
    }

    /** A packet fw's own stack made (an ICMP error, an echo reply), whose IP ID the kernel picks at random. */
    private boolean madeByHost(byte[] frame) {
        if (!host.isLocal(EmittedFrame.source(frame)) || frame.length < 14 + 20) {
            return false;
        }
        int protocol = frame[14 + 9] & 0xff;
        int l4 = 14 + (frame[14] & 0x0f) * 4;
        return protocol == 1 && frame.length > l4 && (frame[l4] & 0xff) != 8;
    }

    private List<String> kernelRules(JsonNode recorded) {
        List<String> out = new ArrayList<>();
        for (JsonNode m : recorded.path("matched")) {
            out.add(new CounterSnapshot.RuleDelta(m.path("table").asText(), m.path("chain").asText(),
                    m.path("rule").asInt(), m.path("packets").asLong(), m.path("bytes").asLong()).toString());
        }
        return out;
    }

    private List<String> kernelPolicies(JsonNode recorded) {
        List<String> out = new ArrayList<>();
        for (JsonNode m : recorded.path("policy")) {
            out.add(new CounterSnapshot.PolicyDelta(m.path("table").asText(), m.path("chain").asText(),
                    m.path("packets").asLong()).toString());
        }
        return out;
    }

    private List<String> kernelEmitted(JsonNode recorded, CookieMask cookies) {
        List<String> out = new ArrayList<>();
        for (JsonNode e : recorded.path("emitted")) {
            byte[] frame = cookies.apply(HexFormat.of().parseHex(e.path("hex").asText()), true);
            out.add(EmittedFrame.of(e.path("on").asText(), frame, madeByHost(frame)).toString());
        }
        return out;
    }

    private static void compare(String what, List<String> kernel, List<String> ours, List<String> differences) {
        if (!kernel.equals(ours)) {
            differences.add(what + ": kernel " + kernel + " jptables " + ours);
        }
    }

    private static List<String> strings(List<?> items) {
        List<String> out = new ArrayList<>();
        for (Object o : items) {
            out.add(o.toString());
        }
        return out;
    }

    private static List<String> texts(JsonNode array) {
        List<String> out = new ArrayList<>();
        for (JsonNode n : array) {
            out.add(n.asText());
        }
        return out;
    }

    private static List<String> sorted(List<String> list) {
        List<String> copy = new ArrayList<>(list);
        Collections.sort(copy);
        return copy;
    }

    /**
     * LOG lines with the IP ID of ICMP messages fw made (errors, echo replies) blanked: the kernel
     * picks those IDs at random, as in the frames.
     */
    private List<String> withoutRandomIds(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            Matcher m = HOST_ICMP.matcher(line);
            if (m.find() && host.isLocal(Addresses.parse(m.group(1)))) {
                line = line.substring(0, m.start(2)) + "-" + line.substring(m.end(2));
            }
            out.add(line);
        }
        return out;
    }

    private static final Pattern HOST_ICMP =
            Pattern.compile("SRC=(\\S+) DST=\\S+ LEN=\\d+ TOS=\\S+ PREC=\\S+ TTL=\\d+ ID=(\\d+) (?:DF )?PROTO=ICMP TYPE=(?:0|3|4|5|11|12) ");

    /** /proc/net/nf_conntrack's lines without the seconds left, which ran in real time. */
    private static List<String> withoutTimeouts(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            String[] f = line.trim().split("\\s+");
            if (f.length > 4) {
                f[4] = "-";
            }
            out.add(String.join(" ", f));
        }
        return out;
    }

    /** /proc/net/nf_conntrack_expect's lines without their first field, the seconds left. */
    private static List<String> withoutExpectTimeouts(List<String> lines) {
        List<String> out = new ArrayList<>();
        for (String line : lines) {
            int space = line.indexOf(' ');
            out.add("-" + (space < 0 ? "" : line.substring(space)));
        }
        return out;
    }

    private static List<String> withoutComments(String save) {
        return save.lines().filter(l -> !l.startsWith("#")).toList();
    }

    private static int int32(byte[] b, int at) {
        return ((b[at] & 0xff) << 24) | ((b[at + 1] & 0xff) << 16) | ((b[at + 2] & 0xff) << 8) | (b[at + 3] & 0xff);
    }
}
