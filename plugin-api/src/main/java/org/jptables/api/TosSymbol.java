package org.jptables.api;

/**
 * The RFC 1349 names libxtables knows for TOS values; a name stands for its value under mask 0x3f.
 * Shared by the tos match and the TOS target, as libxtables shares them.
 */
public enum TosSymbol {
    MINIMIZE_DELAY("Minimize-Delay", 0x10),
    MAXIMIZE_THROUGHPUT("Maximize-Throughput", 0x08),
    MAXIMIZE_RELIABILITY("Maximize-Reliability", 0x04),
    MINIMIZE_COST("Minimize-Cost", 0x02),
    NORMAL_SERVICE("Normal-Service", 0x00);

    /** The mask a symbolic name implies (libxtables' XTTYPE_TOSMASK; the tos match revision 1's default). */
    public static final int MASK = 0x3f;

    private final String text;
    private final int value;

    TosSymbol(String text, int value) {
        this.text = text;
        this.value = value;
    }

    public String text() {
        return text;
    }

    public int value() {
        return value;
    }

    /** The symbol spelled {@code word} (any case), or null. */
    public static TosSymbol named(String word) {
        for (TosSymbol s : values()) {
            if (s.text.equalsIgnoreCase(word)) {
                return s;
            }
        }
        return null;
    }

    /** The symbol -L shows for value/mask: only under mask 0x3f, else null. */
    public static TosSymbol of(int value, int mask) {
        if (mask != MASK) {
            return null;
        }
        for (TosSymbol s : values()) {
            if (s.value == value) {
                return s;
            }
        }
        return null;
    }
}
