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
 * with {@code #} or empty are skipped; nfnl_osf stops at the first line without exactly eight
 * colons (the kernel keeps what it had loaded before it), and so does {@link #parse}, reporting it.
 * The kernel keeps one copy of identical fingerprints.
 */
public final class PfOsFile {
    /** MAXGENRELEN: genre, version and subtype are kept in 32 bytes, their NUL included. */
    private static final int NAME_MAX = 31;
    /** MAX_IPOPTLEN: the fingerprint has room for 40 options. */
    private static final int OPTIONS_MAX = 40;
    /** nfnl_osf reads lines with fgets into 1024 bytes. */
    private static final int LINE_MAX = 1023;

    /** The fingerprints of a file, and the line nfnl_osf stopped at (null when it read it all). */
    public record Loaded(List<OsFingerprint> fingerprints, String stoppedAt) {
        public Loaded {
            fingerprints = List.copyOf(fingerprints);
        }
    }

    private PfOsFile() {
    }

    /** The fingerprints {@code text}, a pf.os file, loads into an empty kernel list. */
    public static Loaded parse(String text) {
        List<OsFingerprint> out = new ArrayList<>();
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
                return new Loaded(out, line);
            }
            if (!keys.contains(p.key)) {   // nfnetlink_osf's add: an identical one is already there
                keys.add(p.key);
                out.add(p.fingerprint);
            }
        }
        return new Loaded(out, null);
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
        } else if (!wss.isEmpty() && Character.isDigit(wss.charAt(0))) {
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
        Options o = Options.parse(options + ",");
        OsFingerprint fp = new OsFingerprint(windowKind, windowValue & 0xFFFFFFFFL, ttl, df, size, genre, version,
                subtype, o.kinds, o.lengths);
        // the kernel compares whole structures, the options' unused window values included
        String key = windowKind + ":" + (windowValue & 0xFFFFFFFFL) + ":" + ttl + ":" + df + ":" + size + ":"
                + genre + ":" + version + ":" + subtype + ":" + o.key;
        return new Parsed(fp, key);
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
            while (next < s.length() && Character.isWhitespace(s.charAt(next)) && s.charAt(next) != '\0') {
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
                int comma = text.indexOf(',', i);
                if (comma < 0) {
                    break;
                }
                String item = text.substring(i, comma);
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
                // the next option starts after the comma and the blanks after it
                i = comma + 1;
                while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
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
