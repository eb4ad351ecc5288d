package org.jptables.api;

/**
 * libxtables' XTTYPE_UINT32RC, a 32-bit number or range: one or two numbers (decimal, octal or
 * hex, as strtoul reads them) separated by a colon, an empty end meaning 0 for the first and
 * 2^32-1 for the second, the ends kept as given (a reversed range matches nothing), with
 * libxtables' messages. esp's --espspi and ah's --ahspi are read this way.
 */
public final class Uint32Range {
    /** The largest value, 2^32-1. */
    public static final long ALL = 0xFFFFFFFFL;

    private Uint32Range() {
    }

    /**
     * The two ends of {@code text} (equal for a single number).
     *
     * @param extension the extension's name, which starts each message ({@code "esp"})
     * @param option    the option as the messages name it ({@code "--espspi"})
     */
    public static long[] parse(String text, String extension, String option) throws RuleException {
        long[] values = new long[2];
        int count = 0;
        int at = 0;
        while (true) {
            if (count == 2) {
                throw new RuleException(extension + ": Too many components for option \"" + option + "\" (max: 2)\n");
            }
            int end;
            long value;
            if (at == text.length() || text.charAt(at) == ':') {
                end = at;
                value = count == 1 ? ALL : 0;
            } else {
                String rest = text.substring(at);
                CNumbers.Read read = CNumbers.read(rest, 0, ALL);
                if (read == null) {
                    throw new RuleException(extension + ": bad value for option \"" + option + "\" near \"" + rest
                            + "\", or out of range (0-4294967295).\n");
                }
                end = at + read.end();
                if (end < text.length() && text.charAt(end) != ':') {
                    throw new RuleException(extension + ": Argument to \"" + option
                            + "\" has unexpected characters near \"" + text.substring(end) + "\".\n");
                }
                value = read.value();
            }
            values[count++] = value;
            if (end == text.length()) {
                break;
            }
            at = end + 1;
        }
        return new long[] {values[0], count == 1 ? values[0] : values[1]};
    }
}
