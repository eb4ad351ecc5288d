package org.jptables.language.names;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** rt_realms and group of /etc/iproute2 as libxtables' lmap reads them: ids 0-255, first line wins. */
class Iproute2NamesTest {
    @Test
    void readsRealmsAndDeviceGroups(@TempDir Path etc) throws Exception {
        Files.createDirectory(etc.resolve("iproute2"));
        Files.writeString(etc.resolve("iproute2/rt_realms"), "#\n0\tcosmos\n  0x10  sixteen  # comment\n"
                + "#1\tcommented\n256\ttoobig\n7\n3x\tbad\n2\ttwo\n9\ttwo\n2\tdeux\n");
        Files.writeString(etc.resolve("iproute2/group"), "# device group names\n0\tdefault\n");
        SystemNames n = SystemNames.fromDirectory(etc);
        assertEquals(0, n.realmId("cosmos"));
        assertEquals("cosmos", n.realmName(0));
        assertEquals(16, n.realmId("sixteen"));
        assertEquals(-1, n.realmId("commented"));
        assertEquals(-1, n.realmId("toobig"));
        assertEquals(-1, n.realmId("bad"));
        assertEquals(-1, n.realmId("Cosmos"));
        assertEquals(2, n.realmId("two"));
        assertEquals("two", n.realmName(2));
        assertEquals(0, n.deviceGroupId("default"));
        assertEquals("default", n.deviceGroupName(0));
        assertNull(n.deviceGroupName(1));
    }

    @Test
    void noTablesNoNames(@TempDir Path empty) {
        SystemNames n = SystemNames.fromDirectory(empty);
        assertEquals(-1, n.realmId("cosmos"));
        assertNull(n.deviceGroupName(0));
    }
}
