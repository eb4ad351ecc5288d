package org.jptables.kernel.path;

import java.util.ArrayList;
import java.util.List;
import org.jptables.api.Hook;
import org.jptables.kernel.packet.PacketView;

/**
 * The copies TEE asked for while a table handled a packet, as nf_dup_ipv4 makes them: the bytes
 * copied at the moment the rule ran, DF set, the TTL one less at PREROUTING and INPUT (against
 * loops between two hosts), the header checksum made anew; the mark, priority and trace flag go
 * with the copy as pskb_copy keeps them. The path sends them once the table is done with the
 * packet, as it does REJECT's answers (the kernel sends each at once, from inside the table: only
 * LOG lines of later rules of that same table come before the copy's instead of after).
 */
final class PacketDuplicates {
    /** One copy waiting to leave: its bytes, where it goes, and what pskb_copy kept of the packet. */
    record Copy(byte[] ip, int gateway, String device, int mark, int priority, boolean traced) {
    }

    private final List<Copy> pending = new ArrayList<>(2);

    boolean isEmpty() {
        return pending.isEmpty();
    }

    /** Copies {@code packet} as it is now, for {@code gateway} (by {@code device} when not null). */
    void add(PacketView packet, int gateway, String device) {
        byte[] ip = new byte[packet.length()];
        System.arraycopy(packet.bytes(), packet.offset(), ip, 0, ip.length);
        ip[6] |= 0x40;
        if (packet.hook() == Hook.PREROUTING || packet.hook() == Hook.INPUT) {
            ip[8]--;
        }
        headerChecksum(ip);
        pending.add(new Copy(ip, gateway, device, packet.mark(), (int) packet.priority(), packet.traced()));
    }

    /** The copies in the order they were made; the list is empty afterwards. */
    Copy[] take() {
        Copy[] copies = pending.toArray(new Copy[0]);
        pending.clear();
        return copies;
    }

    /** ip_send_check: the IPv4 header checksum over the whole header. */
    private static void headerChecksum(byte[] ip) {
        int headerLength = (ip[0] & 0x0F) * 4;
        ip[10] = 0;
        ip[11] = 0;
        int sum = 0;
        for (int i = 0; i + 1 < headerLength; i += 2) {
            sum += ((ip[i] & 0xFF) << 8) | (ip[i + 1] & 0xFF);
        }
        while ((sum >>> 16) != 0) {
            sum = (sum & 0xFFFF) + (sum >>> 16);
        }
        int checksum = ~sum & 0xFFFF;
        ip[10] = (byte) (checksum >>> 8);
        ip[11] = (byte) checksum;
    }
}
