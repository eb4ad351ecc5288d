package org.jptables.plugins.dccp;

import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;

/**
 * xt_dccp's dccp_mt: never matches a fragment, drops a packet without its 12-byte generic header;
 * then ports, type and option in that order, each only when asked. The option walk covers the
 * bytes between the type's header (__dccp_hdr_len) and the data offset; a data offset inside the
 * header, or options cut short, drop the packet.
 *
 * @param types  bit t: packet type t, -1 when not asked
 * @param option the option asked, -1 when not
 */
record DccpMatch(PortRange source, PortRange destination, int types, boolean typesInverted, int option,
                 boolean optionInverted) implements Match {
    private static final int GENERIC_HEADER = 12;

    @Override
    public boolean matches(Packet packet) {
        if (packet.fragmentOffset() != 0) {
            return false;
        }
        int th = packet.transportOffset();
        if (packet.u32(th + GENERIC_HEADER - 4) < 0) {
            packet.hotdrop();
            return false;
        }
        if (source != null && !source.matches(packet.u16(th))) {
            return false;
        }
        if (destination != null && !destination.matches(packet.u16(th + 2))) {
            return false;
        }
        int typeByte = packet.u8(th + 8);
        int type = (typeByte >>> 1) & 0xF;
        if (types >= 0 && ((types & 1 << type) != 0) == typesInverted) {
            return false;
        }
        if (option < 0) {
            return true;
        }
        int found = findOption(packet, th, type, (typeByte & 1) != 0);
        if (found < 0) {
            packet.hotdrop();
            return false;
        }
        return (found == 1) != optionInverted;
    }

    /** dccp_find_option: 1 found, 0 not, -1 for the kernel's hotdrop. */
    private int findOption(Packet packet, int th, int type, boolean extended) {
        int headerLength = GENERIC_HEADER + (extended ? 4 : 0) + typeHeader(type);
        int dataOffset = packet.u8(th + 4) * 4;
        if (dataOffset < headerLength) {
            return -1;
        }
        int length = dataOffset - headerLength;
        if (length == 0) {
            return 0;
        }
        int start = th + headerLength;
        if (packet.u8(start + length - 1) < 0) {
            return -1;
        }
        for (int i = 0; i < length; ) {
            int kind = packet.u8(start + i);
            if (kind == option) {
                return 1;
            }
            if (kind < 2 || i + 1 >= length) {
                // the last byte has no length after it within the options: one step
                i++;
            } else {
                int size = packet.u8(start + i + 1);
                i += size != 0 ? size : 1;
            }
        }
        return 0;
    }

    /** dccp_packet_hdr_len: DATA none, the acknowledging types 8, REQUEST 4, RESPONSE and the rest 12. */
    private static int typeHeader(int type) {
        return switch (type) {
            case 2 -> 0;
            case 3, 4, 5, 6, 8, 9 -> 8;
            case 0 -> 4;
            default -> 12;
        };
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(" dccp");
        if (source != null) {
            source.print(out, "spt", format);
        }
        if (destination != null) {
            destination.print(out, "dpt", format);
        }
        if (types >= 0) {
            if (typesInverted) {
                out.append(" !");
            }
            PacketTypes.print(out, types, format.numeric());
        }
        if (option >= 0) {
            out.append(" option=").append(optionInverted ? "!" : "").append(option);
        }
    }

    @Override
    public void save(StringBuilder out) {
        if (source != null) {
            source.save(out, "--sport");
        }
        if (destination != null) {
            destination.save(out, "--dport");
        }
        if (types >= 0) {
            out.append(typesInverted ? " !" : "").append(" --dccp-types");
            PacketTypes.print(out, types, false);
        }
        if (option >= 0) {
            out.append(optionInverted ? " !" : "").append(" --dccp-option ").append(option);
        }
    }

    /** It reads only the packet, its metadata and the host: no state of its own. */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
