package org.jptables.api;

/**
 * A TOS value and mask as libxtables reads them (XTTYPE_TOSMASK, xtopt_parse_tosmask): a number
 * 0-255 with an optional {@code /mask} (default 0xff), or one of the {@link TosSymbol} names, which
 * implies mask 0x3f. Shared by the tos match and the TOS target.
 *
 * @param value the value
 * @param mask  the mask
 */
public record TosMask(int value, int mask) {

    /** Reads {@code arg}; the messages are libxtables' own. */
    public static TosMask parse(String arg) throws RuleException {
        CNumbers.Read number = CNumbers.read(arg, 0, 255);
        if (number != null) {
            int mask = 0xff;
            int end = number.end();
            if (end < arg.length() && arg.charAt(end) == '/') {
                CNumbers.Read m = CNumbers.read(arg.substring(end + 1), 0, 255);
                if (m == null) {
                    throw illegal(arg);
                }
                mask = (int) m.value();
                end = end + 1 + m.end();
            }
            if (end != arg.length()) {
                throw illegal(arg);
            }
            return new TosMask((int) number.value(), mask);
        }
        TosSymbol symbol = TosSymbol.named(arg);
        if (symbol == null) {
            throw new RuleException("Symbolic name \"" + arg + "\" is unknown");
        }
        return new TosMask(symbol.value(), TosSymbol.MASK);
    }

    private static RuleException illegal(String arg) {
        return new RuleException("Illegal value: \"" + arg + "\"");
    }
}
