package org.jptables.api;

/**
 * A string as iptables-save writes it (libxtables' xtables_save_string): bare when it is only
 * letters, digits, '_' and '-', otherwise in double quotes with '"', '\' and '\'' escaped by a
 * backslash. LOG's and NFLOG's prefixes and comments are saved this way.
 */
public final class SavedStrings {
    private SavedStrings() {
    }

    public static void append(StringBuilder out, String value) {
        if (isPlain(value)) {
            out.append(value);
            return;
        }
        out.append('"');
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (c == '"' || c == '\\' || c == '\'') {
                out.append('\\');
            }
            out.append(c);
        }
        out.append('"');
    }

    private static boolean isPlain(String value) {
        if (value.isEmpty()) {
            return false;
        }
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            boolean plain = c == '_' || c == '-' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z')
                    || (c >= 'A' && c <= 'Z');
            if (!plain) {
                return false;
            }
        }
        return true;
    }
}
