package org.jptables.kernel.osf;

import java.util.ArrayList;
import java.util.List;
import org.jptables.api.OsFingerprint;

/**
 * Reads a pf.os file (OpenBSD's passive OS fingerprints) into the fingerprints the kernel holds
 * after {@code nfnl_osf -f FILE}, parsing each line as iptables' nfnl_osf 1.8.9 does, quirks
 * included, so that a host loaded from the same file fingerprints the same packets.
 *
 * <p>A line is {@code WINDOW:TTL:DF:SIZE:OPTIONS:GENRE:VERSION:SUBTYPE:DESCRIPTION}. Lines starting
 * with {@code #} or empty are skipped; a line without exactly eight colons is refused ("Wrong input
 * line", nfnl_osf goes on with the next one and exits with a failure at the end), and
 * {@link #parse} reports it. The kernel keeps one copy of identical fingerprints.
 */
public final class PfOsFile {
    /** MAXGENRELEN: genre, version and subtype are kept in 32 bytes, their NUL included. */
    private static final int NAME_MAX = 31;
    /** MAX_IPOPTLEN: the fingerprint has room for 40 options. */
    private static final int OPTIONS_MAX = 40;
    /** MAXOPTSTRLEN: nfnl_osf copies the option list into 128 bytes. */
    private static final int OPTIONS_TEXT_MAX = 127;
    /** nfnl_osf reads lines with fgets into 1024 bytes. */
    private static final int LINE_MAX = 1023;

    /** The fingerprints of a file, and the lines nfnl_osf refused (without their newline). */
    public record Loaded(List<OsFingerprint> fingerprints, List<String> refused) {
        public Loaded {
            fingerprints = List.copyOf(fingerprints);
            refused = List.copyOf(refused);
        }
    }

    private PfOsFile() {
    }

    /** The fingerprints {@code text}, a pf.os file, loads into an empty kernel list. */
    public static Loaded parse(String text) {
        List<OsFingerprint> out = new ArrayList<>();
        List<String> refused = new ArrayList<>();
        List<String> keys = new ArrayList<>();
        for (String raw : lines(text)) {
            if (raw.isEmpty() || raw.charAt(0) == '#' || raw.charAt(0) == '\n' || raw.charAt(0) == '\r') {
                continue;
            }
            // nfnl_osf cuts the line's last character, the newline fgets kept (or, on a last line
            // without one, a real character)
            String line = raw.substring(0, raw.length() - 1);
            if (line.isEmpty()) {
                continue;
            }
            Parsed p = parseLine(line);
            if (p == null) {
                refused.add(line);
                continue;
            }
            if (!keys.contains(p.key)) {   // nfnetlink_osf's add: an identical one is already there
                keys.add(p.key);
                out.add(p.fingerprint);
            }
        }
        return new Loaded(out, refused);
    }

    /** The file cut as fgets reads it: each piece keeps its newline, long lines come in 1023-byte pieces. */
    private static List<String> lines(String text) {
        List<String> pieces = new ArrayList<>();
        int start = 0;
        while (start < text.length()) {
            int nl = text.indexOf('\n', start);
            int end = nl < 0 ? text.length() : nl + 1;
            end = Math.min(end, start + LINE_MAX);
            pieces.add(text.substring(start, end));
            start = end;
        }
        return pieces;
    }

    private record Parsed(OsFingerprint fingerprint, String key) {
    }

