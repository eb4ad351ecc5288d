package org.jptables.api;

/**
 * What a target tells the evaluation loop, as plain ints so that the per-packet path allocates
 * nothing. The values mirror the kernel's NF_DROP, NF_ACCEPT and the x_tables pseudo-verdicts.
 */
public final class Verdict {
    /** Stop traversal; the packet is dropped (NF_DROP). */
    public static final int DROP = 0;
    /** Stop traversal of this table; the packet goes on to the next hook (NF_ACCEPT). */
    public static final int ACCEPT = 1;
    /** Hand the packet to userspace (NF_QUEUE); treated as a terminal verdict. */
    public static final int QUEUE = 3;
    /** Go on with the next rule (XT_CONTINUE): LOG, MARK and other non-terminating targets. */
    public static final int CONTINUE = -1;
    /** Return to the calling chain, or apply the policy in a built-in chain (XT_RETURN). */
    public static final int RETURN = -2;

    private Verdict() {
    }

    /** The name iptables uses for a verdict, for traces and summaries. */
    public static String name(int verdict) {
        return switch (verdict) {
            case DROP -> "DROP";
            case ACCEPT -> "ACCEPT";
            case QUEUE -> "QUEUE";
            case CONTINUE -> "CONTINUE";
            case RETURN -> "RETURN";
            default -> "VERDICT(" + verdict + ")";
        };
    }
}
