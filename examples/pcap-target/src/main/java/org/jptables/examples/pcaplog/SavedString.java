package org.jptables.examples.pcaplog;

/**
 * A string as iptables-save writes it (xtables_save_string): bare when it is only letters,
 * digits, '_' and '-', otherwise in double quotes with '"', '\' and '\'' escaped by a backslash,
 * which is how jptables-restore and the command line read it back.
 */
final class SavedString {
    private SavedString() {
    }

    static void append(StringBuilder out, String value) {
        boolean plain = !value.isEmpty();
        for (int i = 0; i < value.length() && plain; i++) {
            char c = value.charAt(i);
            plain = c == '_' || c == '-' || (c >= '0' && c <= '9') || (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
        }
        if (plain) {
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
}
