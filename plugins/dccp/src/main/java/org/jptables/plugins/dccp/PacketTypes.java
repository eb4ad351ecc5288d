package org.jptables.plugins.dccp;

import org.jptables.api.RuleException;

/** DCCP packet types by name (linux/dccp.h), as libxt_dccp reads and prints --dccp-types. */
final class PacketTypes {
    static final int INVALID = 10;
    /** INVALID also stands for the unassigned types 11 to 15. */
    private static final int INVALID_OTHERS = 0xF800;
    private static final String[] NAMES = {"REQUEST", "RESPONSE", "DATA", "ACK", "DATAACK", "CLOSEREQ", "CLOSE",
        "RESET", "SYNC", "SYNCACK", "INVALID"};

    private PacketTypes() {
    }

    /** parse_dccp_types: names, any case, separated by commas (empty words skipped, as strtok does). */
    static int parse(String text) throws RuleException {
        int mask = 0;
        for (String word : text.split(",")) {
            if (word.isEmpty()) {
                continue;
            }
            int i = 0;
            while (i < NAMES.length && !NAMES[i].equalsIgnoreCase(word)) {
                i++;
            }
            if (i == NAMES.length) {
                throw new RuleException("Unknown DCCP type `" + word + "'");
            }
            mask |= 1 << i;
        }
        if ((mask & 1 << INVALID) != 0) {
            mask |= INVALID_OTHERS;
        }
        return mask;
    }

    /** print_types: the set bits in order, numbers with -n; by name INVALID ends the list. */
    static void print(StringBuilder out, int mask, boolean numeric) {
        out.append(' ');
        boolean first = true;
        for (int i = 0; i < 16; i++) {
            if ((mask & 1 << i) == 0) {
                continue;
            }
            out.append(first ? "" : ",");
            first = false;
            if (numeric) {
                out.append(i);
            } else {
                out.append(NAMES[i]);
                if (i == INVALID) {
                    break;
                }
            }
        }
    }
}
