package org.jptables.plugins.tcp;

import org.jptables.api.RuleException;

/** The names of the six TCP flags as libxt_tcp reads and writes them. */
final class TcpFlags {
    static final int FIN = 0x01;
    static final int SYN = 0x02;
    static final int RST = 0x04;
    static final int PSH = 0x08;
    static final int ACK = 0x10;
    static final int URG = 0x20;
    static final int ALL = 0x3F;

    /** In libxt_tcp's order, which is the order they are printed in. */
    private static final String[] NAMES = {"FIN", "SYN", "RST", "PSH", "ACK", "URG", "ALL", "NONE"};
    private static final int[] BITS = {FIN, SYN, RST, PSH, ACK, URG, ALL, 0};

    private TcpFlags() {
    }

    /**
     * A comma-separated list of flag names, any case; empty items are skipped (strtok), so ""
     * and ",SYN," are valid.
     */
    static int parse(String list) throws RuleException {
        int bits = 0;
        for (String item : list.split(",", -1)) {
            if (item.isEmpty()) {
                continue;
            }
            int i = 0;
            while (i < NAMES.length && !NAMES[i].equalsIgnoreCase(item)) {
                i++;
            }
            if (i == NAMES.length) {
                throw new RuleException("Unknown TCP flag `" + item + "'");
            }
            bits |= BITS[i];
        }
        return bits;
    }

    /** The flags as names joined by commas (FIN first), or NONE. */
    static String format(int bits) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < 6; i++) {
            if ((bits & BITS[i]) != 0) {
                if (out.length() > 0) {
                    out.append(',');
                }
                out.append(NAMES[i]);
            }
        }
        return out.length() == 0 ? "NONE" : out.toString();
    }
}
