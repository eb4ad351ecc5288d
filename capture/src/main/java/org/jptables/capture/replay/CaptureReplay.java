package org.jptables.capture.replay;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import org.jptables.capture.CaptureReader;
import org.jptables.capture.CaptureRecord;
import org.jptables.capture.PcapWriter;
import org.jptables.kernel.host.Host;
import org.jptables.kernel.packet.Checksums;
import org.jptables.kernel.path.PacketPath;
import org.jptables.kernel.effects.NflogRecord;
import org.jptables.kernel.path.PacketResult;

/**
 * Replays a capture through the packet path as the capture's host saw it: a frame from one of the
 * host's addresses is a packet the host sends; any other frame arrives on the capture's interface
 * (pcapng's if_name, SLL2's interface index, else the host's first Ethernet interface), to be
 * delivered or forwarded.
 *
 * <p>Checksums are checked as Linux checks them: an arriving packet whose IPv4 header checksum is
 * wrong is dropped by ip_rcv before any hook (counted apart), and connection tracking finds a bad
 * TCP, UDP or ICMP checksum on an arriving packet INVALID (nf_conntrack_checksum, in the tracker's
 * configuration). Packets the host sends are never checked, as in the kernel. Captures taken where
 * checksums are offloaded to the network card carry unfinished checksums: replay them with the
 * checks off ({@link #checkIpHeaders(boolean)} and the tracker's {@code checksum} setting).
 */
public final class CaptureReplay {
    private final PacketPath path;
    private final Host host;
    private final ReplaySummary summary = new ReplaySummary();
    private PacketResult result;
    private String firstEthernet;
    private final PcapWriter accepted;
    private final PcapWriter dropped;
    private final PcapWriter emitted;
    private final PcapWriter nflog;
    private final PrintStream log;
    private byte[] packet = new byte[65536];
    private boolean checkIpHeaders = true;

    public CaptureReplay(PacketPath path, Host host, PcapWriter accepted, PcapWriter dropped, PcapWriter emitted,
                         PrintStream log) {
        this(path, host, accepted, dropped, emitted, log, null);
    }

    /** As above; {@code nflog}, a file of link type NFLOG, gets NFLOG's copies of the packets. */
    public CaptureReplay(PacketPath path, Host host, PcapWriter accepted, PcapWriter dropped, PcapWriter emitted,
                         PrintStream log, PcapWriter nflog) {
        this.path = path;
        this.nflog = nflog;
        this.host = host;
        this.accepted = accepted;
        this.dropped = dropped;
        this.emitted = emitted;
        this.log = log;
        this.result = emitted != null || log != null || nflog != null ? new PacketResult() : null;
    }

    /** Whether an arriving packet with a wrong IPv4 header checksum is dropped before the hooks (default yes). */
    public CaptureReplay checkIpHeaders(boolean check) {
        this.checkIpHeaders = check;
        return this;
    }

    public ReplaySummary summary() {
        return summary;
    }

    /**
     * Keeps every packet's report ({@link #result()}: verdict, rules, policies, trace) even without
     * pcaps of answers or a log, for callers that look at each packet (fleet's diff).
     */
    public CaptureReplay report() {
        if (result == null) {
            result = new PacketResult();
        }
        return this;
    }

    /** The last packet's report, or null when nobody asked for reports. */
    public PacketResult result() {
        return result;
    }

    /** Replays every frame; a broken capture throws after the frames before it were counted. */
    public void replay(Path capture, Progress progress) throws IOException {
        try (CaptureReader reader = CaptureReader.open(capture)) {
            replay(reader, progress);
        }
    }

    /**
     * Replays every frame of {@code reader} (which the caller closes). Called once per capture of a
     * host's rotated series, the kernel's state (connections, NAT bindings) carries from one file to
     * the next, as it did on the host.
     */
    public void replay(CaptureReader reader, Progress progress) throws IOException {
        CaptureRecord r = new CaptureRecord();
        while (reader.next(r)) {
            process(r);
            if (progress != null) {
                progress.advance(reader, r);
            }
        }
    }

