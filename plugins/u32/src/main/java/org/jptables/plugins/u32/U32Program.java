package org.jptables.plugins.u32;

import org.jptables.api.CNumbers;
import org.jptables.api.RuleException;

/**
 * A --u32 argument as struct xt_u32 holds it: up to ten tests joined by "&&", each a location
 * (a number, then up to nine operator-number pairs: {@code &}, {@code <<}, {@code >>}, {@code @})
 * and up to ten value ranges. Read by libxt_u32's state machine with its messages and character
 * positions, printed back in hex as u32_dump does.
 *
 * @param numbers test t's location numbers
 * @param ops     test t's operators, ops[t][i] before numbers[t][i] (ops[t][0] unused)
 * @param mins    test t's range starts, unsigned 32-bit
 * @param maxs    test t's range ends
 */
record U32Program(int[][] numbers, int[][] ops, int[][] mins, int[][] maxs) {
    static final int AND = 0;
    static final int LEFT_SHIFT = 1;
    static final int RIGHT_SHIFT = 2;
    static final int AT = 3;
    /** XT_U32_MAXSIZE. */
    private static final int MAX = 10;

    /** u32_parse. */
    static U32Program parse(String text) throws RuleException {
        int[][] numbers = new int[MAX + 1][MAX + 1];
        int[][] ops = new int[MAX + 1][MAX + 1];
        int[][] mins = new int[MAX + 1][MAX + 1];
        int[][] maxs = new int[MAX + 1][MAX + 1];
        int[] nnums = new int[MAX + 1];
        int[] nvalues = new int[MAX + 1];
        int test = 0;
        int loc = 0;
        int val = 0;
        boolean values = false;
        int at = 0;
        int n = text.length();
        while (true) {
            while (at < n && isSpace(text.charAt(at))) {
                at++;
            }
            if (at == n) {
                if (!values) {
                    throw new RuleException("u32: abrupt end of input after location specifier");
                }
                if (val == 0) {
                    throw new RuleException("u32: test ended with no value specified");
                }
                nnums[test] = loc;
                nvalues[test] = val;
                if (++test > MAX) {
                    throw error(at, "too many \"&&\"s");
                }
                return trim(numbers, ops, mins, maxs, nnums, nvalues, test);
            }
            char c = text.charAt(at);
            if (!values) {
                if (c == '=') {
                    if (loc == 0) {
                        throw error(at, "location spec missing");
                    }
                    at++;
                    values = true;
                    continue;
                }
                if (loc != 0) {
                    // an operator before each further number
                    if (c == '&') {
                        ops[test][loc] = AND;
                    } else if (c == '<') {
                        if (charAt(text, ++at) != '<') {
                            throw error(at, "a second '<' was expected");
                        }
                        ops[test][loc] = LEFT_SHIFT;
                    } else if (c == '>') {
                        if (charAt(text, ++at) != '>') {
                            throw error(at, "a second '>' was expected");
                        }
                        ops[test][loc] = RIGHT_SHIFT;
                    } else if (c == '@') {
                        ops[test][loc] = AT;
                    } else {
                        throw error(at, "operator expected");
                    }
                    at++;
                }
                CNumbers.Read read = number(text, at);
                numbers[test][loc] = (int) read.value();
                at += read.end();
                if (++loc > MAX) {
                    throw error(at, "too many operators");
                }
            } else if (c == '&') {
                if (charAt(text, ++at) != '&') {
                    throw error(at, "a second '&' was expected");
                }
                if (val == 0) {
                    throw error(at, "value spec missing");
                }
                nnums[test] = loc;
                nvalues[test] = val;
                if (++test > MAX) {
                    throw error(at, "too many \"&&\"s");
                }
                at++;
                values = false;
                loc = 0;
                val = 0;
            } else {
                if (val > 0) {
                    if (c != ',') {
                        throw error(at, "expected \",\" or \"&&\"");
                    }
                    at++;
                }
                CNumbers.Read low = number(text, at);
                at += low.end();
                mins[test][val] = (int) low.value();
                while (at < n && isSpace(text.charAt(at))) {
                    at++;
                }
                if (charAt(text, at) == ':') {
                    at++;
                    CNumbers.Read high = number(text, at);
                    at += high.end();
                    maxs[test][val] = (int) high.value();
                } else {
                    maxs[test][val] = mins[test][val];
                }
                if (++val > MAX) {
                    throw error(at, "too many \",\"s");
                }
            }
        }
    }

    private static char charAt(String text, int at) {
        return at < text.length() ? text.charAt(at) : '\0';
    }

