package org.jptables.plugins.synproxy;

/**
 * A rule's options, as struct xt_synproxy_info holds them.
 *
 * @param options the {@link SynproxyOptions} bits given
 * @param wscale  {@code --wscale}, 0..255
 * @param mss     {@code --mss}, 0..65535
 */
record SynproxyInfo(int options, int wscale, int mss) {
    boolean has(int option) {
        return (options & option) != 0;
    }

    /** libxt_SYNPROXY's print, each with a trailing space. */
    void print(StringBuilder out) {
        out.append(" SYNPROXY ");
        if (has(SynproxyOptions.SACK_PERM)) {
            out.append("sack-perm ");
        }
        if (has(SynproxyOptions.TIMESTAMP)) {
            out.append("timestamp ");
        }
        if (has(SynproxyOptions.WSCALE)) {
            out.append("wscale ").append(wscale).append(' ');
        }
        if (has(SynproxyOptions.MSS)) {
            out.append("mss ").append(mss).append(' ');
        }
        if (has(SynproxyOptions.ECN)) {
            out.append("ecn ");
        }
    }

    /** libxt_SYNPROXY's save: the options in the structure's order, whatever the command line's. */
    void save(StringBuilder out) {
        if (has(SynproxyOptions.SACK_PERM)) {
            out.append(" --sack-perm");
        }
        if (has(SynproxyOptions.TIMESTAMP)) {
            out.append(" --timestamp");
        }
        if (has(SynproxyOptions.WSCALE)) {
            out.append(" --wscale ").append(wscale);
        }
        if (has(SynproxyOptions.MSS)) {
            out.append(" --mss ").append(mss);
        }
        if (has(SynproxyOptions.ECN)) {
            out.append(" --ecn");
        }
    }
}
