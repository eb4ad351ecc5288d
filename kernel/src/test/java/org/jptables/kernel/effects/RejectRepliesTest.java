package org.jptables.kernel.effects;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.util.HexFormat;
import org.jptables.api.Effects;
import org.jptables.kernel.host.Host;
import org.jptables.kernel.packet.Ipv4Builder;
import org.jptables.kernel.packet.PacketView;
import org.junit.jupiter.api.Test;

/** Replies compared with what the kernel sent in shared/conformance/reject-types (IP ID aside). */
class RejectRepliesTest {
    private final Host host = Host.conformance();

    private static String hex(byte[] b) {
        return HexFormat.of().formatHex(b);
    }

    /** The kernel's ICMP replies carry a random IP ID; blank it and its checksum for comparison. */
    private static String withoutId(String ipHex) {
        return ipHex.substring(0, 8) + "0000" + ipHex.substring(12, 20) + "0000" + ipHex.substring(24);
    }

    /**
     * The kernel hands the RST to the device with CHECKSUM_PARTIAL, so the recorded frame holds only
     * the pseudo-header sum; ours is complete. Compare the rest, and check ours verifies.
     */
    private static String withoutTcpChecksum(String ipHex) {
        return ipHex.substring(0, 72) + "0000" + ipHex.substring(76);
    }

    private static void assertTcpChecksumValid(byte[] ip) {
        int pseudo = org.jptables.kernel.packet.Checksums.sum(ip, 12, 8, 0) + 6 + (ip.length - 20);
        assertEquals(0xFFFF, org.jptables.kernel.packet.Checksums.sum(ip, 20, ip.length - 20, pseudo));
    }

    @Test
    void portUnreachableForALocalSyn() {
        byte[] syn = new Ipv4Builder().source("203.0.113.30").destination("198.18.0.1").sourcePort(40003)
                .destinationPort(3).sequence(42).build();
        byte[] reply = RejectReplies.reply(new PacketView().wrap(syn), 3, host);
        String kernel = "45c000447657000040010170c6120001cb00711e0303ff490000000045000028123400004006666acb00711ec6120001"
                + "9c4300030000002a000000005002faf0164f0000";
        assertEquals(withoutId(kernel), withoutId(hex(reply)));
    }

    @Test
    void anAnswerTheRateLimitHoldsBackIsNotMadeButResetsAreNeverHeld() {
        byte[] syn = new Ipv4Builder().source("203.0.113.30").destination("198.18.0.1").sourcePort(40003)
                .destinationPort(3).sequence(42).build();
        PacketView p = new PacketView().wrap(syn);
        IcmpRateLimit limit = new IcmpRateLimit();
        for (int i = 0; i < 6; i++) {
            assertEquals(68, RejectReplies.reply(p, 3, host, true, limit, 1_000).length, "answer " + i + " of the burst");
        }
        assertNull(RejectReplies.reply(p, 3, host, true, limit, 1_000));
        assertEquals(1, limit.held());
        assertEquals(40, RejectReplies.reply(p, Effects.TCP_RESET, host, true, limit, 1_000).length);
        assertEquals(1, limit.held(), "a reset is not an ICMP error");
    }

    @Test
    void resetAnswersASynWithRstAck() {
        byte[] syn = new Ipv4Builder().source("203.0.113.30").destination("198.18.0.1").sourcePort(40008)
                .destinationPort(8).sequence(42).build();
        byte[] reply = RejectReplies.reply(new PacketView().wrap(syn), Effects.TCP_RESET, host);
        assertEquals(withoutTcpChecksum("45000028000040004006389ec6120001cb00711e00089c48000000000000002b50140000024d0000"),
                withoutTcpChecksum(hex(reply)));
        assertTcpChecksumValid(reply);
    }

    @Test
    void resetAnswersAnAckWithItsAcknowledgementNumber() {
        byte[] ack = new Ipv4Builder().source("203.0.113.30").destination("198.18.0.1").sourcePort(40009)
                .destinationPort(8).tcpFlags(Ipv4Builder.ACK).sequence(42).acknowledgement(77).build();
        byte[] reply = RejectReplies.reply(new PacketView().wrap(ack), Effects.TCP_RESET, host);
        assertEquals(withoutTcpChecksum("45000028000040004006389ec6120001cb00711e00089c490000004d0000000050040000024d0000"),
                withoutTcpChecksum(hex(reply)));
        assertTcpChecksumValid(reply);
    }

    @Test
    void noReplyToAnIcmpErrorOrARst() {
        byte[] error = new Ipv4Builder().protocol(Ipv4Builder.ICMP).source("203.0.113.30").destination("198.18.0.1")
                .icmpType(3).icmpCode(1).build();
        assertNull(RejectReplies.reply(new PacketView().wrap(error), 3, host));
        byte[] rst = new Ipv4Builder().source("203.0.113.30").destination("198.18.0.1").tcpFlags(Ipv4Builder.RST).build();
        assertNull(RejectReplies.reply(new PacketView().wrap(rst), Effects.TCP_RESET, host));
    }
}
