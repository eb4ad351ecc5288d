package org.jptables.api;

import java.util.function.ToLongFunction;

/**
 * {@code value[/mask]} with names from an iproute2 table, as libxtables' xtables_parse_val_mask
 * reads it and xtables_print_val_mask prints it (realm's --realm, devgroup's --src-group and
 * --dst-group). The mask defaults to 0xffffffff; a name stands for a whole value, never with a mask.
 *
 * @param value the value, 0..2^32-1
 * @param mask  the mask, 0..2^32-1
 */
public record NamedValueMask(long value, long mask) {
    /** The mask of a value given alone. */
    public static final long ALL = 0xFFFFFFFFL;

    /**
     * Reads {@code arg} of option {@code --option} of extension {@code ext}; {@code names} gives the
     * id of a name or -1 (the table exists on every host jptables models: a name that is not in
     * it, or a number with trailing text other than a mask, is "could not map name").
     */
    public static NamedValueMask parse(String ext, String option, String arg, ToLongFunction<String> names)
            throws RuleException {
        long[] first = MarkValue.number(arg, 0);
        if (first == null) {
            return byName(ext, option, arg, names);
        }
        int end = (int) first[1];
        if (end == arg.length()) {
            return new NamedValueMask(first[0], ALL);
        }
        if (arg.charAt(end) != '/') {
            return byName(ext, option, arg, names);
        }
        long[] second = MarkValue.number(arg, end + 1);
        if (second == null) {
            throw new RuleException(ext + ": bad integer value for option \"" + option + "\", or out of range.\n");
        }
        if (second[1] != arg.length()) {
            throw new RuleException(ext + ": trailing garbage after value for option \"" + option + "\".\n");
        }
        return new NamedValueMask(first[0], second[0]);
    }

    private static NamedValueMask byName(String ext, String option, String arg, ToLongFunction<String> names)
            throws RuleException {
        long id = names.applyAsLong(arg);
        if (id < 0) {
            throw new RuleException(ext + ": could not map name " + arg + " to an integer value for option \""
                    + option + "\".\n");
        }
        return new NamedValueMask(id, ALL);
    }

    /**
     * xtables_print_val_mask: " 0xV/0xM" with a mask, else " NAME" when {@code name} (the value's
     * name, null for none or when numeric) is given, else " 0xV".
     */
    public void print(StringBuilder out, String name) {
        if (mask != ALL) {
            out.append(" 0x").append(Long.toHexString(value)).append("/0x").append(Long.toHexString(mask));
        } else if (name != null) {
            out.append(' ').append(name);
        } else {
            out.append(" 0x").append(Long.toHexString(value));
        }
    }
}
