package org.jptables.fleet;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The manifest: paths against its folder, URIs left alone, candidates fleet-wide or per host, and its mistakes refused. */
class FleetManifestTest {
    @TempDir
    Path dir;

    @Test
    void resolvesPathsAndTakesTheHostsCandidateFirst() throws IOException {
        Files.writeString(dir.resolve("a.rules"), "*filter\nCOMMIT\n");
        Files.writeString(dir.resolve("b.rules"), "*nat\nCOMMIT\n");
        Files.writeString(dir.resolve("c.rules"), "*mangle\nCOMMIT\n");
        Path m = write("""
                candidate: b.rules
                hosts:
                  - name: one
                    captures: [x/0.pcap, /abs/1.pcap, "s3://bucket/2.pcap"]
                    rules: a.rules
                  - name: two
                    captures: [y.pcap]
                    rules: a.rules
                    candidate: c.rules
                """);
        List<HostSpec> specs = FleetManifest.read(m).specs(dir, true);
        assertArrayEquals(new String[] {dir.resolve("x/0.pcap").toString(), "/abs/1.pcap", "s3://bucket/2.pcap"},
                specs.get(0).captures);
        assertEquals("*filter\nCOMMIT\n", specs.get(0).rules);
        assertEquals("*nat\nCOMMIT\n", specs.get(0).candidate);
        assertEquals("*mangle\nCOMMIT\n", specs.get(1).candidate);
        assertNull(specs.get(0).hostYaml);
        assertNull(FleetManifest.read(m).specs(dir, false).get(0).candidate, "replay reads no candidate");
    }

    @Test
    void refusesWhatCannotBeRun() throws IOException {
        assertRefused("hosts: []\n", "names no hosts");
        assertRefused("hosts:\n  - {name: a, captures: [x], rules: r}\n  - {name: a, captures: [y], rules: r}\n",
                "named twice");
        assertRefused("hosts:\n  - {name: a, rules: r}\n", "needs captures and rules");
        assertRefused("hosts:\n  - {name: a, captures: [x], rules: r, colour: red}\n", "colour");
        assertRefused("hosts:\n  - {name: a/b, captures: [x], rules: r}\n", "without /");
    }

    @Test
    void diffWithoutACandidateIsRefused() throws IOException {
        Files.writeString(dir.resolve("a.rules"), "*filter\nCOMMIT\n");
        Path m = write("hosts:\n  - {name: a, captures: [x.pcap], rules: a.rules}\n");
        IOException e = assertThrows(IOException.class, () -> FleetManifest.read(m).specs(dir, true));
        assertTrue(e.getMessage().contains("no candidate"), e.getMessage());
    }

    @Test
    void aHostsFailureIsFoundUnderFlinksExceptions() {
        Exception flink = new RuntimeException("Job failed", new IllegalStateException("Recovery is suppressed",
                new HostFailure("fw-02: 0.pcap: No such file", new java.nio.file.NoSuchFileException("0.pcap"))));
        assertEquals("fw-02: 0.pcap: No such file", HostFailure.in(flink));
        // as SerializedThrowable shows it: the class's name, then the message
        Exception serialized = new RuntimeException("Job failed", new Exception("ignored") {
            private static final long serialVersionUID = 1L;

            @Override
            public String toString() {
                return "org.jptables.fleet.HostFailure: fw-03: rules.v4: line 2: bad";
            }
        });
        assertEquals("fw-03: rules.v4: line 2: bad", HostFailure.in(serialized));
        assertNull(HostFailure.in(new RuntimeException("other")));
    }

    @Test
    void localPathsAndUris() {
        assertEquals(Path.of("a/b.pcap"), CaptureSource.localPath("a/b.pcap"));
        assertEquals(Path.of("/x/b.pcap"), CaptureSource.localPath("file:///x/b.pcap"));
        assertNull(CaptureSource.localPath("hdfs://nn:8020/x.pcap"));
        assertEquals(Path.of("a/dir:with/colon.pcap"), CaptureSource.localPath("a/dir:with/colon.pcap"),
                "a colon after a slash is no scheme");
    }

    private void assertRefused(String yaml, String why) throws IOException {
        Path m = write(yaml);
        IOException e = assertThrows(IOException.class, () -> FleetManifest.read(m));
        assertTrue(e.getMessage().contains(why), e.getMessage());
    }

    private Path write(String yaml) throws IOException {
        Path m = dir.resolve("fleet.yaml");
        Files.writeString(m, yaml);
        return m;
    }
}
