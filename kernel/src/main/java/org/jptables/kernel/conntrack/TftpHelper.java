package org.jptables.kernel.conntrack;

import org.jptables.api.ConntrackHelpers;
import org.jptables.kernel.packet.PacketView;

/**
 * The TFTP helper (nf_conntrack_tftp's tftp_help()), run on every packet of a connection that has
 * it as the packet leaves the last hook, from the first one on: a read or write request (opcode 1
 * or 2) expects the transfer, which the server sends from a port of its own, so the expectation is
 * the connection's reply tuple with any source port. At most one per connection, living five
 * minutes (tftp_exp_policy); a request whose expectation the table refuses is dropped. Through
 * NAT (nf_nat_tftp) the transfer follows the request's NAT back to the client's own port.
 */
final class TftpHelper {
    static final int MAX_EXPECTED = 1;
    static final int TIMEOUT = 5 * 60;
    private static final int READ_REQUEST = 1;
    private static final int WRITE_REQUEST = 2;

    private final ConntrackTable table;

    TftpHelper(ConntrackTable table) {
        this.table = table;
    }

    /** tftp_help for the packet of entry {@code e}, its transport header at {@code l4}. False: drop it. */
    boolean help(PacketView p, int e, int l4, int len) {
        // the opcode follows a UDP header; the kernel reads it wherever l4 is (also in an ICMP error)
        if (len - (l4 + 8) < 2) {
            return true;
        }
        int opcode = p.u16(l4 + 8);
        if (opcode != READ_REQUEST && opcode != WRITE_REQUEST) {
            return true;
        }
        // nf_nat_tftp: through NAT the transfer follows the request's NAT back to the client's port
        boolean natted = (table.status[e] & (EntryStatus.SRC_NAT | EntryStatus.DST_NAT)) != 0;
        int r = table.expectations.expect(e, table.replySrc[e], -1, table.replyDst[e], 0, 0, table.replyDport[e],
                UdpTracker.PROTOCOL, MAX_EXPECTED, TIMEOUT, natted ? table.origSport[e] : 0, natted ? 1 : -1);
        if (r != ExpectationTable.OK) {
            HelperLog.dropping(p, ConntrackHelpers.name(ConntrackHelpers.TFTP), "cannot add expectation");
            return false;
        }
        return true;
    }
}
