package org.jptables.plugins.pkttype;

/**
 * The packet types libxt_pkttype accepts, with the kernel's PACKET_* numbers: the names it prints
 * first, then the aliases (any case). "outgoing" is not among them in iptables 1.8.9.
 */
enum PacketType {
    UNICAST("unicast", 0), BROADCAST("broadcast", 1), MULTICAST("multicast", 2), OTHERHOST("otherhost", 3),
    BCAST("bcast", 1), MCAST("mcast", 2), HOST("host", 0);

    /** PACKET_LOOPBACK: the kernel decides broadcast or multicast from the destination. */
    static final int LOOPBACK = 5;

    private final String text;
    private final int number;

    PacketType(String text, int number) {
        this.text = text;
        this.number = number;
    }

    int number() {
        return number;
    }

    /** The number of the type {@code word} names, or -1. */
    static int parse(String word) {
        for (PacketType t : values()) {
            if (t.text.equalsIgnoreCase(word)) {
                return t.number;
            }
        }
        return -1;
    }

    /** The name iptables prints for {@code number}: the first entry of the table with it. */
    static String name(int number) {
        for (PacketType t : values()) {
            if (t.number == number) {
                return t.text;
            }
        }
        return Integer.toString(number);
    }
}
