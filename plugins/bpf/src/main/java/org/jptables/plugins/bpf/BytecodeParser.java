package org.jptables.plugins.bpf;

import org.jptables.api.RuleException;

/**
 * Reads {@code --bytecode "N,code jt jf k,..."} as libxt_bpf's bpf_parse_string does with glibc's
 * sscanf: the count with {@code %hu} followed by a comma, then, after each comma that is not the
 * last character, {@code %hu %hhu %hhu %u}; anything after the four numbers up to the next comma
 * is ignored. sscanf's numbers are decimal, may have leading blanks and a sign, and wrap to the
 * field's width (strtoul's value, ULONG_MAX on overflow, negated for '-'): "-1" is 4294967295,
 * "65537" as a count is 1, "0x10" reads as 0.
 */
final class BytecodeParser {
    /** XT_BPF_MAX_NUM_INSTR: the instructions an xt_bpf_info_v1 holds. */
    static final int MAX_INSTRUCTIONS = 64;

    private final String text;
    private int pos;

    private BytecodeParser(String text) {
        this.text = text;
    }

    /** The program's instructions as {code, jt, jf, k} quadruples, or iptables' message. */
    static int[][] parse(String text) throws RuleException {
        BytecodeParser p = new BytecodeParser(text);
        long count = p.number(0xFFFFL);
        if (count < 0 || p.pos >= text.length() || text.charAt(p.pos) != ',') {
            throw new RuleException("bpf: error parsing program length");
        }
        int length = (int) count;
        if (length == 0) {
            throw new RuleException("bpf: illegal zero length program");
        }
        if (length > MAX_INSTRUCTIONS) {
            throw new RuleException("bpf: number of instructions exceeds maximum");
        }
        int[][] program = new int[length][];
        int i = 0;
        int token = 0;
        while (true) {
            int comma = text.indexOf(',', token);
            if (comma < 0 || comma + 1 >= text.length()) {
                break;
            }
            token = comma + 1;
            if (i >= length) {
                throw new RuleException("bpf: real program length exceeds the encoded length parameter");
            }
            program[i] = p.instruction(token, i);
            i++;
        }
        if (i != length) {
            throw new RuleException("bpf: parsed program length is less than the encoded length parameter");
        }
        return program;
    }

    /** "%hu %hhu %hhu %u" at {@code start}: four numbers, each after optional white space. */
    private int[] instruction(int start, int index) throws RuleException {
        pos = start;
        long code = number(0xFFFFL);
        long jt = code < 0 ? -1 : number(0xFFL);
        long jf = jt < 0 ? -1 : number(0xFFL);
        long k = jf < 0 ? -1 : number(0xFFFFFFFFL);
        if (k < 0) {
            throw new RuleException("bpf: error at instr " + index);
        }
        return new int[] {(int) code, (int) jt, (int) jf, (int) k};
    }

    /**
     * One sscanf unsigned decimal conversion from {@code pos}, masked to the field's width; -1
     * when no digit follows the blanks and the optional sign (the conversion fails).
     */
    private long number(long mask) {
        while (pos < text.length() && isSpace(text.charAt(pos))) {
            pos++;
        }
        boolean negative = false;
        if (pos < text.length() && (text.charAt(pos) == '+' || text.charAt(pos) == '-')) {
            negative = text.charAt(pos) == '-';
            pos++;
        }
        int first = pos;
        long value = 0; // strtoul's unsigned long, kept as the low 64 bits
        boolean overflow = false;
        while (pos < text.length() && text.charAt(pos) >= '0' && text.charAt(pos) <= '9') {
            int digit = text.charAt(pos) - '0';
            if (!overflow) {
                long times10 = value * 10;
                if (Long.compareUnsigned(value, Long.divideUnsigned(-1L, 10)) > 0
                        || Long.compareUnsigned(times10 + digit, times10) < 0) {
                    overflow = true;
                } else {
                    value = times10 + digit;
                }
            }
            pos++;
        }
        if (pos == first) {
            return -1;
        }
        if (overflow) {
            value = -1L; // ULONG_MAX, which strtoul returns whatever the sign
        } else if (negative) {
            value = -value;
        }
        return value & mask;
    }

    private static boolean isSpace(char c) {
        return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f' || c == 0x0B;
    }
}
