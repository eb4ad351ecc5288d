package org.jptables.kernel.packet;

/**
 * Answers {@code addrtype}'s question: what type of address is this for the host (the kernel's
 * route type, RTN_*). The host model of the packet path provides the real one.
 */
@FunctionalInterface
public interface AddressTypes {
    int UNSPEC = 0;
    int UNICAST = 1;
    int LOCAL = 2;
    int BROADCAST = 3;
    int ANYCAST = 4;
    int MULTICAST = 5;
    int BLACKHOLE = 6;
    int UNREACHABLE = 7;
    int PROHIBIT = 8;
    int THROW = 9;
    int NAT = 10;
    int XRESOLVE = 11;

    /** The type of {@code address}, limited to {@code device} when it is not null. */
    int typeOf(int address, String device);

    /** The MTU of the route towards {@code address}, -1 without one; Ethernet's where no host is known. */
    default int routeMtu(int address) {
        return 1500;
    }

    /**
     * The type of the route a FIB lookup of {@code destination} finds (fib_lookup: the local table,
     * then the main table): LOCAL, BROADCAST or UNICAST, UNSPEC (0) when there is no route. A host
     * with no routes known has none.
     */
    default int routeType(int destination) {
        return UNSPEC;
    }

    /** The device of that route's next hop (interned), or null when there is no route. */
    default String routeDeviceName(int destination) {
        return null;
    }

    /** The first address of interface {@code device} (its primary one), 0 when it has none or is unknown. */
    default int interfaceAddress(String device) {
        return 0;
    }

    /**
     * The passive OS fingerprints the host has loaded whose DF flag is {@code dontFragment}, in load
     * order (-m osf's nf_osf_fingers[df]); none unless the host loaded some. Allocates nothing.
     */
    default java.util.List<org.jptables.api.OsFingerprint> osFingerprints(boolean dontFragment) {
        return java.util.List.of();
    }

    /** A host that only knows the address classes every host agrees on. */
    AddressTypes GENERIC = (address, device) -> {
        int first = address >>> 24;
        if (address == 0xFFFFFFFF || address == 0) {
            return BROADCAST;
        }
        if (first >= 224 && first < 240) {
            return MULTICAST;
        }
        if (first == 127) {
            return LOCAL;
        }
        return UNICAST;
    };
}