    /**
     * One frame through the packet path (a copy of its bytes: the record stays as captured, so
     * another replay may take the same frame); returns the verdict, or null for a frame that is not
     * IPv4 and passed through untouched.
     */
    public String process(CaptureRecord r) throws IOException {
        if (firstEthernet == null) {
            firstEthernet = firstEthernet();
        }
        if (r.etherType != 0x0800 || r.length - r.network < 20) {
            summary.passedThrough(r.length);
            return null;
        }
        int length = r.length - r.network;
        if (packet.length < length) {
            packet = new byte[length];
        }
        System.arraycopy(r.data, r.network, packet, 0, length);
        int src = ((packet[12] & 0xFF) << 24) | ((packet[13] & 0xFF) << 16) | ((packet[14] & 0xFF) << 8) | (packet[15] & 0xFF);
        boolean sent = host.isLocal(src);
        if (sent && isAnswer(packet, length)) {
            summary.hostAnswer();
        }
        String verdict;
        if (!sent && checkIpHeaders && !ipHeaderChecksumOk(packet, length)) {
            verdict = "DROP";
            summary.badIpChecksum();
            if (result != null) {
                result.clear();
                result.verdict = verdict;
            }
        } else {
            verdict = path.process(packet, length, sent ? "host" : interfaceOf(r, firstEthernet), r.timeNanos,
                    result);
        }
        summary.count(verdict, src, length);
        PcapWriter w = verdict.equals("ACCEPT") ? accepted : dropped;
        if (w != null) {
            w.write(r.timeNanos, r.data, 0, r.length);
        }
        if (result != null) {
            if (emitted != null) {
                for (PacketResult.Emitted e : result.emitted) {
                    emitted.write(r.timeNanos, e.frame(), 0, e.frame().length);
                }
            }
            if (log != null) {
                result.log.forEach(log::println);
            }
            if (nflog != null) {
                for (NflogRecord n : result.nflog) {
                    nflog.write(n.timeNanos(), n.bytes(), 0, n.bytes().length);
                }
            }
        }
        return verdict;
    }

    /** ip_rcv's check: the header (IHL words) sums to 0xFFFF; a header longer than the packet fails too. */
    static boolean ipHeaderChecksumOk(byte[] ip, int length) {
        int ihl = (ip[0] & 0x0F) * 4;
        if (ihl < 20 || ihl > length) {
            return false;
        }
        return Checksums.sum(ip, 0, ihl, 0) == 0xFFFF;
    }

    /**
     * A TCP reset or an ICMP error: what REJECT and the IP layer send of their own accord, which the
     * packet path makes again unless the host is quiet.
     */
    static boolean isAnswer(byte[] ip, int length) {
        int ihl = (ip[0] & 0x0F) * 4;
        boolean firstFragment = (((ip[6] & 0x1F) << 8) | (ip[7] & 0xFF)) == 0;
        if (!firstFragment || length < ihl + 14) {
            return false;
        }
        return switch (ip[9]) {
            case 6 -> (ip[ihl + 13] & 0x04) != 0;
            case 1 -> switch (ip[ihl] & 0xFF) {
                case 3, 4, 5, 11, 12 -> true;
                default -> false;
            };
            default -> false;
        };
    }

    private String interfaceOf(CaptureRecord r, String fallback) {
        if (r.interfaceName != null && host.indexOf(r.interfaceName) >= 0) {
            return r.interfaceName;
        }
        if (r.interfaceIndex > 0) {
            for (int i = 0; i < host.interfaceCount(); i++) {
                if (host.interfaceIndex(i) == r.interfaceIndex) {
                    return host.name(i);
                }
            }
        }
        return fallback;
    }

    private String firstEthernet() {
        for (int i = 0; i < host.interfaceCount(); i++) {
            if (host.mac(i) != 0) {
                return host.name(i);
            }
        }
        return host.name(0);
    }

    /** Told after each frame, for a progress bar. */
    public interface Progress {
        void advance(CaptureReader reader, CaptureRecord record);
    }
}
