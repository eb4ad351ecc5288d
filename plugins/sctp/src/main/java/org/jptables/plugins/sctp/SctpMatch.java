package org.jptables.plugins.sctp;

import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;

/**
 * xt_sctp's sctp_mt: never matches a non-first fragment, drops a packet whose 12-byte common
 * header cannot be read; the chunks are walked only when the ports match, and a chunk header that
 * cannot be read or has length 0 drops the packet.
 *
 * @param source      the source port range, null when not asked
 * @param destination the destination port range, null when not asked
 * @param chunks      the chunk condition, null when not asked
 */
record SctpMatch(int[] source, boolean sourceInverted, int[] destination, boolean destinationInverted,
                 Chunks chunks, boolean chunksInverted) implements Match {
    private static final int COMMON_HEADER = 12;

    @Override
    public boolean matches(Packet packet) {
        if (packet.fragmentOffset() != 0) {
            return false;
        }
        int th = packet.transportOffset();
        if (packet.u32(th + COMMON_HEADER - 4) < 0) {
            packet.hotdrop();
            return false;
        }
        if (source != null && inRange(source, packet.u16(th)) == sourceInverted) {
            return false;
        }
        if (destination != null && inRange(destination, packet.u16(th + 2)) == destinationInverted) {
            return false;
        }
        if (chunks == null) {
            return true;
        }
        int found = chunksMatch(packet, th + COMMON_HEADER);
        if (found < 0) {
            packet.hotdrop();
            return false;
        }
        return (found == 1) != chunksInverted;
    }

    private static boolean inRange(int[] range, int port) {
        return port >= range[0] && port <= range[1];
    }

    /** match_packet: 1 or 0, or -1 for the kernel's hotdrop. The ALL map's copy lives in four locals. */
    private int chunksMatch(Packet packet, int offset) {
        int kind = chunks.kind();
        long[] map = chunks.map();
        long left0 = map[0];
        long left1 = map[1];
        long left2 = map[2];
        long left3 = map[3];
        int end = packet.length();
        do {
            long header = packet.u32(offset);
            int length = (int) (header & 0xFFFF);
            if (header < 0 || length == 0) {
                return -1;
            }
            int type = (int) (header >>> 24);
            int flags = (int) (header >>> 16) & 0xFF;
            offset += (length + 3) & ~3;
            if (chunks.listed(type)) {
                boolean flagsOk = chunks.flagsMatch(type, flags);
                if (kind == Chunks.MATCH_ANY && flagsOk) {
                    return 1;
                } else if (kind == Chunks.MATCH_ALL && flagsOk) {
                    long bit = ~(1L << (type & 63));
                    switch (type >>> 6) {
                        case 0 -> left0 &= bit;
                        case 1 -> left1 &= bit;
                        case 2 -> left2 &= bit;
                        default -> left3 &= bit;
                    }
                } else if (kind == Chunks.MATCH_ONLY && !flagsOk) {
                    return 0;
                }
            } else if (kind == Chunks.MATCH_ONLY) {
                return 0;
            }
        } while (offset < end);
        if (kind == Chunks.MATCH_ALL) {
            return (left0 | left1 | left2 | left3) == 0 ? 1 : 0;
        }
        return kind == Chunks.MATCH_ONLY ? 1 : 0;
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(" sctp");
        printPorts(out, "spt", source, sourceInverted, format);
        printPorts(out, "dpt", destination, destinationInverted, format);
        if (chunks != null) {
            if (chunksInverted) {
                out.append(" !");
            }
            chunks.print(out, format.numeric());
        }
    }

    private static void printPorts(StringBuilder out, String name, int[] range, boolean inverted,
                                   ListingFormat format) {
        if (range == null || range[0] == 0 && range[1] == 0xFFFF && !inverted) {
            return;
        }
        out.append(' ').append(name);
        if (range[0] == range[1]) {
            out.append(':').append(inverted ? "!" : "");
            printPort(out, range[0], format);
        } else {
            out.append("s:").append(inverted ? "!" : "");
            printPort(out, range[0], format);
            out.append(':');
            printPort(out, range[1], format);
        }
    }

    private static void printPort(StringBuilder out, int port, ListingFormat format) {
        String service = format.numeric() || format.names() == null ? null : format.names().serviceName(port, "sctp");
        out.append(service != null ? service : Integer.toString(port));
    }

    @Override
    public void save(StringBuilder out) {
        savePorts(out, "--sport", source, sourceInverted);
        savePorts(out, "--dport", destination, destinationInverted);
        if (chunks != null) {
            out.append(chunksInverted ? " !" : "").append(" --chunk-types");
            chunks.print(out, false);
        }
    }

    private static void savePorts(StringBuilder out, String option, int[] range, boolean inverted) {
        if (range == null) {
            return;
        }
        out.append(inverted ? " !" : "").append(' ').append(option).append(' ').append(range[0]);
        if (range[0] != range[1]) {
            out.append(':').append(range[1]);
        }
    }

    /** It reads only the packet, its metadata and the host: no state of its own. */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
