package org.jptables.plugins.ipheader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import org.jptables.api.CNumbers;

/**
 * Network names of /etc/networks by name, as getnetbyname finds them ({@code -s link-local}).
 * The plugin API's {@code Names} only maps addresses to network names, so this reads the file
 * itself, once.
 */
final class NetworkNames {
    private static final Path FILE = Path.of("/etc/networks");
    private static volatile Map<String, Integer> byName;

    private NetworkNames() {
    }

    /** The network's address (unsigned, as a long), or -1 when no network has this name. */
    static long address(String name) {
        Integer a = table().get(name.toLowerCase(Locale.ROOT));
        return a == null ? -1 : a & 0xFFFFFFFFL;
    }

    private static Map<String, Integer> table() {
        Map<String, Integer> t = byName;
        if (t == null) {
            t = read(FILE);
            byName = t;
        }
        return t;
    }

    static Map<String, Integer> read(Path file) {
        Map<String, Integer> t = new HashMap<>();
        try {
            for (String line : Files.readAllLines(file, StandardCharsets.ISO_8859_1)) {
                int hash = line.indexOf('#');
                String[] f = (hash >= 0 ? line.substring(0, hash) : line).trim().split("\\s+");
                if (f.length < 2) {
                    continue;
                }
                long net = inetNetwork(f[1]);
                if (net < 0) {
                    continue;
                }
                for (int i = 0; i < f.length; i++) {
                    if (i != 1) {
                        t.putIfAbsent(f[i].toLowerCase(Locale.ROOT), (int) net);
                    }
                }
            }
        } catch (IOException | RuntimeException e) {
            // no networks database: no network names, as getnetbyname finds none
        }
        return t;
    }

    /** inet_network: up to four parts, each a byte, shifted in from the right ("127" is 0.0.0.127). */
    static long inetNetwork(String text) {
        String[] parts = text.split("\\.", -1);
        if (parts.length > 4) {
            return -1;
        }
        long v = 0;
        for (String p : parts) {
            long b = CNumbers.whole(p, 0, 255);
            if (p.isEmpty() || !Character.isDigit(p.charAt(0)) || b < 0) {
                return -1;
            }
            v = (v << 8) | b;
        }
        return v;
    }
}
