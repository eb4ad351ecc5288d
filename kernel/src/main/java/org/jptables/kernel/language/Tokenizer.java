package org.jptables.kernel.language;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an iptables-restore line into words as iptables-restore does: whitespace separates,
 * double quotes group (and are removed), a backslash escapes a quote inside quotes.
 */
public final class Tokenizer {
    private Tokenizer() {
    }

    public static List<String> split(String line) throws ParameterException {
        List<String> words = new ArrayList<>();
        StringBuilder word = new StringBuilder();
        boolean inQuotes = false;
        boolean inWord = false;
        for (int i = 0; i < line.length(); i++) {
            char c = line.charAt(i);
            if (inQuotes) {
                if (c == '\\' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
                    word.append('"');
                    i++;
                } else if (c == '"') {
                    inQuotes = false;
                } else {
                    word.append(c);
                }
            } else if (c == '"') {
                inQuotes = true;
                inWord = true;
            } else if (c == ' ' || c == '\t' || c == '\n' || c == '\r') {
                if (inWord) {
                    words.add(word.toString());
                    word.setLength(0);
                    inWord = false;
                }
            } else {
                word.append(c);
                inWord = true;
            }
        }
        if (inQuotes) {
            throw new ParameterException("Invalid quoting");
        }
        if (inWord) {
            words.add(word.toString());
        }
        return words;
    }
}
