package org.jptables.plugins.synproxy;

import org.jptables.api.Effects;
import org.jptables.api.ListingFormat;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;
import org.jptables.api.Target;
import org.jptables.api.Verdict;

/**
 * synproxy_tg4. A client's SYN (no ACK, FIN or RST) is answered in the server's place with a
 * SYN-ACK whose sequence number is a SYN cookie, and consumed. A client's ACK (no SYN, FIN or RST)
 * whose acknowledgement returns a valid cookie makes the host open the connection to the server
 * with a SYN of the client's sequence number and the options the cookie kept, and is consumed; an
 * ACK without a valid cookie is dropped. Any other segment goes on with the next rule. A segment
 * whose TCP checksum is wrong, or whose options are cut off, is dropped (nf_ip_checksum, and
 * synproxy_parse_options failing).
 *
 * <p>The SYN-ACK carries the client's packet's connection when it has one (in the classic setup
 * the raw table untracks SYNs, so it has none and conntrack finds the SYN-ACK INVALID); the
 * server's SYN leaves with SYNPROXY's template, as a new connection from the client to the server
 * that the kernel's synproxy hook then follows (the server's SYN-ACK answered, the sequence numbers
 * and timestamps adjusted from then on).
 */
final class SynproxyTarget implements Target {
    private static final int FIN = 0x01;
    private static final int SYN = 0x02;
    private static final int RST = 0x04;
    private static final int ACK = 0x10;
    private static final int ECE = 0x40;
    private static final int CWR = 0x80;
    private static final long NANOS_PER_MILLI = 1_000_000L;

    private final SynproxyInfo info;
    private final SynCookies cookies;

    SynproxyTarget(SynproxyInfo info, SynCookies cookies) {
        this.info = info;
        this.cookies = cookies;
    }

    SynproxyInfo info() {
        return info;
    }

    @Override
    public int apply(Packet p) {
        int th = p.transportOffset();
        if (!TcpSegments.checksumValid(p, th)) {
            return Verdict.DROP;
        }
        long opts = SynproxyOptions.parse(p, th);
        if (opts == SynproxyOptions.UNREADABLE) {
            return Verdict.DROP;
        }
        int flags = p.u8(th + 13);
        if ((flags & SYN) != 0 && (flags & (ACK | FIN | RST)) == 0) {
            answerSyn(p, th, flags, opts);
            return Verdict.DROP;
        }
        if ((flags & ACK) != 0 && (flags & (FIN | RST | SYN)) == 0) {
            // valid or not, the ACK goes no further: a valid one was answered by the SYN to the server
            receiveAck(p, th, opts);
            return Verdict.DROP;
        }
        return Verdict.CONTINUE;
    }

    /** The initial SYN from the client: the SYN-ACK with the cookie (synproxy_send_client_synack). */
    private void answerSyn(Packet p, int th, int flags, long opts) {
        int bits = SynproxyOptions.bits(opts);
        if ((flags & (ECE | CWR)) == (ECE | CWR)) {
            bits |= SynproxyOptions.ECN;
        }
        bits &= info.options();
        int clientMss = SynproxyOptions.mss(opts);
        int wscale = 0;
        int tsval = 0;
        int tsecr = 0;
        if ((bits & SynproxyOptions.TIMESTAMP) != 0) {
            // synproxy_init_timestamp_cookie: the options the cookie cannot hold ride in TSval's low bits
            tsecr = (int) p.u32(SynproxyOptions.timestampAt(opts));
            tsval = (int) Long.divideUnsigned(p.timeNanos(), NANOS_PER_MILLI) & ~0x3f;
            if ((bits & SynproxyOptions.WSCALE) != 0) {
                tsval |= SynproxyOptions.wscale(opts);
                wscale = info.wscale();
            } else {
                tsval |= 0xf;
            }
            if ((bits & SynproxyOptions.SACK_PERM) != 0) {
                tsval |= 1 << 4;
            }
            if ((bits & SynproxyOptions.ECN) != 0) {
                tsval |= 1 << 5;
            }
        } else {
            bits &= ~(SynproxyOptions.WSCALE | SynproxyOptions.SACK_PERM | SynproxyOptions.ECN);
        }
        int saddr = p.source();
        int daddr = p.destination();
        int sport = p.u16(th);
        int dport = p.u16(th + 2);
        int seq = (int) p.u32(th + 4);
        int cookie = cookies.make(saddr, daddr, sport, dport, seq, clientMss, SynCookies.minute(p.timeNanos()));
        int synAckFlags = SYN | ACK | ((bits & SynproxyOptions.ECN) != 0 ? ECE : 0);
        TcpSegments.send(p, Effects.HOST_PACKET_OWN_CONNECTION, daddr, saddr, dport, sport, cookie, seq + 1, synAckFlags, 0,
                bits, info.mss(), wscale, tsval, tsecr);
    }

    /**
     * synproxy_recv_client_ack: the cookie is the acknowledgement less one; a valid one gives the
     * MSS, and the client's timestamp echo gives back the options of its SYN.
     */
    private void receiveAck(Packet p, int th, long opts) {
        int saddr = p.source();
        int daddr = p.destination();
        int sport = p.u16(th);
        int dport = p.u16(th + 2);
        int seq = (int) p.u32(th + 4);
        int ack = (int) p.u32(th + 8);
        int mss = cookies.check(saddr, daddr, sport, dport, seq, ack - 1, SynCookies.minute(p.timeNanos()));
        if (mss == 0) {
            return;
        }
        int bits = SynproxyOptions.bits(opts) | SynproxyOptions.MSS;
        int wscale = SynproxyOptions.wscale(opts);
        int tsval = 0;
        int tsecr = 0;
        if ((bits & SynproxyOptions.TIMESTAMP) != 0) {
            int at = SynproxyOptions.timestampAt(opts);
            tsval = (int) p.u32(at);
            tsecr = (int) p.u32(at + 4);
            // synproxy_check_timestamp_cookie
            wscale = tsecr & 0xf;
            if (wscale != 0xf) {
                bits |= SynproxyOptions.WSCALE;
            }
            bits |= (tsecr & 1 << 4) != 0 ? SynproxyOptions.SACK_PERM : 0;
            bits |= (tsecr & 1 << 5) != 0 ? SynproxyOptions.ECN : 0;
        }
        // synproxy_send_server_syn: the client's ISN, and the cookie in the acknowledgement field
        // (where the kernel relays its ISN to the synproxy hook)
        int synFlags = SYN | ((bits & SynproxyOptions.ECN) != 0 ? ECE | CWR : 0);
        TcpSegments.send(p, Effects.HOST_PACKET_SYNPROXY, saddr, daddr, sport, dport, seq - 1, ack - 1, synFlags, p.u16(th + 14),
                bits, mss, wscale, tsval, tsecr);
    }

    @Override
    public boolean needsConnectionTracking() {
        // synproxy_tg4_check: nf_ct_netns_get
        return true;
    }

    /**
     * The answers depend on the packet and its time alone; what they start (the server's SYN's
     * connection) belongs to the client's connection.
     */
    @Override
    public StateScope stateScope() {
        return StateScope.CONNECTION;
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        info.print(out);
    }

    @Override
    public void save(StringBuilder out) {
        info.save(out);
    }
}