    /** parse_number: xtables_strtoui with an end pointer (blanks, base 0, no minus) up to 2^32-1. */
    private static CNumbers.Read number(String text, int at) throws RuleException {
        CNumbers.Read read = CNumbers.read(text.substring(at), 0, 0xFFFFFFFFL);
        if (read == null) {
            throw error(at, "not a number or out of range");
        }
        return read;
    }

    private static RuleException error(int at, String what) {
        return new RuleException("u32: at char " + at + ": " + what);
    }

    private static boolean isSpace(char c) {
        return CNumbers.isSpace(c);
    }

    private static U32Program trim(int[][] numbers, int[][] ops, int[][] mins, int[][] maxs, int[] nnums,
                                   int[] nvalues, int tests) {
        int[][] n = new int[tests][];
        int[][] o = new int[tests][];
        int[][] lo = new int[tests][];
        int[][] hi = new int[tests][];
        for (int t = 0; t < tests; t++) {
            n[t] = java.util.Arrays.copyOf(numbers[t], nnums[t]);
            o[t] = java.util.Arrays.copyOf(ops[t], nnums[t]);
            lo[t] = java.util.Arrays.copyOf(mins[t], nvalues[t]);
            hi[t] = java.util.Arrays.copyOf(maxs[t], nvalues[t]);
        }
        return new U32Program(n, o, lo, hi);
    }

    /**
     * u32_match_it over the packet's {@code length} bytes: every test must find its value in one
     * of its ranges; a word that cannot be read, or an offset that wraps, fails the match.
     */
    boolean run(org.jptables.api.Packet packet) {
        long len = packet.length() & 0xFFFFFFFFL;
        for (int t = 0; t < numbers.length; t++) {
            int[] num = numbers[t];
            long pos = num[0] & 0xFFFFFFFFL;
            if (len < 4 || pos > len - 4) {
                return false;
            }
            int val = (int) packet.u32((int) pos);
            long base = 0;
            for (int i = 1; i < num.length; i++) {
                int number = num[i];
                switch (ops[t][i]) {
                    case AND -> val &= number;
                    // counts are below 32: the kernel refuses larger ones (U32Builder)
                    case LEFT_SHIFT -> val <<= number;
                    case RIGHT_SHIFT -> val >>>= number;
                    default -> {
                        long sum = base + (val & 0xFFFFFFFFL);
                        if (sum > 0xFFFFFFFFL) {
                            return false;
                        }
                        base = sum;
                        long p = number & 0xFFFFFFFFL;
                        if (base + 4 > 0xFFFFFFFFL || len < base + 4 || p > len - base - 4) {
                            return false;
                        }
                        val = (int) packet.u32((int) (base + p));
                    }
                }
            }
            if (!inRanges(t, val & 0xFFFFFFFFL)) {
                return false;
            }
        }
        return true;
    }

    /** Whether a shift counts 32 bits or more, which the kernel refuses when the rule is loaded. */
    boolean hasLongShift() {
        for (int t = 0; t < numbers.length; t++) {
            for (int i = 1; i < numbers[t].length; i++) {
                if ((ops[t][i] == LEFT_SHIFT || ops[t][i] == RIGHT_SHIFT) && (numbers[t][i] & 0xFFFFFFFFL) >= 32) {
                    return true;
                }
            }
        }
        return false;
    }

    private boolean inRanges(int t, long val) {
        for (int i = 0; i < mins[t].length; i++) {
            if ((mins[t][i] & 0xFFFFFFFFL) <= val && val <= (maxs[t][i] & 0xFFFFFFFFL)) {
                return true;
            }
        }
        return false;
    }

    /** u32_dump: the tests in hex, in double quotes, with the leading space. */
    void print(StringBuilder out) {
        out.append(" \"");
        for (int t = 0; t < numbers.length; t++) {
            if (t > 0) {
                out.append("&&");
            }
            out.append("0x").append(Integer.toHexString(numbers[t][0]));
            for (int i = 1; i < numbers[t].length; i++) {
                out.append(switch (ops[t][i]) {
                    case AND -> "&";
                    case LEFT_SHIFT -> "<<";
                    case RIGHT_SHIFT -> ">>";
                    default -> "@";
                });
                out.append("0x").append(Integer.toHexString(numbers[t][i]));
            }
            out.append('=');
            for (int i = 0; i < mins[t].length; i++) {
                if (i > 0) {
                    out.append(',');
                }
                out.append("0x").append(Integer.toHexString(mins[t][i]));
                if (mins[t][i] != maxs[t][i]) {
                    out.append(":0x").append(Integer.toHexString(maxs[t][i]));
                }
            }
        }
        out.append('"');
    }
}
