package org.jptables.plugins.string;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.jptables.api.RuleException;

/** The pattern's text forms as libxt_string reads (--string, --hex-string) and prints them. */
final class Patterns {
    /** XT_STRING_MAX_PATTERN_SIZE. */
    static final int MAX = 128;

    private Patterns() {
    }

    /**
     * The bytes of a command-line word. iptables gets the bytes of the argument; jptables gets a
     * Java string decoded from them, so the original bytes are recovered as UTF-8 (the usual
     * locale) except for characters below 256, taken as single bytes.
     */
    static byte[] bytes(String text) {
        boolean plain = text.chars().allMatch(c -> c < 256);
        if (plain) {
            byte[] b = new byte[text.length()];
            for (int i = 0; i < b.length; i++) {
                b[i] = (byte) text.charAt(i);
            }
            return b;
        }
        return text.getBytes(StandardCharsets.UTF_8);
    }

    /** parse_string: at most 128 bytes. */
    static byte[] parseString(String text) throws RuleException {
        byte[] b = bytes(text);
        if (b.length > MAX) {
            throw new RuleException("STRING too long \"" + text + "\"");
        }
        return b;
    }

    /**
     * parse_hex_string: plain characters, {@code \c} for a literal c, and {@code |hh hh|} blocks of
     * hex pairs (a space may follow the opening bar and any pair).
     */
    static byte[] parseHex(String text) throws RuleException {
        byte[] s = bytes(text);
        int slen = s.length;
        if (slen == 0) {
            throw new RuleException("STRING must contain at least one char");
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        boolean hex = false;
        boolean literal = false;
        int i = 0;
        while (i < slen) {
            if (out.size() >= MAX) {
                throw new RuleException("STRING too long \"" + text + "\"");
            }
            if (s[i] == '\\' && !hex) {
                literal = true;
            } else if (s[i] == '\\') {
                throw new RuleException("Cannot include literals in hex data");
            } else if (s[i] == '|') {
                if (hex) {
                    hex = false;
                } else {
                    hex = true;
                    while (i + 1 < slen && s[i + 1] == ' ') {
                        i++;
                    }
                }
                if (i + 1 >= slen) {
                    break;
                }
                i++;
            }
            if (literal) {
                if (i + 1 >= slen) {
                    throw new RuleException("Bad literal placement at end of string");
                }
                out.write(s[i + 1]);
                i += 2;
                literal = false;
            } else if (hex) {
                if (i + 1 >= slen) {
                    throw new RuleException("Odd number of hex digits");
                }
                if (i + 2 >= slen) {
                    // must end with a "|"
                    throw new RuleException("Invalid hex block");
                }
                for (int k = 0; k < 2; k++) {
                    if (Character.digit(s[i + k] & 0xFF, 16) < 0 || (s[i + k] & 0xFF) > 127) {
                        throw new RuleException("Invalid hex char '" + (char) (s[i + k] & 0xFF) + "'");
                    }
                }
                out.write(Character.digit(s[i], 16) << 4 | Character.digit(s[i + 1], 16));
                i += s[i + 2] == ' ' ? 3 : 2;
            } else {
                out.write(s[i]);
                i++;
            }
        }
        return out.toByteArray();
    }

    /** is_hex_string: a byte C's isprint refuses, or a final backslash, prints the pattern in hex. */
    static boolean printsAsHex(byte[] pattern) {
        for (byte b : pattern) {
            int c = b & 0xFF;
            if (c < 0x20 || c > 0x7E) {
                return true;
            }
        }
        // the C code reads the byte before an empty pattern; the kernel refuses empty patterns
        return pattern.length > 0 && pattern[pattern.length - 1] == '\\';
    }

    /** print_hex_string or print_string, with the leading space. */
    static void print(byte[] pattern, StringBuilder out) {
        if (printsAsHex(pattern)) {
            out.append(" \"|");
            for (byte b : pattern) {
                out.append(Character.forDigit((b >> 4) & 0xF, 16)).append(Character.forDigit(b & 0xF, 16));
            }
            out.append("|\"");
        } else {
            out.append(" \"");
            for (byte b : pattern) {
                if (b == '"' || b == '\\') {
                    out.append('\\');
                }
                out.append((char) b);
            }
            out.append('"');
        }
    }
}
