package org.jptables.language.listing;

/** libxtables' xtables_print_num: counters in columns, rounded to K/M/G/T unless exact ({@code -x}). */
public final class CounterFormat {
    private CounterFormat() {
    }

    /** A counter in a table column, with its trailing space. */
    public static String column(long number, boolean exact) {
        if (exact) {
            return String.format("%8s ", Long.toUnsignedString(number));
        }
        return rounded(number, true);
    }

    /** A counter in running text (the policy line of {@code -L -v}), with its trailing space. */
    public static String inline(long number, boolean exact) {
        if (exact) {
            return Long.toUnsignedString(number) + " ";
        }
        return rounded(number, false);
    }

    private static String rounded(long number, boolean table) {
        if (Long.compareUnsigned(number, 99999) <= 0) {
            return table ? String.format("%5d ", number) : number + " ";
        }
        String[] units = {"K", "M", "G", "T"};
        long n = number;
        for (int i = 0; i < units.length; i++) {
            n = Long.divideUnsigned(n + 500, 1000);
            if (Long.compareUnsigned(n, 9999) <= 0 || i == units.length - 1) {
                return (table ? String.format("%4d", n) : Long.toString(n)) + units[i] + " ";
            }
        }
        throw new AssertionError();
    }
}
