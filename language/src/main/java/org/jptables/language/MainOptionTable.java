package org.jptables.language;

/**
 * iptables' own options as its getopt_long table has them: the short letters, which of them take
 * an argument or may take one, and the long names with getopt_long's abbreviations. The loaded
 * extensions' options join the same table at run time; that half is {@link RuleExtensions}'.
 */
final class MainOptionTable {
    private static final String SHORT = "ACDRILSMFZNXEPVhopsdjifbvwWntmxcg46";
    private static final String TAKES_ARGUMENT = "ACDRIMNEPojpsdimtcg";
    private static final String OPTIONAL_ARGUMENT = "LSFZXhwW";
    /** The options of struct ipt_ip, which iptables hands to the implicit extensions. */
    private static final String HEADER = "psdiof";
    private static final String[][] LONG = {
        {"append", "A"}, {"delete", "D"}, {"check", "C"}, {"insert", "I"}, {"replace", "R"}, {"list", "L"},
        {"list-rules", "S"}, {"flush", "F"}, {"zero", "Z"}, {"new-chain", "N"}, {"delete-chain", "X"},
        {"rename-chain", "E"}, {"policy", "P"}, {"jump", "j"}, {"table", "t"}, {"match", "m"},
        {"numeric", "n"}, {"verbose", "v"}, {"wait", "w"}, {"wait-interval", "W"}, {"exact", "x"},
        {"version", "V"}, {"help", "h"}, {"line-numbers", "0"}, {"modprobe", "M"}, {"set-counters", "c"},
        {"goto", "g"}, {"ipv4", "4"}, {"ipv6", "6"}, {"source", "s"}, {"src", "s"}, {"destination", "d"},
        {"dst", "d"}, {"protocol", "p"}, {"in-interface", "i"}, {"out-interface", "o"}, {"fragment", "f"},
    };

    private MainOptionTable() {
    }

    static boolean isShort(char c) {
        return SHORT.indexOf(c) >= 0;
    }

    static boolean takesArgument(char c) {
        return TAKES_ARGUMENT.indexOf(c) >= 0;
    }

    static boolean mayTakeArgument(char c) {
        return OPTIONAL_ARGUMENT.indexOf(c) >= 0;
    }

    static boolean isHeader(char c) {
        return HEADER.indexOf(c) >= 0;
    }

    /** Whether {@code name} is a long name of the table as spelled, not an abbreviation. */
    static boolean isLongName(String name) {
        for (String[] l : LONG) {
            if (l[0].equals(name)) {
                return true;
            }
        }
        return false;
    }

    /** How many different options {@code name} abbreviates (aliases of one option count once). */
    static int prefixCount(String name) {
        StringBuilder seen = new StringBuilder();
        for (String[] l : LONG) {
            if (l[0].startsWith(name) && seen.indexOf(l[1]) < 0) {
                seen.append(l[1]);
            }
        }
        return seen.length();
    }

    /** The letter of the option {@code name} spells or abbreviates without ambiguity, else 0. */
    static char letterOf(String name) {
        char found = 0;
        int matches = 0;
        for (String[] l : LONG) {
            if (l[0].equals(name)) {
                return l[1].charAt(0);
            }
            if (l[0].startsWith(name)) {
                if (found != l[1].charAt(0)) {
                    matches++;
                }
                found = l[1].charAt(0);
            }
        }
        return matches == 1 ? found : 0;
    }
}
