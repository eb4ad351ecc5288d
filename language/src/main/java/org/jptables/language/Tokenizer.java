package org.jptables.language;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits an iptables-restore line into words as iptables-restore does: whitespace separates,
 * double quotes group (and are removed), a backslash escapes the next character.
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
            if (c == '\\' && i + 1 < line.length()) {
                // a backslash escapes the next character, in quotes or not (iptables-restore's add_param_to_argv)
                word.append(line.charAt(i + 1));
                i++;
                inWord = true;
            } else if (inQuotes) {
                if (c == '"') {
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
