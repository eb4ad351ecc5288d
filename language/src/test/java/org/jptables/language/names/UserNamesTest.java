package org.jptables.language.names;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Users and groups as glibc's files backend reads /etc/passwd and /etc/group: the first line wins. */
class UserNamesTest {
    @Test
    void readsPasswdAndGroup(@TempDir Path etc) throws Exception {
        Files.writeString(etc.resolve("passwd"), "root:x:0:0:root:/root:/bin/bash\n"
                + "toor:x:0:0::/root:/bin/sh\n" + "nobody:x:65534:65534::/:/usr/sbin/nologin\n"
                + "broken:x:notanumber:0::/:/bin/false\n" + "big:x:4294967294:1::/:/bin/false\n"
                + "+nisuser::::::\n" + "\n");
        Files.writeString(etc.resolve("group"), "root:x:0:\n" + "wheel:x:10:alice,bob\n" + "root:x:99:\n");
        SystemNames n = SystemNames.fromDirectory(etc);
        assertEquals(0, n.userId("root"));
        assertEquals(0, n.userId("toor"));
        assertEquals("root", n.userName(0));
        assertEquals(65534, n.userId("nobody"));
        assertEquals(4294967294L, n.userId("big"));
        assertEquals(-1, n.userId("broken"));
        assertEquals(-1, n.userId("+nisuser"));
        assertEquals(10, n.groupId("wheel"));
        assertEquals(0, n.groupId("root"));
        assertEquals("root", n.groupName(0));
        assertEquals("root", n.groupName(99)); // getgrgid finds the second line of the name
        assertNull(n.userName(1));
    }

    @Test
    void noDatabasesNoNames(@TempDir Path empty) {
        SystemNames n = SystemNames.fromDirectory(empty);
        assertEquals(-1, n.userId("root"));
        assertNull(n.groupName(0));
    }
}
