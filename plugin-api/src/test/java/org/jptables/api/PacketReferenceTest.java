package org.jptables.api;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** docs/plugins.md's table of Packet's methods is the interface's methods, signatures and all. */
class PacketReferenceTest {
    private static final Path GUIDE = Path.of("..", "docs", "plugins.md");
    /** {@code `int u16(int offset)`} in the guide. */
    private static final Pattern SIGNATURE = Pattern.compile("`([\\w\\[\\]]+) (\\w+)\\(([^)]*)\\)`");

    @Test
    void theGuidesTableListsExactlyPacketsMethods() throws IOException {
        String guide = Files.readString(GUIDE);
        int start = guide.indexOf("### What `Packet` offers");
        assertTrue(start >= 0, "no Packet section in " + GUIDE);
        int end = guide.indexOf("\n## ", start);
        String section = guide.substring(start, end < 0 ? guide.length() : end);

        Set<String> documented = new TreeSet<>();
        for (Matcher m = SIGNATURE.matcher(section); m.find(); ) {
            String types = Stream.of(m.group(3).split(",")).map(String::strip).filter(p -> !p.isEmpty())
                    .map(p -> p.split(" ")[0]).collect(Collectors.joining(", "));
            documented.add(m.group(1) + " " + m.group(2) + "(" + types + ")");
        }
        Set<String> declared = new TreeSet<>();
        for (Method m : Packet.class.getDeclaredMethods()) {
            if (!m.isSynthetic() && !Modifier.isStatic(m.getModifiers())) {
                declared.add(m.getReturnType().getSimpleName() + " " + m.getName() + "("
                        + Stream.of(m.getParameterTypes()).map(Class::getSimpleName).collect(Collectors.joining(", "))
                        + ")");
            }
        }
        assertEquals(declared, documented);
    }
}
