package org.jptables.kernel.conntrack;

import org.jptables.api.ConntrackHelpers;
import org.jptables.kernel.packet.PacketView;

/**
 * The FTP helper (nf_conntrack_ftp's help()), run on every packet of a connection that has it as
 * the packet leaves the last hook. Once traffic went both ways it reads each segment that starts a
 * line ({@link FtpLines}) for a PORT or EPRT command (client to server) or a 227 or 229 reply
 * (server to client) and expects the data connection they announce:
 * <ul>
 *   <li>PORT/EPRT: from the server's address, any port, to the address and port named;</li>
 *   <li>227/229: from the client's address, any port, to the address (229: the server's) and port
 *       named.</li>
 * </ul>
 * An address other than the sender's is not expected (the module's {@code loose=0}). A command
 * cut short or malformed drops the segment, logged as the kernel logs it; so does an expectation
 * the table refuses. At most one expectation per connection, living five minutes (ftp_exp_policy).
 */
final class FtpHelper {
    static final int MAX_EXPECTED = 1;
    static final int TIMEOUT = 5 * 60;

    private final ConntrackTable table;
    private final FtpCommands commands = new FtpCommands();
    private final int[] found = new int[FtpCommands.RESULT_SIZE];
    private final FtpNat nat;
    /** Whether the last packet helped was rewritten by the NAT helper. */
    private boolean rewrote;

    FtpHelper(ConntrackTable table) {
        this.table = table;
        this.nat = new FtpNat(table);
    }

    /** Whether the NAT helper rewrote the last packet {@link #help} saw (its TCP checksum may be a partial one). */
    boolean rewrote() {
        return rewrote;
    }

    /**
     * help() for the packet of entry {@code e} with conntrack info {@code info}, its transport
     * header at {@code l4} and {@code len} bytes in all; {@code local}: delivered to this host.
     * False: drop the packet.
     */
    boolean help(PacketView p, int e, int info, int l4, int len, boolean local) {
        rewrote = false;
        if (info != ConntrackInfo.ESTABLISHED && info != ConntrackInfo.ESTABLISHED + ConntrackInfo.IS_REPLY) {
            return true; // until there has been traffic both ways, nothing is read
        }
        if (len - l4 < 20) {
            return true;
        }
        int dataOffset = l4 + (p.u8(l4 + 12) >> 4) * 4;
        if (dataOffset >= len) {
            return true;
        }
        int dataLength = len - dataOffset;
        int dir = info == ConntrackInfo.ESTABLISHED ? 0 : 1;
        byte[] b = p.bytes();
        int data = p.offset() + dataOffset;
        boolean endsLine = b[data + dataLength - 1] == '\n';
        int seq = (int) p.u32(l4 + 4);
        int seqAfter = seq + dataLength;
        boolean accept = true;
        if (table.ftp.startsLine(e, dir, seq)) {
            int sender = dir == 0 ? table.origSrc[e] : table.replySrc[e];
            int r = commands.find(b, data, dataLength, dir, sender, found);
            if (r == FtpCommands.PARTIAL) {
                HelperLog.dropping(p, ConntrackHelpers.name(ConntrackHelpers.FTP),
                        "partial matching of `" + FtpCommands.patternName(found[FtpCommands.KIND]) + "'");
                return false; // the line bookkeeping is left as it was
            }
            if (r == FtpCommands.FOUND && found[FtpCommands.ADDRESS] == sender) {
                // a rewrite by the NAT helper changes the length, but the helper counts in the
                // sender's sequence space (seqadj shifts the numbers after it): seqAfter stands
                accept = expect(p, e, dir, l4, dataOffset, local);
            }
        }
        if (endsLine) {
            table.ftp.lineEndsBefore(e, dir, seqAfter);
        }
        return accept;
    }

    /** The expectation of the data connection, from the other side to the address named. */
    private boolean expect(PacketView p, int e, int dir, int l4, int dataOffset, boolean local) {
        int from = dir == 0 ? table.replySrc[e] : table.origSrc[e];
        int to = dir == 0 ? table.replyDst[e] : table.origDst[e];
        int port = found[FtpCommands.PORT_NUMBER];
        if ((table.status[e] & (EntryStatus.SRC_NAT | EntryStatus.DST_NAT)) != 0) {
            rewrote = nat.rewrite(p, e, dir, l4, dataOffset, found, from, to, port, local);
            return rewrote;
        }
        int r = table.expectations.expect(e, from, -1, to, 0, 0, port, TcpTracker.PROTOCOL, MAX_EXPECTED, TIMEOUT);
        if (r != ExpectationTable.OK) {
            HelperLog.dropping(p, ConntrackHelpers.name(ConntrackHelpers.FTP), "cannot add expectation");
            return false;
        }
        return true;
    }
}
