package org.jptables.plugins.nat;

import org.jptables.api.CNumbers;
import org.jptables.api.Effects;
import org.jptables.api.Names;
import org.jptables.api.RuleException;

/**
 * Reads {@code --to-destination}/{@code --to-source} ({@code [ip[-ip]][:port[-port[/port]]]}) and
 * {@code --to-ports} ({@code port[-port[/port]]}) with libxt_NAT's rules and messages: ports before
 * addresses, a service name only for the first port and the base, a range's end in C number
 * syntax, addresses as strict dotted quads (inet_pton).
 */
final class NatRangeParser {
    private final Names names;
    private final boolean portsAllowed;

    /**
     * @param names        for service names
     * @param portsAllowed whether the rule's protocol so far is tcp, udp, sctp, dccp or icmp
     *                     (libxt_NAT does not look at {@code !})
     */
    NatRangeParser(Names names, boolean portsAllowed) {
        this.names = names;
        this.portsAllowed = portsAllowed;
    }

    /** An address range with optional ports: {@code 1.1.1.1-1.1.1.10:1025-65535}. */
    NatRange addressesAndPorts(String arg) throws RuleException {
        if (arg.indexOf('[') >= 0) {
            // brackets are IPv6 syntax
            throw new RuleException("Invalid address format");
        }
        int colon = arg.indexOf(':');
        if (colon >= 0 && arg.indexOf(':', colon + 1) >= 0) {
            colon = -1; // more than one colon: libxt_NAT takes it for an IPv6 address
        }
        NatRange ports = NatRange.EMPTY;
        String addresses = arg;
        if (colon >= 0) {
            ports = ports(arg.substring(colon + 1));
            if (colon == 0) {
                return ports;
            }
            addresses = arg.substring(0, colon);
        }
        int dash = addresses.indexOf('-');
        String first = dash < 0 ? addresses : addresses.substring(0, dash);
        int min = InetPton.parse(first);
        int max = min;
        if (dash >= 0) {
            max = InetPton.parse(addresses.substring(dash + 1));
        }
        return new NatRange(ports.flags() | Effects.NAT_MAP_IPS, min, max, ports.minPort(), ports.maxPort(),
                ports.basePort());
    }

    /** A port, a port range, or a shifted range: {@code 80}, {@code 1000-2000}, {@code 1000-2000/3000}. */
    NatRange ports(String arg) throws RuleException {
        if (!portsAllowed) {
            throw new RuleException("Need TCP, UDP, SCTP or DCCP with port specification");
        }
        int flags = Effects.NAT_PROTO_SPECIFIED;
        CNumbers.Read first = CNumbers.read(arg, 0, 65535);
        int port;
        int end;
        if (first != null) {
            port = (int) first.value();
            end = first.end();
        } else {
            port = service(arg);
            end = arg.length();
        }
        if (end == arg.length()) {
            return new NatRange(flags, 0, 0, port, port, 0);
        }
        char c = arg.charAt(end);
        if (c == ':') {
            throw new RuleException("Invalid port:port syntax - use dash");
        }
        if (c != '-') {
            throw new RuleException("Garbage after port value: `" + arg.substring(end) + "'");
        }
        String rest = arg.substring(end + 1);
        // the end of a range is never a service name
        CNumbers.Read last = CNumbers.read(rest, 0, 65535);
        if (last == null) {
            throw new RuleException("Port `" + rest + "' not valid");
        }
        int maxPort = (int) last.value();
        if (maxPort < port) {
            throw new RuleException("Port range `" + rest + "' funky");
        }
        if (last.end() == rest.length()) {
            return new NatRange(flags, 0, 0, port, maxPort, 0);
        }
        if (rest.charAt(last.end()) != '/') {
            throw new RuleException("Garbage after port range: `" + rest.substring(last.end()) + "'");
        }
        String baseText = rest.substring(last.end() + 1);
        // whatever follows the base number is ignored, as libxt_NAT does not look at it
        CNumbers.Read base = CNumbers.read(baseText, 1, 65535);
        int basePort = base != null ? (int) base.value() : service(baseText);
        return new NatRange(flags | NatRange.PROTO_OFFSET, 0, 0, port, maxPort, basePort);
    }

    /** getservbyname with any protocol. */
    private int service(String name) throws RuleException {
        int port = names == null ? -1 : names.servicePort(name, "tcp");
        if (port < 0 && names != null) {
            port = names.servicePort(name, "udp");
        }
        if (port < 0) {
            throw new RuleException("Port `" + name + "' not valid");
        }
        return port;
    }
}
