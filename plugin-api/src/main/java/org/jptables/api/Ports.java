package org.jptables.api;

/**
 * Ports as libxtables reads and writes them: a number or a service name of /etc/services for the
 * rule's protocol; listings without {@code -n} show the service name.
 */
public final class Ports {
    private Ports() {
    }

    /** The port {@code text} names for {@code protocol} ("tcp", "udp", ...), or -1. */
    public static int parse(String text, String protocol, Names names) {
        long n = Numbers.parse(text, 0, 65535);
        if (n >= 0 && !text.isEmpty() && Character.isDigit(text.charAt(0))) {
            return (int) n;
        }
        if (names == null) {
            return -1;
        }
        int p = names.servicePort(text, protocol == null ? "tcp" : protocol);
        if (p < 0 && protocol == null) {
            p = names.servicePort(text, "udp");
        }
        return p;
    }

    /** The port as {@code -L} shows it: the service name unless numeric or unnamed. */
    public static String format(int port, String protocol, ListingFormat format) {
        if (!format.numeric() && format.names() != null) {
            String name = format.names().serviceName(port, protocol);
            if (name != null) {
                return name;
            }
        }
        return Integer.toString(port);
    }
}
