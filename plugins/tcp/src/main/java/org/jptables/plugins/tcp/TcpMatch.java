package org.jptables.plugins.tcp;

import org.jptables.api.Constraints;
import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;

/**
 * xt_tcpudp's tcp_mt: never matches a fragment (and drops the "evil" offset-1 fragment that
 * could overwrite the flags), drops a packet whose 20-byte header or options cannot be read.
 *
 * @param option the option kind to look for, 0 when not asked
 */
record TcpMatch(PortRange source, PortRange destination, int flagMask, int flagCompare, boolean flagsInverted,
                int option, boolean optionInverted) implements Match {
    private static final int HEADER = 20;

    @Override
    public boolean matches(Packet packet) {
        int fragment = packet.fragmentOffset();
        if (fragment != 0) {
            if (fragment == 1) {
                packet.hotdrop();
            }
            return false;
        }
        int th = packet.transportOffset();
        if (packet.u32(th + HEADER - 4) < 0) {
            packet.hotdrop();
            return false;
        }
        if (!source.matches(packet.u16(th)) || !destination.matches(packet.u16(th + 2))) {
            return false;
        }
        if (((packet.u8(th + 13) & flagMask) == flagCompare) == flagsInverted) {
            return false;
        }
        if (option != 0) {
            int headerLength = (packet.u8(th + 12) >>> 4) * 4;
            if (headerLength < HEADER) {
                packet.hotdrop();
                return false;
            }
            return hasOption(packet, th + HEADER, headerLength - HEADER);
        }
        return true;
    }

    /** tcp_find_option: walks the options (kinds 0 and 1 are one byte, others give their length). */
    private boolean hasOption(Packet packet, int start, int length) {
        if (length == 0) {
            return optionInverted;
        }
        if (packet.u8(start + length - 1) < 0) {
            packet.hotdrop();
            return false;
        }
        int i = 0;
        while (i < length) {
            int kind = packet.u8(start + i);
            if (kind == option) {
                return !optionInverted;
            }
            if (kind < 2) {
                i++;
            } else {
                // the length byte may lie past the options (the kernel then reads its buffer): any step ends the walk
                int size = i + 1 < length ? packet.u8(start + i + 1) : 1;
                i += size > 0 ? size : 1;
            }
        }
        return optionInverted;
    }

    /** Pure on a whole header (a classifiable packet has one): the ports are its constraints. */
    @Override
    public void declare(Constraints constraints) {
        constraints.sideEffectFree();
        if (flagMask == 0 && !flagsInverted && option == 0 && !optionInverted) {
            constraints.complete();
        }
        if (!source.isAny() || source.inverted()) {
            constraints.sourcePorts(new int[] {source.min(), source.max()}, source.inverted());
        }
        if (!destination.isAny() || destination.inverted()) {
            constraints.destinationPorts(new int[] {destination.min(), destination.max()}, destination.inverted());
        }
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(" tcp");
        source.print(out, "spt", format);
        destination.print(out, "dpt", format);
        if (option != 0 || optionInverted) {
            out.append(" option=").append(optionInverted ? "!" : "").append(option);
        }
        if (flagMask != 0 || flagsInverted) {
            out.append(" flags:").append(flagsInverted ? "!" : "");
            if (format.numeric()) {
                out.append(String.format("0x%02X/0x%02X", flagMask, flagCompare));
            } else {
                out.append(TcpFlags.format(flagMask)).append('/').append(TcpFlags.format(flagCompare));
            }
        }
    }

    @Override
    public void save(StringBuilder out) {
        source.save(out, "--sport");
        destination.save(out, "--dport");
        if (option != 0 || optionInverted) {
            out.append(optionInverted ? " !" : "").append(" --tcp-option ").append(option);
        }
        if (flagMask != 0 || flagsInverted) {
            out.append(flagsInverted ? " !" : "").append(" --tcp-flags ").append(TcpFlags.format(flagMask))
                    .append(' ').append(TcpFlags.format(flagCompare));
        }
    }

    /** It reads only the packet, its metadata and the host: no state of its own. */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
