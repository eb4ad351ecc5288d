package org.jptables.language.names;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.List;
import java.util.Map;
import org.jptables.api.CNumbers;

/**
 * /etc/xtables/connlabel.conf as libnetfilter_conntrack's label map reads it (nfct_labelmap_new):
 * lines "BIT NAME", the bit as strtoul reads it (decimal, 0x hex, leading-zero octal) below 1024, the
 * name trimmed of blanks and made of letters, digits, blanks and '-' only; a line starting with '#' is
 * a comment; the first line of a bit, and of a name, wins.
 */
final class ConnlabelMap {
    private static final int MAX_BITS = 1024;

    private ConnlabelMap() {
    }

    /**
     * Reads the map into {@code bits} and {@code names}; returns why the file could not be opened
     * (strerror's words), or null.
     */
    static String read(Path file, Map<String, Integer> bits, Map<Integer, String> names) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.ISO_8859_1);
        } catch (java.nio.file.NoSuchFileException e) {
            return "No such file or directory"; // no map: labels are numbers only
        } catch (java.nio.file.AccessDeniedException e) {
            return "Permission denied";
        } catch (IOException e) {
            return "Input/output error";
        }
        BitSet seen = new BitSet(MAX_BITS);
        for (String line : lines) {
            if (line.startsWith("#")) {
                continue;
            }
            int[] read = strtoul(line);
            int bit = read[0];
            if (bit < 0 || seen.get(bit)) {
                continue;
            }
            String name = trim(line.substring(read[1]));
            if (name.isEmpty() || !sane(name) || bits.containsKey(name)) {
                continue;
            }
            bits.put(name, bit);
            names.put(bit, name);
            seen.set(bit);
        }
        return null;
    }

    /** {value or -1 (no number, or not below 1024), index after it}: strtoul's, as the file's reader uses it. */
    private static int[] strtoul(String s) {
        CNumbers.Unsigned read = CNumbers.strtoul(s);
        if (read == null) {
            return new int[] {-1, 0};
        }
        // a minus makes strtoul's result huge: not below 1024, as is an overflow
        return new int[] {Long.compareUnsigned(read.value(), MAX_BITS) >= 0 ? -1 : (int) read.value(), read.end()};
    }

    /** trim_label: blanks (not newlines) off both ends. */
    private static String trim(String s) {
        int a = 0;
        int b = s.length();
        while (a < b && posixSpace(s.charAt(a))) {
            a++;
        }
        while (b > a && posixSpace(s.charAt(b - 1))) {
            b--;
        }
        return s.substring(a, b);
    }

    private static boolean posixSpace(char c) {
        return c == ' ' || c == '\f' || c == '\r' || c == '\t' || c == 11;
    }

    private static boolean sane(String name) {
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!(c >= 'a' && c <= 'z' || c >= 'A' && c <= 'Z' || c >= '0' && c <= '9' || c == ' ' || c == '-')) {
                return false;
            }
        }
        return true;
    }
}
