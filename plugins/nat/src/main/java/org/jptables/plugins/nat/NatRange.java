package org.jptables.plugins.nat;

import org.jptables.api.Addresses;
import org.jptables.api.Effects;

/**
 * What a NAT target maps to, as nf_nat_range2 holds it: an address range (when
 * {@link Effects#NAT_MAP_IPS}), a port range (when {@link Effects#NAT_PROTO_SPECIFIED}), the base
 * port of a shifted range (when {@link #PROTO_OFFSET}) and the --random, --random-fully,
 * --persistent bits.
 *
 * @param flags      {@code Effects.NAT_*} bits, plus {@link #PROTO_OFFSET}
 * @param minAddress first address, big-endian int
 * @param maxAddress last address
 * @param minPort    first port
 * @param maxPort    last port
 * @param basePort   base of a shifted port range (DNAT revision 2 only; 0 where the kernel's
 *                   structure has no room for it)
 */
public record NatRange(int flags, int minAddress, int maxAddress, int minPort, int maxPort, int basePort) {
    /** NF_NAT_RANGE_PROTO_OFFSET: the port range is shifted from a base port ({@code 1000-2000/3000}). */
    public static final int PROTO_OFFSET = 0x40;

    static final NatRange EMPTY = new NatRange(0, 0, 0, 0, 0, 0);

    /** Whether the range names addresses. */
    public boolean mapsAddresses() {
        return (flags & Effects.NAT_MAP_IPS) != 0;
    }

    /** Whether the range names ports. */
    public boolean mapsPorts() {
        return (flags & Effects.NAT_PROTO_SPECIFIED) != 0;
    }

    NatRange withFlags(int more) {
        return new NatRange(flags | more, minAddress, maxAddress, minPort, maxPort, basePort);
    }

    /** The range as libxt_NAT's sprint_range writes it: {@code 1.1.1.1-1.1.1.9:80-90/100}. */
    String text() {
        StringBuilder sb = new StringBuilder();
        if (mapsAddresses()) {
            sb.append(Addresses.format(minAddress));
            if (minAddress != maxAddress) {
                sb.append('-').append(Addresses.format(maxAddress));
            }
        }
        if (mapsPorts()) {
            sb.append(':').append(minPort);
            if (maxPort != minPort) {
                sb.append('-').append(maxPort);
            }
            if ((flags & PROTO_OFFSET) != 0) {
                sb.append('/').append(basePort);
            }
        }
        return sb.toString();
    }
}
