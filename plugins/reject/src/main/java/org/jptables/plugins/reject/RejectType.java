package org.jptables.plugins.reject;

import org.jptables.api.Effects;

/**
 * The answers of {@code --reject-with}, in libipt_REJECT's table order: a word names the first
 * type whose name or alias it begins (case-insensitively), so "p" is proto-unreachable and
 * "icmp" net-unreachable, as iptables reads them.
 */
public enum RejectType {
    NET_UNREACHABLE("icmp-net-unreachable", "net-unreach", 0),
    HOST_UNREACHABLE("icmp-host-unreachable", "host-unreach", 1),
    PROTO_UNREACHABLE("icmp-proto-unreachable", "proto-unreach", 2),
    PORT_UNREACHABLE("icmp-port-unreachable", "port-unreach", 3),
    NET_PROHIBITED("icmp-net-prohibited", "net-prohib", 9),
    HOST_PROHIBITED("icmp-host-prohibited", "host-prohib", 10),
    TCP_RESET("tcp-reset", "tcp-rst", Effects.TCP_RESET),
    ADMIN_PROHIBITED("icmp-admin-prohibited", "admin-prohib", 13);

    private final String text;
    private final String alias;
    private final int code;

    RejectType(String text, String alias, int code) {
        this.text = text;
        this.alias = alias;
        this.code = code;
    }

    /** The name iptables prints for this type. */
    public String text() {
        return text;
    }

    /** The short alias iptables also accepts. */
    public String alias() {
        return alias;
    }

    /**
     * The ICMP destination-unreachable code of the answer, or {@link Effects#TCP_RESET} for a TCP
     * reset: the argument of {@code Packet.reject}.
     */
    public int code() {
        return code;
    }

    /** The type {@code word} names, or null (libipt_REJECT's prefix comparison). */
    static RejectType named(String word) {
        for (RejectType t : values()) {
            if (t.text.regionMatches(true, 0, word, 0, word.length())
                    || t.alias.regionMatches(true, 0, word, 0, word.length())) {
                return t;
            }
        }
        return null;
    }
}
