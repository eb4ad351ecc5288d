package org.jptables.ipset;

/**
 * The ICMP and ICMPv6 type/code names of libipset's icmp.c and icmpv6.c, in their order: a name is
 * found by case-insensitive prefix (the first entry the text begins wins), a type/code pair
 * printed by the first name it has.
 */
final class IcmpNames {
    /** One named type and code. */
    record Code(String name, int type, int code) {
    }

    static final Code[] ICMP = {
            new Code("echo-reply", 0, 0),
            new Code("pong", 0, 0),
            new Code("network-unreachable", 3, 0),
            new Code("host-unreachable", 3, 1),
            new Code("protocol-unreachable", 3, 2),
            new Code("port-unreachable", 3, 3),
            new Code("fragmentation-needed", 3, 4),
            new Code("source-route-failed", 3, 5),
            new Code("network-unknown", 3, 6),
            new Code("host-unknown", 3, 7),
            new Code("network-prohibited", 3, 9),
            new Code("host-prohibited", 3, 10),
            new Code("TOS-network-unreachable", 3, 11),
            new Code("TOS-host-unreachable", 3, 12),
            new Code("communication-prohibited", 3, 13),
            new Code("host-precedence-violation", 3, 14),
            new Code("precedence-cutoff", 3, 15),
            new Code("source-quench", 4, 0),
            new Code("network-redirect", 5, 0),
            new Code("host-redirect", 5, 1),
            new Code("TOS-network-redirect", 5, 2),
            new Code("TOS-host-redirect", 5, 3),
            new Code("echo-request", 8, 0),
            new Code("ping", 8, 0),
            new Code("router-advertisement", 9, 0),
            new Code("router-solicitation", 10, 0),
            new Code("ttl-zero-during-transit", 11, 0),
            new Code("ttl-zero-during-reassembly", 11, 1),
            new Code("ip-header-bad", 12, 0),
            new Code("required-option-missing", 12, 1),
            new Code("timestamp-request", 13, 0),
            new Code("timestamp-reply", 14, 0),
            new Code("address-mask-request", 17, 0),
            new Code("address-mask-reply", 18, 0),
    };

    static final Code[] ICMPV6 = {
            new Code("no-route", 1, 0),
            new Code("communication-prohibited", 1, 1),
            new Code("address-unreachable", 1, 3),
            new Code("port-unreachable", 1, 4),
            new Code("packet-too-big", 2, 0),
            new Code("ttl-zero-during-transit", 3, 0),
            new Code("ttl-zero-during-reassembly", 3, 1),
            new Code("bad-header", 4, 0),
            new Code("unknown-header-type", 4, 1),
            new Code("unknown-option", 4, 2),
            new Code("echo-request", 128, 0),
            new Code("ping", 128, 0),
            new Code("echo-reply", 129, 0),
            new Code("pong", 129, 0),
            new Code("router-solicitation", 133, 0),
            new Code("router-advertisement", 134, 0),
            new Code("neighbour-solicitation", 135, 0),
            new Code("neigbour-solicitation", 135, 0),
            new Code("neighbour-advertisement", 136, 0),
            new Code("neigbour-advertisement", 136, 0),
            new Code("redirect", 137, 0),
    };

    private IcmpNames() {
    }

    /** name_to_icmp: type << 8 | code of the first name {@code text} begins, or -1. */
    static int typeCode(String text) {
        for (Code c : ICMP) {
            if (c.name.length() >= text.length() && c.name.regionMatches(true, 0, text, 0, text.length())) {
                return c.type << 8 | c.code;
            }
        }
        return -1;
    }

    /** icmp_to_name: the first name of type and code, or null. */
    static String name(int type, int code) {
        for (Code c : ICMP) {
            if (c.type == type && c.code == code) {
                return c.name;
            }
        }
        return null;
    }
}
