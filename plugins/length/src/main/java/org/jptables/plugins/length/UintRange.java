package org.jptables.plugins.length;

import org.jptables.api.CNumbers;
import org.jptables.api.RuleException;

/**
 * libxtables' range-of-integers option type (XTTYPE_UINT16RC): at most two colon-separated
 * numbers (base 0), an empty first part meaning 0 and an empty second part the type's maximum.
 * The two ends are kept as given: {@code 128:64} is accepted and matches nothing.
 */
final class UintRange {
    private UintRange() {
    }

    /** {min, max} of {@code text}; {@code max} is the type's limit, used for an empty second part. */
    static int[] parse(String ext, String option, String text, int limit) throws RuleException {
        int[] values = new int[2];
        int count = 0;
        int at = 0;
        while (true) {
            if (count == 2) {
                throw new RuleException(ext + ": Too many components for option \"" + option + "\" (max: 2)");
            }
            int end;
            long value;
            if (at == text.length() || text.charAt(at) == ':') {
                end = at;
                value = count == 1 ? limit : 0;
            } else {
                String rest = text.substring(at);
                CNumbers.Read read = CNumbers.read(rest, 0, limit);
                if (read == null) {
                    throw new RuleException(ext + ": bad value for option \"" + option + "\" near \"" + rest
                            + "\", or out of range (0-" + limit + ").");
                }
                end = at + read.end();
                if (end < text.length() && text.charAt(end) != ':') {
                    throw new RuleException(ext + ": Argument to \"" + option
                            + "\" has unexpected characters near \"" + text.substring(end) + "\".");
                }
                value = read.value();
            }
            values[count++] = (int) value;
            if (end == text.length()) {
                break;
            }
            at = end + 1;
        }
        if (count == 1) {
            values[1] = values[0];
        }
        return values;
    }
}
