package org.jptables.kernel.conntrack;

/**
 * The connection tracker's settings, as the {@code net.netfilter.nf_conntrack_*} sysctls of a
 * Linux 6.x kernel. Timeouts are in seconds.
 *
 * @param maxEntries        nf_conntrack_max: entries the table holds (0: no limit)
 * @param tcpSynSent        nf_conntrack_tcp_timeout_syn_sent
 * @param tcpSynRecv        nf_conntrack_tcp_timeout_syn_recv
 * @param tcpEstablished    nf_conntrack_tcp_timeout_established
 * @param tcpFinWait        nf_conntrack_tcp_timeout_fin_wait
 * @param tcpCloseWait      nf_conntrack_tcp_timeout_close_wait
 * @param tcpLastAck        nf_conntrack_tcp_timeout_last_ack
 * @param tcpTimeWait       nf_conntrack_tcp_timeout_time_wait
 * @param tcpClose          nf_conntrack_tcp_timeout_close
 * @param tcpSynSent2       the SYN_SENT2 (simultaneous open) timeout
 * @param tcpMaxRetransTimeout nf_conntrack_tcp_timeout_max_retrans
 * @param tcpUnacknowledged nf_conntrack_tcp_timeout_unacknowledged
 * @param udp               nf_conntrack_udp_timeout
 * @param udpStream         nf_conntrack_udp_timeout_stream
 * @param icmp              nf_conntrack_icmp_timeout
 * @param generic           nf_conntrack_generic_timeout
 * @param tcpLoose          nf_conntrack_tcp_loose: pick up connections from a lone ACK
 * @param tcpBeLiberal      nf_conntrack_tcp_be_liberal: only out-of-window RSTs are INVALID
 * @param tcpMaxRetrans     nf_conntrack_tcp_max_retrans: retransmissions before the shorter timeout
 * @param checksum          nf_conntrack_checksum: verify checksums of packets arriving (PREROUTING)
 */
public record ConntrackConfig(
        int maxEntries,
        int tcpSynSent,
        int tcpSynRecv,
        int tcpEstablished,
        int tcpFinWait,
        int tcpCloseWait,
        int tcpLastAck,
        int tcpTimeWait,
        int tcpClose,
        int tcpSynSent2,
        int tcpMaxRetransTimeout,
        int tcpUnacknowledged,
        int udp,
        int udpStream,
        int icmp,
        int generic,
        boolean tcpLoose,
        boolean tcpBeLiberal,
        int tcpMaxRetrans,
        boolean checksum) {

    /** nf_conntrack_max's usual default. */
    public static final int DEFAULT_MAX = 262144;

    public ConntrackConfig {
        if (maxEntries < 0) {
            throw new IllegalArgumentException("maxEntries must be >= 0: " + maxEntries);
        }
        int[] all = {tcpSynSent, tcpSynRecv, tcpEstablished, tcpFinWait, tcpCloseWait, tcpLastAck, tcpTimeWait,
                tcpClose, tcpSynSent2, tcpMaxRetransTimeout, tcpUnacknowledged, udp, udpStream, icmp, generic};
        for (int t : all) {
            if (t < 0) {
                throw new IllegalArgumentException("timeouts must be >= 0");
            }
        }
    }

    /** The kernel's defaults. */
    public static ConntrackConfig defaults() {
        return new ConntrackConfig(DEFAULT_MAX, 120, 60, 432000, 120, 60, 30, 120, 10, 120, 300, 300, 30, 120, 30,
                600, true, false, 3, true);
    }

    public ConntrackConfig withMaxEntries(int max) {
        return new ConntrackConfig(max, tcpSynSent, tcpSynRecv, tcpEstablished, tcpFinWait, tcpCloseWait, tcpLastAck,
                tcpTimeWait, tcpClose, tcpSynSent2, tcpMaxRetransTimeout, tcpUnacknowledged, udp, udpStream, icmp,
                generic, tcpLoose, tcpBeLiberal, tcpMaxRetrans, checksum);
    }

    public ConntrackConfig withTcpLoose(boolean loose) {
        return new ConntrackConfig(maxEntries, tcpSynSent, tcpSynRecv, tcpEstablished, tcpFinWait, tcpCloseWait,
                tcpLastAck, tcpTimeWait, tcpClose, tcpSynSent2, tcpMaxRetransTimeout, tcpUnacknowledged, udp,
                udpStream, icmp, generic, loose, tcpBeLiberal, tcpMaxRetrans, checksum);
    }

    public ConntrackConfig withTcpBeLiberal(boolean liberal) {
        return new ConntrackConfig(maxEntries, tcpSynSent, tcpSynRecv, tcpEstablished, tcpFinWait, tcpCloseWait,
                tcpLastAck, tcpTimeWait, tcpClose, tcpSynSent2, tcpMaxRetransTimeout, tcpUnacknowledged, udp,
                udpStream, icmp, generic, tcpLoose, liberal, tcpMaxRetrans, checksum);
    }

    public ConntrackConfig withChecksum(boolean verify) {
        return new ConntrackConfig(maxEntries, tcpSynSent, tcpSynRecv, tcpEstablished, tcpFinWait, tcpCloseWait,
                tcpLastAck, tcpTimeWait, tcpClose, tcpSynSent2, tcpMaxRetransTimeout, tcpUnacknowledged, udp,
                udpStream, icmp, generic, tcpLoose, tcpBeLiberal, tcpMaxRetrans, verify);
    }

    /** The TCP timeouts indexed by the tracker's TCP state numbers (NONE..SYN_SENT2, then RETRANS=12, UNACK=13). */
    int[] tcpTimeoutTable() {
        return new int[] {tcpSynSent, tcpSynSent, tcpSynRecv, tcpEstablished, tcpFinWait, tcpCloseWait, tcpLastAck,
                tcpTimeWait, tcpClose, tcpSynSent2, 0, 0, tcpMaxRetransTimeout, tcpUnacknowledged};
    }
}
