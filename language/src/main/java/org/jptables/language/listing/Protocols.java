package org.jptables.language.listing;

/** libxtables' built-in protocol names, used when /etc/protocols has no entry. */
public final class Protocols {
    private static final String[] NAMES = {"tcp", "sctp", "udp", "udplite", "icmp", "icmpv6", "esp", "ah", "mh", "all"};
    private static final int[] NUMBERS = {6, 132, 17, 136, 1, 58, 50, 51, 135, 0};

    private Protocols() {
    }

    /** The built-in name of {@code number}, or {@code otherwise}. */
    public static String chainProtoName(int number, String otherwise) {
        for (int i = 0; i < NUMBERS.length; i++) {
            if (NUMBERS[i] == number) {
                return NAMES[i];
            }
        }
        return otherwise;
    }
}
