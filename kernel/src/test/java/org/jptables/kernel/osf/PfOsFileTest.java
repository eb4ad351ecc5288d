package org.jptables.kernel.osf;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jptables.api.OsFingerprint;
import org.jptables.kernel.host.Host;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** pf.os lines read as iptables' nfnl_osf reads them before it hands them to the kernel. */
class PfOsFileTest {
    private static OsFingerprint only(String text) {
        PfOsFile.Loaded loaded = PfOsFile.parse(text);
        assertEquals(List.of(), loaded.refused());
        assertEquals(1, loaded.fingerprints().size());
        return loaded.fingerprints().get(0);
    }

    @Test
    void aLinuxLine() {
        OsFingerprint f = only("S20:64:1:60:M*,S,T,N,W7:\tLinux:3.11-4.19::Linux 3.11 - 4.19\n");
        assertEquals(OsFingerprint.WINDOW_MSS, f.windowKind());
        assertEquals(20, f.windowValue());
        assertEquals(64, f.ttl());
        assertTrue(f.dontFragment());
        assertEquals(60, f.size());
        assertEquals("Linux", f.genre());
        assertEquals("3.11-4.19", f.version());
        assertEquals("", f.subtype());
        assertArrayEquals(new byte[] {2, 4, 8, 1, 3}, f.optionKinds());
        assertArrayEquals(new byte[] {4, 2, 10, 1, 3}, f.optionLengths());
    }

    @Test
    void windowRules() {
        assertEquals(OsFingerprint.WINDOW_MODULO, only("%8192:128:1:48:M*,N,N,S:\tWindows:XP:SP1:x\n").windowKind());
        assertEquals(8192, only("%8192:128:1:48:M*,N,N,S:\tWindows:XP:SP1:x\n").windowValue());
        OsFingerprint mtu = only("T4:64:1:60:M1412,S,T,N,W0:\tLinux:2.4::x\n");
        assertEquals(OsFingerprint.WINDOW_MTU, mtu.windowKind());
        assertEquals(4, mtu.windowValue());
        OsFingerprint any = only("*:64:1:60:M*:\tA:1::x\n");
        assertEquals(OsFingerprint.WINDOW_PLAIN, any.windowKind());
        assertEquals(0, any.windowValue());
        OsFingerprint plain = only("16384:64:0:44:M*:\t\tLinux:2.0:3x:Linux 2.0.3x\n");
        assertEquals(OsFingerprint.WINDOW_PLAIN, plain.windowKind());
        assertEquals(16384, plain.windowValue());
        assertEquals(false, plain.dontFragment());
        assertEquals("3x", plain.subtype());
    }

    @Test
    void namesAsTheKernelKeepsThem() {
        assertEquals("Windows", only("S44:128:1:48:M*,N,N,S:\t@Windows:95::x\n").genre());
        assertEquals("NMAP", only("1024:64:0:40:.:\t*NMAP:OS:1:x\n").genre());
        assertEquals(0, only("1024:64:0:40:.:\t*NMAP:OS:1:x\n").optionCount());
        assertEquals("a".repeat(31), only("1:64:0:40:.:" + "a".repeat(40) + ":v:s:x\n").genre());
    }

    @Test
    void commentsBlankLinesAndDuplicates() {
        PfOsFile.Loaded loaded = PfOsFile.parse("""
                # comment

                S4:64:1:60:M*,S,T,N,W7:\t\tLinux:2.6::first description
                S4:64:1:60:M*,S,T,N,W7:\t\tLinux:2.6::second description
                S4:64:1:60:M*,S,T,N,W6:\t\tLinux:2.6::window scale value differs
                """);
        assertEquals(List.of(), loaded.refused());
        // the kernel keeps one of two identical fingerprints; the description is not part of one,
        // the options' values are
        assertEquals(2, loaded.fingerprints().size());
    }

    @Test
    void nfnlOsfRefusesALineWithoutEightColonsAndGoesOn() {
        PfOsFile.Loaded loaded = PfOsFile.parse("S4:64:1:60:M*:\tLinux:2.6::a\nS4:64:1:60:Linux\nS3:64:1:60:M*:\tB:1::b\n");
        assertEquals(List.of("S4:64:1:60:Linux"), loaded.refused());
        assertEquals(2, loaded.fingerprints().size());
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> OsFingerprints.fromPfOs("S4:64:1:60:Linux\n", "test"));
        assertTrue(e.getMessage().contains("'S4:64:1:60:Linux'"), e.getMessage());
        // the last character of a last line without newline is cut, as nfnl_osf cuts the newline
        assertEquals(List.of("S4:64:1:60:M*:\tLinux:2.6:"), PfOsFile.parse("S4:64:1:60:M*:\tLinux:2.6::").refused());
        assertEquals(1, PfOsFile.parse("S3:64:1:60:M*:\tB:1::b").fingerprints().size());
    }

    @Test
    void theDfFlagSplitsTheList() {
        OsFingerprints f = OsFingerprints.fromPfOs(
                "16384:64:0:44:M*:\tLinux:2.0:3x:x\nS4:64:1:60:M*:\tLinux:2.6::x\nS5:64:1:60:M*:\tLinux:2.7::x\n", "t");
        assertEquals(3, f.size());
        assertEquals(List.of("2.6", "2.7"), f.withDontFragment(true).stream().map(OsFingerprint::version).toList());
        assertEquals(List.of("2.0"), f.withDontFragment(false).stream().map(OsFingerprint::version).toList());
    }

    @Test
    void theShippedPfOsLoadsWhole() throws IOException {
        Path file = Path.of("..", "distribution", "src", "main", "dist", "conf", "pf.os");
        PfOsFile.Loaded loaded = PfOsFile.parse(Files.readString(file, java.nio.charset.StandardCharsets.ISO_8859_1));
        assertEquals(List.of(), loaded.refused());
        assertTrue(loaded.fingerprints().size() > 200, loaded.fingerprints().size() + " fingerprints");
    }

    @Test
    void hostYamlNamesTheFileRelativeToItself(@TempDir Path dir) throws IOException {
        Files.writeString(dir.resolve("fingers.os"), "S4:64:1:60:M*:\tLinux:2.6::x\n");
        Files.writeString(dir.resolve("host.yaml"), "interfaces:\n  - name: lo\n    addresses: [127.0.0.1/8]\nosf: fingers.os\n");
        Host host = Host.read(dir.resolve("host.yaml"));
        assertEquals(1, host.osFingerprints().size());
        assertEquals("Linux", host.osFingerprints(true).get(0).genre());
        assertEquals(0, Host.conformance().osFingerprints().size());
        Files.writeString(dir.resolve("host.yaml"), "osf: missing.os\n");
        IOException e = assertThrows(IOException.class, () -> Host.read(dir.resolve("host.yaml")));
        assertTrue(e.getMessage().contains("missing.os"), e.getMessage());
    }
}
