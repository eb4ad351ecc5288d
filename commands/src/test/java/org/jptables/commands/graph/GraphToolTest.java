package org.jptables.commands.graph;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jptables.commands.Cli;
import org.jptables.commands.Main;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** jptables graph: DOT read back token by token, so escaping and edge kinds are checked, not guessed. */
class GraphToolTest {
    @TempDir
    Path dir;
    private Cli cli;

    @BeforeEach
    void ruleset() {
        cli = new Cli(dir);
        for (String[] command : List.of(
                new String[] {"-N", "web"},
                new String[] {"-N", "logdrop"},
                // names DOT must escape; the state file cannot hold them as jump targets, so nothing jumps there
                new String[] {"-N", "say\"hi\""},
                new String[] {"-N", "back\\slash"},
                new String[] {"-A", "INPUT", "-j", "web", "-c", "5", "300"},
                new String[] {"-A", "INPUT", "-g", "logdrop", "-c", "2", "100"},
                new String[] {"-A", "web", "-j", "logdrop"},
                new String[] {"-P", "INPUT", "DROP"},
                new String[] {"-t", "nat", "-N", "web"})) {
            Cli.Result r = cli.run(command);
            assertEquals(0, r.status(), String.join(" ", command) + ": " + r.err());
        }
    }

    /** A statement of the DOT text: its tokens with quoted strings unescaped, and whether each was quoted. */
    record Statement(List<String> tokens) {
        boolean isEdge() {
            return tokens.size() > 2 && tokens.get(1).equals("->");
        }

        /** The attributes between [ and ]. */
        Map<String, String> attributes() {
            Map<String, String> a = new LinkedHashMap<>();
            int open = tokens.indexOf("[");
            for (int i = open + 1; open >= 0 && i + 2 < tokens.size(); i += 4) {
                a.put(tokens.get(i), tokens.get(i + 2)); // name = value ,
            }
            return a;
        }
    }

    /** Splits DOT into statements at ; { } outside quotes, unescaping \" and \\ and \n in quoted strings. */
    static List<Statement> parse(String dot) {
        List<Statement> statements = new ArrayList<>();
        List<String> tokens = new ArrayList<>();
        int depth = 0;
        for (int i = 0; i < dot.length(); ) {
            char c = dot.charAt(i);
            if (c == '"') {
                StringBuilder s = new StringBuilder();
                i++;
                while (dot.charAt(i) != '"') {
                    if (dot.charAt(i) == '\\') {
                        char e = dot.charAt(i + 1);
                        s.append(e == 'n' ? '\n' : e);
                        i += 2;
                    } else {
                        s.append(dot.charAt(i++));
                    }
                }
                tokens.add(s.toString());
                i++;
            } else if (c == ';' || c == '{' || c == '}') {
                depth += c == '{' ? 1 : c == '}' ? -1 : 0;
                assertTrue(depth >= 0, "braces balance");
                if (!tokens.isEmpty()) {
                    statements.add(new Statement(List.copyOf(tokens)));
                }
                tokens.clear();
                i++;
            } else if (c == '-' && dot.startsWith("->", i)) {
                tokens.add("->");
                i += 2;
            } else if ("[]=,".indexOf(c) >= 0) {
                tokens.add(String.valueOf(c));
                i++;
            } else if (Character.isWhitespace(c)) {
                i++;
            } else {
                int start = i;
                while (i < dot.length() && (Character.isLetterOrDigit(dot.charAt(i)) || dot.charAt(i) == '_')) {
                    i++;
                }
                assertTrue(i > start, "unexpected character " + c + " at " + i);
                tokens.add(dot.substring(start, i));
            }
        }
        assertEquals(0, depth, "braces balance");
        return statements;
    }

