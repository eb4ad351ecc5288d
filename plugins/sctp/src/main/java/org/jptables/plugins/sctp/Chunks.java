package org.jptables.plugins.sctp;

import java.util.Arrays;
import org.jptables.api.RuleException;

/**
 * The chunk part of -m sctp (--chunk-types): how to match (all, any, only), the set of chunk
 * types as a 256-bit map, and up to four flag conditions, read and printed as libxt_sctp does.
 *
 * <p>libxt_sctp records a flag condition under the chunk's index in its name table rather than
 * under its type number. The two agree for DATA, ABORT and SHUTDOWN_COMPLETE, the chunks with
 * flags below I_DATA; I_DATA's flags (index 15, type 64) are kept under 15, so the kernel never
 * applies them and -S does not print them. Kept as iptables has it.
 *
 * @param kind      MATCH_ALL, MATCH_ANY or MATCH_ONLY (the kernel's SCTP_CHUNK_MATCH_* values)
 * @param map       bit t of word t/64: chunk type t is listed
 * @param flagTypes the "chunk type" of each flag condition (see above)
 * @param flags     the flag bits wanted
 * @param masks     the flag bits looked at
 */
record Chunks(int kind, long[] map, int[] flagTypes, int[] flags, int[] masks) {
    static final int MATCH_ANY = 0x01;
    static final int MATCH_ALL = 0x02;
    static final int MATCH_ONLY = 0x04;
    private static final int MAX_FLAG_INFO = 4;

    /** The name table: name, type, and the letters of the flag bits 7..0 ('-' for none). */
    private static final String[] NAMES = {"DATA", "INIT", "INIT_ACK", "SACK", "HEARTBEAT", "HEARTBEAT_ACK",
        "ABORT", "SHUTDOWN", "SHUTDOWN_ACK", "ERROR", "COOKIE_ECHO", "COOKIE_ACK", "ECN_ECNE", "ECN_CWR",
        "SHUTDOWN_COMPLETE", "I_DATA", "RE_CONFIG", "PAD", "ASCONF", "ASCONF_ACK", "FORWARD_TSN", "I_FORWARD_TSN"};
    private static final int[] TYPES = {0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 64, 130, 132, 193, 128,
        192, 194};
    private static final String[] VALID_FLAGS = {"----IUBE", "--------", "--------", "--------", "--------",
        "--------", "-------T", "--------", "--------", "--------", "--------", "--------", "--------", "--------",
        "-------T", "----IUBE", "--------", "--------", "--------", "--------", "--------", "--------"};

    boolean listed(int type) {
        return (map[type >>> 6] & 1L << (type & 63)) != 0;
    }

    /** parse_sctp_chunks: the match kind, then the list ("ALL", "NONE" or NAME[:flags],...). */
    static Chunks parse(String kindText, String list) throws RuleException {
        int kind;
        if (kindText.equalsIgnoreCase("ANY")) {
            kind = MATCH_ANY;
        } else if (kindText.equalsIgnoreCase("ALL")) {
            kind = MATCH_ALL;
        } else if (kindText.equalsIgnoreCase("ONLY")) {
            kind = MATCH_ONLY;
        } else {
            throw new RuleException("Match type has to be one of \"ALL\", \"ANY\" or \"ONLY\"");
        }
        long[] map = new long[4];
        int[] flagTypes = new int[MAX_FLAG_INFO];
        int[] flags = new int[MAX_FLAG_INFO];
        int[] masks = new int[MAX_FLAG_INFO];
        int count = 0;
        if (list.equalsIgnoreCase("ALL")) {
            Arrays.fill(map, -1L);
        } else if (!list.equalsIgnoreCase("NONE")) {
            // strtok: empty words between commas are skipped
            for (String word : list.split(",")) {
                if (word.isEmpty()) {
                    continue;
                }
                int colon = word.indexOf(':');
                String name = colon < 0 ? word : word.substring(0, colon);
                int index = index(name);
                if (index < 0) {
                    throw new RuleException("Unknown sctp chunk `" + name + "'");
                }
                map[TYPES[index] >>> 6] |= 1L << (TYPES[index] & 63);
                if (colon < 0) {
                    continue;
                }
                for (char c : word.substring(colon + 1).toCharArray()) {
                    int at = VALID_FLAGS[index].indexOf(Character.toUpperCase(c));
                    if (at < 0) {
                        throw new RuleException("Invalid flags for chunk type " + index);
                    }
                    int bit = 7 - at;
                    int j = 0;
                    while (j < count && flagTypes[j] != index) {
                        j++;
                    }
                    if (j == count) {
                        if (count == MAX_FLAG_INFO) {
                            throw new RuleException("Number of chunk types with flags exceeds currently allowed limit."
                                    + " Increasing this limit involves changing IPT_NUM_SCTP_FLAGS and recompiling"
                                    + " both the kernel space and user space modules");
                        }
                        flagTypes[count++] = index;
                    }
                    masks[j] |= 1 << bit;
                    if (Character.isUpperCase(c)) {
                        flags[j] |= 1 << bit;
                    }
                }
            }
        }
        return new Chunks(kind, map, Arrays.copyOf(flagTypes, count), Arrays.copyOf(flags, count),
                Arrays.copyOf(masks, count));
    }

    private static int index(String name) {
        for (int i = 0; i < NAMES.length; i++) {
            if (NAMES[i].equalsIgnoreCase(name)) {
                return i;
            }
        }
        return -1;
    }

    /** match_flags: the first condition recorded for the type decides; none means any flags. */
    boolean flagsMatch(int type, int chunkFlags) {
        for (int i = 0; i < flagTypes.length; i++) {
            if (flagTypes[i] == type) {
                return (chunkFlags & masks[i]) == flags[i];
            }
        }
        return true;
    }

    /** print_chunks: " any|all|only", then " NONE", " ALL" or the listed types in order with their flags. */
    void print(StringBuilder out, boolean numeric) {
        out.append(kind == MATCH_ANY ? " any" : kind == MATCH_ALL ? " all" : " only");
        if ((map[0] | map[1] | map[2] | map[3]) == 0) {
            out.append(" NONE");
            return;
        }
        if ((map[0] & map[1] & map[2] & map[3]) == -1L) {
            out.append(" ALL");
            return;
        }
        boolean first = true;
        for (int type = 0; type < 256; type++) {
            if (!listed(type)) {
                continue;
            }
            out.append(first ? ' ' : ',');
            first = false;
            if (numeric) {
                out.append(String.format("0x%04X", type));
            } else {
                for (int i = 0; i < TYPES.length; i++) {
                    if (TYPES[i] == type) {
                        out.append(NAMES[i]);
                    }
                }
            }
            for (int j = 0; j < flagTypes.length; j++) {
                // print_chunk_flags reads the letters of the name at index "type"
                if (flagTypes[j] == type && masks[j] != 0) {
                    out.append(':');
                    for (int bit = 7; bit >= 0; bit--) {
                        if ((masks[j] & 1 << bit) != 0) {
                            char letter = VALID_FLAGS[type].charAt(7 - bit);
                            out.append((flags[j] & 1 << bit) != 0 ? letter : Character.toLowerCase(letter));
                        }
                    }
                }
            }
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Chunks c && kind == c.kind && Arrays.equals(map, c.map)
                && Arrays.equals(flagTypes, c.flagTypes) && Arrays.equals(flags, c.flags)
                && Arrays.equals(masks, c.masks);
    }

    @Override
    public int hashCode() {
        return Arrays.hashCode(map) * 31 + kind;
    }

    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder();
        print(sb, false);
        return sb.toString();
    }
}
