package org.jptables.kernel.path;

/**
 * ip_options_compile's checks on a received packet's IPv4 options, after PREROUTING and routing:
 * an option whose length is under 2 or runs past the header, or a record-route option with a bad
 * pointer, makes the host answer with a parameter problem pointing at the offending byte and drop
 * the packet; source routing (LSRR, SSRR) is dropped silently (accept_source_route is off). Bytes
 * after an end-of-options are made zero, as the kernel rewrites them.
 */
final class IpOptions {
    /** The options are acceptable. */
    static final int OK = -1;
    /** Source-routed: dropped without an answer. */
    static final int SOURCE_ROUTED = -2;

    private static final int END = 0;
    private static final int NOP = 1;
    private static final int RR = 7;
    private static final int LSRR = 131;
    private static final int SSRR = 137;

    private IpOptions() {
    }

    /**
     * Checks the options of the IPv4 header at {@code ip}: {@link #OK}, {@link #SOURCE_ROUTED}, or
     * the offset (from the IP header) of the byte a parameter problem points at.
     */
    static int check(byte[] b, int ip) {
        int end = ip + (b[ip] & 0x0F) * 4;
        int at = ip + 20;
        boolean sourceRouted = false;
        while (at < end) {
            int type = b[at] & 0xFF;
            if (type == END) {
                for (int i = at + 1; i < end; i++) {
                    b[i] = 0;
                }
                break;
            }
            if (type == NOP) {
                at++;
                continue;
            }
            int left = end - at;
            if (left < 2) {
                return at - ip;
            }
            int length = b[at + 1] & 0xFF;
            if (length < 2 || length > left) {
                return at - ip;
            }
            if (type == RR) {
                if (length < 3) {
                    return at + 1 - ip;
                }
                int pointer = b[at + 2] & 0xFF;
                if (pointer < 4 || (pointer <= length && pointer + 3 > length)) {
                    return at + 2 - ip;
                }
            } else if (type == LSRR || type == SSRR) {
                sourceRouted = true;
            }
            at += length;
        }
        return sourceRouted ? SOURCE_ROUTED : OK;
    }
}