    private static Parsed parseLine(String line) {
        // C strings end at a NUL
        int nul = line.indexOf('\0');
        String s = nul < 0 ? line : line.substring(0, nul);
        if (s.chars().filter(c -> c == ':').count() != 8) {
            return null;
        }
        Fields f = new Fields(s);
        String wss = f.next();
        int windowKind = OsFingerprint.WINDOW_PLAIN;
        long windowValue = 0;
        if (wss.startsWith("S") || wss.startsWith("T")) {
            windowKind = wss.charAt(0) == 'S' ? OsFingerprint.WINDOW_MSS : OsFingerprint.WINDOW_MTU;
            String rest = wss.substring(1);
            windowValue = rest.startsWith("%") ? CStrtoul.parse(rest.substring(1))
                    : rest.startsWith("*") ? 0 : CStrtoul.parse(rest);
        } else if (wss.startsWith("%")) {
            windowKind = OsFingerprint.WINDOW_MODULO;
            windowValue = CStrtoul.parse(wss.substring(1));
        } else if (!wss.isEmpty() && wss.charAt(0) >= '0' && wss.charAt(0) <= '9') {
            windowValue = CStrtoul.parse(wss);
        }
        int ttl = (int) (CStrtoul.parse(f.next()) & 0xFF);
        boolean df = (CStrtoul.parse(f.next()) & 0xFF) != 0;
        int size = (int) (CStrtoul.parse(f.next()) & 0xFFFF);
        String options = f.next();
        String genre = f.next();
        if (genre.startsWith("@") || genre.startsWith("*")) {
            genre = genre.substring(1);
        }
        genre = cut(genre);
        String version = cut(f.next());
        String subtype = cut(f.next());
        String list = options + ",";   // nfnl_osf's obuf: 128 bytes, its NUL included
        Options o = Options.parse(list.length() > OPTIONS_TEXT_MAX ? list.substring(0, OPTIONS_TEXT_MAX) : list);
        OsFingerprint fp = new OsFingerprint(windowKind, windowValue & 0xFFFFFFFFL, ttl, df, size, genre, version,
                subtype, o.kinds, o.lengths);
        // the kernel compares whole structures, the options' unused window values included
        String key = windowKind + ":" + (windowValue & 0xFFFFFFFFL) + ":" + ttl + ":" + df + ":" + size + ":"
                + genre + ":" + version + ":" + subtype + ":" + o.key;
        return new Parsed(fp, key);
    }

    /** C's isspace in the C locale. */
    static boolean isSpace(char c) {
        return c == ' ' || (c >= '\t' && c <= '\r');
    }

    private static String cut(String name) {
        return name.length() > NAME_MAX ? name.substring(0, NAME_MAX) : name;
    }

    /** nfnl_osf's fields: each ends at a colon, and blanks after the colon are skipped. */
    private static final class Fields {
        private final String s;
        private int at;

        Fields(String s) {
            this.s = s;
        }

        String next() {
            int colon = s.indexOf(':', at);
            String field = s.substring(at, colon);
            int next = colon + 1;
            while (next < s.length() && isSpace(s.charAt(next))) {
                next++;
            }
            at = next;
            return field;
        }
    }

    /** The option list (pf.os's {@code M*,S,T,N,W7}) as nfnl_osf's xt_osf_parse_opt reads it. */
    private record Options(byte[] kinds, byte[] lengths, String key) {
        static Options parse(String text) {
            List<int[]> opts = new ArrayList<>();
            StringBuilder key = new StringBuilder();
            int i = 0;
            while (i < text.length() && opts.size() < OPTIONS_MAX) {
                // an option without a comma after it (the list was cut to 127 bytes) is still taken
                int comma = text.indexOf(',', i);
                String item = comma < 0 ? text.substring(i) : text.substring(i, comma);
                int kind;
                int length;
                long value = 0;
                int wc = 0;
                switch (item.isEmpty() ? ' ' : item.charAt(0)) {
                    case 'N' -> { kind = 1; length = 1; }
                    case 'S' -> { kind = 4; length = 2; }
                    case 'T' -> { kind = 8; length = 10; }
                    case 'E' -> { kind = 0; length = 1; }
                    case 'W' -> {
                        kind = 3;
                        length = 3;
                        char c = item.length() > 1 ? item.charAt(1) : '\0';
                        wc = c == '%' ? 3 : c == 'S' ? 1 : c == 'T' ? 2 : 0;
                        value = CStrtoul.parse(item.length() > (wc != 0 ? 2 : 1) ? item.substring(wc != 0 ? 2 : 1) : "");
                    }
                    case 'M' -> {
                        kind = 2;
                        length = 4;
                        wc = item.length() > 1 && item.charAt(1) == '%' ? 3 : 0;
                        value = CStrtoul.parse(item.length() > (wc != 0 ? 2 : 1) ? item.substring(wc != 0 ? 2 : 1) : "");
                    }
                    default -> { kind = -1; length = 0; }
                }
                if (kind >= 0) {
                    opts.add(new int[] {kind, length});
                    key.append(kind).append('/').append(wc).append('/').append(value & 0xFFFFFFFFL).append(',');
                }
                if (comma < 0) {
                    break;
                }
                // the next option starts after the comma and the blanks after it
                i = comma + 1;
                while (i < text.length() && isSpace(text.charAt(i))) {
                    i++;
                }
            }
            byte[] kinds = new byte[opts.size()];
            byte[] lengths = new byte[opts.size()];
            for (int j = 0; j < opts.size(); j++) {
                kinds[j] = (byte) opts.get(j)[0];
                lengths[j] = (byte) opts.get(j)[1];
            }
            return new Options(kinds, lengths, key.toString());
        }
    }
}