    @Test
    void chainsAreNodesJumpsAreEdgesAndGotosDashed() {
        String dot = cli.ok("graph");
        List<Statement> statements = parse(dot);
        assertEquals(List.of("digraph", "jptables"), statements.get(0).tokens());
        List<Statement> edges = statements.stream().filter(Statement::isEdge).toList();
        assertEquals(3, edges.size(), dot);
        Statement jump = edges.stream().filter(e -> e.tokens().get(2).equals("filter/web")).findFirst().orElseThrow();
        assertEquals("filter/INPUT", jump.tokens().get(0));
        assertEquals("jump rule 1\n5 packets, 300 bytes", jump.attributes().get("label"));
        assertFalse(jump.attributes().containsKey("style"));
        Statement go = edges.stream().filter(e -> e.tokens().get(0).equals("filter/INPUT")
                && e.tokens().get(2).equals("filter/logdrop")).findFirst().orElseThrow();
        assertEquals("dashed", go.attributes().get("style"));
        assertEquals("goto rule 2\n2 packets, 100 bytes", go.attributes().get("label"));
        Statement input = statements.stream().filter(s -> s.tokens().get(0).equals("filter/INPUT") && !s.isEdge())
                .findFirst().orElseThrow();
        assertEquals("INPUT\npolicy DROP: 0 packets, 0 bytes\n2 rules", input.attributes().get("label"));
        assertEquals("bold", input.attributes().get("style"));
        Statement user = statements.stream().filter(s -> s.tokens().get(0).equals("filter/web") && !s.isEdge())
                .findFirst().orElseThrow();
        assertEquals("web\n1 rule", user.attributes().get("label"));
        for (String name : List.of("say\"hi\"", "back\\slash")) {
            Statement odd = statements.stream().filter(s -> s.tokens().get(0).equals("filter/" + name)).findFirst()
                    .orElseThrow(() -> new AssertionError(name + " is a node: " + dot));
            assertEquals(name + "\n0 rules", odd.attributes().get("label"));
        }
        assertTrue(statements.stream().anyMatch(s -> s.tokens().get(0).equals("nat/web")),
                "the same name in another table is another node");
    }

    @Test
    void oneTableOnlyAndDotFiles() throws Exception {
        List<Statement> nat = parse(cli.ok("graph -t nat"));
        assertTrue(nat.stream().noneMatch(s -> s.tokens().get(0).startsWith("filter/")));
        assertTrue(nat.stream().anyMatch(s -> s.tokens().get(0).equals("nat/PREROUTING")));
        Path file = dir.resolve("rules.dot");
        assertEquals("", cli.ok("graph -o " + file));
        assertEquals(cli.ok("graph"), Files.readString(file));
        Cli.Result bad = cli.run("graph", "-t", "filtre");
        assertEquals(2, bad.status());
        assertEquals("jptables: graph: no table \"filtre\" (filter, nat, mangle, raw, security)\n", bad.err());
        Cli.Result png = cli.run("graph", "-o", "x.png");
        assertEquals("jptables: graph: -o wants FILE.svg (drawn by Graphviz) or FILE.dot, not \"x.png\"\n", png.err());
    }

    private Cli.Result withEnv(Map<String, String> extra, String... args) {
        Map<String, String> env = new LinkedHashMap<>(Map.of("JPTABLES_STATE", dir.resolve("state.rules").toString(),
                "JPTABLES_PLUGINS", dir.resolve("no-plugins").toString()));
        env.putAll(extra);
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        ByteArrayOutputStream err = new ByteArrayOutputStream();
        int status = Main.run(List.of(args), env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
        return new Cli.Result(status, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    }

    @Test
    void withoutGraphvizSvgIsAOneLineError() {
        Path svg = dir.resolve("rules.svg");
        Cli.Result r = withEnv(Map.of("JPTABLES_DOT", dir.resolve("no-such-dot").toString()), "graph", "-o",
                svg.toString());
        assertEquals(1, r.status());
        assertEquals("jptables: graph: cannot draw " + svg + ": Graphviz's \"" + dir.resolve("no-such-dot")
                + "\" is not installed (install graphviz, or write DOT with -o FILE.dot)\n", r.err());
        assertFalse(Files.exists(svg));
    }

    @Test
    void withGraphvizSvgIsDrawn() throws Exception {
        boolean dotInstalled = List.of(System.getenv().getOrDefault("PATH", "").split(File.pathSeparator)).stream()
                .anyMatch(p -> !p.isEmpty() && Files.isExecutable(Path.of(p, "dot")));
        assumeTrue(dotInstalled, "Graphviz's dot is not installed");
        Path svg = dir.resolve("rules.svg");
        Cli.Result r = withEnv(Map.of(), "graph", "-o", svg.toString());
        assertEquals(0, r.status(), r.err());
        String text = Files.readString(svg);
        assertTrue(text.contains("<svg"), text);
        assertTrue(text.contains("back\\slash"), "the chain's name is drawn as it is");
    }
}
