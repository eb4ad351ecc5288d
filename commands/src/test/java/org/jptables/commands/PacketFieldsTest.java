package org.jptables.commands;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.jptables.kernel.path.PacketDescription;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The JSON packet fields, as replay -h, --packet -h and a bad packet line name them. */
class PacketFieldsTest {
    @TempDir
    Path dir;

    @Test
    void bothHelpTextsListEveryField() {
        Cli cli = new Cli(dir);
        for (String help : new String[] {cli.ok("replay -h"), cli.ok("--packet -h")}) {
            for (PacketDescription.Field f : PacketDescription.FIELDS) {
                assertTrue(help.contains("\n  " + f.name() + " ") && help.contains(f.meaning() + "\n"),
                        f.name() + " missing in:\n" + help);
            }
        }
    }

    @Test
    void anUnknownFieldIsReportedInOneLineWithItsLineAndTheValidFields() throws Exception {
        Path packets = dir.resolve("packets.jsonl");
        Files.writeString(packets, "{\"src\":\"192.0.2.1\",\"dst\":\"198.18.0.1\"}\n"
                + "{\"src\":\"192.0.2.1\",\"dst\":\"198.18.0.1\",\"protocol\":\"udp\"}\n");
        Cli.Result r = new Cli(dir).run("replay", "--packets", packets.toString(), "--no-save");
        assertEquals(2, r.status());
        assertEquals("jptables: " + packets + ":2: unknown packet field \"protocol\" (valid: "
                + PacketDescription.fieldNames() + ")\n", r.err());
        assertTrue(PacketDescription.fieldNames().startsWith("in, src, dst, proto, "));
    }
}
