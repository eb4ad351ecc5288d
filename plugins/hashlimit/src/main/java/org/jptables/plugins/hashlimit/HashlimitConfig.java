package org.jptables.plugins.hashlimit;

/**
 * One rule's options as the kernel receives them (struct hashlimit_cfg3 and the table name), and
 * their -L and -S texts as libxt_hashlimit revision 3 prints them.
 *
 * @param avg        the average period (millionths of a second), or a byte rate's chunk cost
 * @param burst      packets in a burst, or for byte rates how many times the bucket refills (0: never)
 * @param mode       the XT_HASHLIMIT_* bits below
 * @param size       hash buckets asked for, 0 for the kernel's default
 * @param max        entries allowed, 0 for the kernel's default
 * @param gcInterval milliseconds between garbage collections
 * @param expire     milliseconds an idle entry lives
 * @param interval   seconds of a rate-match window, 0 when not given
 * @param srcmask    prefix length the source address is grouped by
 * @param dstmask    prefix length the destination address is grouped by
 * @param name       the table's name (/proc/net/ipt_hashlimit/NAME), shared by the rules that give it
 */
record HashlimitConfig(long avg, long burst, int mode, long size, long max, long gcInterval, long expire,
                       long interval, int srcmask, int dstmask, String name) {
    static final int HASH_DIP = 1;
    static final int HASH_DPT = 1 << 1;
    static final int HASH_SIP = 1 << 2;
    static final int HASH_SPT = 1 << 3;
    static final int INVERT = 1 << 4;
    static final int BYTES = 1 << 5;
    static final int RATE_MATCH = 1 << 6;
    static final int HASH_ANY = HASH_DIP | HASH_DPT | HASH_SIP | HASH_SPT;
    static final long DEFAULT_GC_INTERVAL = 1000;

    boolean has(int bit) {
        return (mode & bit) != 0;
    }

    /** hashlimit_mt_print. */
    void print(StringBuilder out) {
        out.append(has(INVERT) ? " limit: above" : " limit: up to");
        long quantum;
        if (has(BYTES)) {
            quantum = Rates.formatBytes(avg, burst, "", out);
        } else {
            // the listing shows the period of a whole rate-match interval, the saved form does not
            quantum = Rates.formatRate(interval != 0 ? avg * interval : avg, out);
            out.append(" burst ").append(Long.toUnsignedString(burst));
        }
        if ((mode & HASH_ANY) != 0) {
            out.append(" mode");
            modes(out, '-');
        }
        tail(out, quantum, "");
        if (has(RATE_MATCH)) {
            out.append(" rate-match");
            if (interval != 1) {
                out.append(" rate-interval ").append(interval);
            }
        }
    }

    /** hashlimit_mt_save. */
    void save(StringBuilder out) {
        out.append(has(INVERT) ? " --hashlimit-above" : " --hashlimit-upto");
        long quantum;
        if (has(BYTES)) {
            quantum = Rates.formatBytes(avg, burst, "--hashlimit-", out);
        } else {
            quantum = Rates.formatRate(avg, out);
            out.append(" --hashlimit-burst ").append(Long.toUnsignedString(burst));
        }
        if ((mode & HASH_ANY) != 0) {
            out.append(" --hashlimit-mode");
            modes(out, ',');
        }
        out.append(" --hashlimit-name ").append(name);
        tail(out, quantum, "--hashlimit-");
        if (has(RATE_MATCH)) {
            out.append(" --hashlimit-rate-match");
            if (interval != 1) {
                out.append(" --hashlimit-rate-interval ").append(interval);
            }
        }
    }

    /** The table settings and masks, printed only where they differ from the defaults. */
    private void tail(StringBuilder out, long quantum, String prefix) {
        if (size != 0) {
            out.append(' ').append(prefix).append("htable-size ").append(size);
        }
        if (max != 0) {
            out.append(' ').append(prefix).append("htable-max ").append(max);
        }
        if (gcInterval != DEFAULT_GC_INTERVAL) {
            out.append(' ').append(prefix).append("htable-gcinterval ").append(gcInterval);
        }
        // compared as the C code does: the expiry as u32 against print_rate's u32 quantum
        if (expire != (quantum & Rates.U32)) {
            out.append(' ').append(prefix).append("htable-expire ").append(expire);
        }
        if (srcmask != 32) {
            out.append(' ').append(prefix).append("srcmask ").append(srcmask);
        }
        if (dstmask != 32) {
            out.append(' ').append(prefix).append("dstmask ").append(dstmask);
        }
    }

    /** print_mode: always in the order srcip, srcport, dstip, dstport. */
    private void modes(StringBuilder out, char separator) {
        out.append(' ');
        boolean previous = false;
        int[] bits = {HASH_SIP, HASH_SPT, HASH_DIP, HASH_DPT};
        String[] names = {"srcip", "srcport", "dstip", "dstport"};
        for (int i = 0; i < bits.length; i++) {
            if (has(bits[i])) {
                if (previous) {
                    out.append(separator);
                }
                out.append(names[i]);
                previous = true;
            }
        }
    }
}
