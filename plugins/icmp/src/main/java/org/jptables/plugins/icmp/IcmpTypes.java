package org.jptables.plugins.icmp;

/**
 * The ICMP type names iptables knows (libxtables' xtables_icmp_codes), in its order: a name
 * stands for a type and a code range. The aliases (pong, ping, ttl-exceeded) follow their
 * names, so a listing finds the name first, and a prefix such as "p" is ambiguous between
 * "pong" and "protocol-unreachable" as in iptables.
 */
final class IcmpTypes {
    /** One name: the type and the inclusive code range it stands for. */
    record Entry(String name, int type, int codeMin, int codeMax) {
    }

    static final int ANY = 0xFF;

    static final Entry[] ALL = {
        new Entry("any", 0xFF, 0, 0xFF),
        new Entry("echo-reply", 0, 0, 0xFF),
        new Entry("pong", 0, 0, 0xFF),
        new Entry("destination-unreachable", 3, 0, 0xFF),
        new Entry("network-unreachable", 3, 0, 0),
        new Entry("host-unreachable", 3, 1, 1),
        new Entry("protocol-unreachable", 3, 2, 2),
        new Entry("port-unreachable", 3, 3, 3),
        new Entry("fragmentation-needed", 3, 4, 4),
        new Entry("source-route-failed", 3, 5, 5),
        new Entry("network-unknown", 3, 6, 6),
        new Entry("host-unknown", 3, 7, 7),
        new Entry("network-prohibited", 3, 9, 9),
        new Entry("host-prohibited", 3, 10, 10),
        new Entry("TOS-network-unreachable", 3, 11, 11),
        new Entry("TOS-host-unreachable", 3, 12, 12),
        new Entry("communication-prohibited", 3, 13, 13),
        new Entry("host-precedence-violation", 3, 14, 14),
        new Entry("precedence-cutoff", 3, 15, 15),
        new Entry("source-quench", 4, 0, 0xFF),
        new Entry("redirect", 5, 0, 0xFF),
        new Entry("network-redirect", 5, 0, 0),
        new Entry("host-redirect", 5, 1, 1),
        new Entry("TOS-network-redirect", 5, 2, 2),
        new Entry("TOS-host-redirect", 5, 3, 3),
        new Entry("echo-request", 8, 0, 0xFF),
        new Entry("ping", 8, 0, 0xFF),
        new Entry("router-advertisement", 9, 0, 0xFF),
        new Entry("router-solicitation", 10, 0, 0xFF),
        new Entry("time-exceeded", 11, 0, 0xFF),
        new Entry("ttl-exceeded", 11, 0, 0xFF),
        new Entry("ttl-zero-during-transit", 11, 0, 0),
        new Entry("ttl-zero-during-reassembly", 11, 1, 1),
        new Entry("parameter-problem", 12, 0, 0xFF),
        new Entry("ip-header-bad", 12, 0, 0),
        new Entry("required-option-missing", 12, 1, 1),
        new Entry("timestamp-request", 13, 0, 0xFF),
        new Entry("timestamp-reply", 14, 0, 0xFF),
        new Entry("address-mask-request", 17, 0, 0xFF),
        new Entry("address-mask-reply", 18, 0, 0xFF),
    };

    private IcmpTypes() {
    }

    /** The first name of exactly this type and code range, or null. */
    static String nameOf(int type, int codeMin, int codeMax) {
        for (Entry e : ALL) {
            if (e.type() == type && e.codeMin() == codeMin && e.codeMax() == codeMax) {
                return e.name();
            }
        }
        return null;
    }
}
