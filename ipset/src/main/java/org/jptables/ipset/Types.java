package org.jptables.ipset;

import static org.jptables.ipset.Keyword.ADT_COMMENT;
import static org.jptables.ipset.Keyword.AFTER;
import static org.jptables.ipset.Keyword.BEFORE;
import static org.jptables.ipset.Keyword.BITMASK;
import static org.jptables.ipset.Keyword.BUCKETSIZE;
import static org.jptables.ipset.Keyword.BYTES;
import static org.jptables.ipset.Keyword.COMMENT;
import static org.jptables.ipset.Keyword.COUNTERS;
import static org.jptables.ipset.Keyword.FAMILY;
import static org.jptables.ipset.Keyword.FORCEADD;
import static org.jptables.ipset.Keyword.FROM_IP;
import static org.jptables.ipset.Keyword.FROM_PORT;
import static org.jptables.ipset.Keyword.GC;
import static org.jptables.ipset.Keyword.HASHSIZE;
import static org.jptables.ipset.Keyword.IGNORED_FROM;
import static org.jptables.ipset.Keyword.IGNORED_NETWORK;
import static org.jptables.ipset.Keyword.IGNORED_TO;
import static org.jptables.ipset.Keyword.INET;
import static org.jptables.ipset.Keyword.INET6;
import static org.jptables.ipset.Keyword.INITVAL;
import static org.jptables.ipset.Keyword.IPRANGE;
import static org.jptables.ipset.Keyword.MAXELEM;
import static org.jptables.ipset.Keyword.NETMASK;
import static org.jptables.ipset.Keyword.NETWORK;
import static org.jptables.ipset.Keyword.NOMATCH;
import static org.jptables.ipset.Keyword.PACKETS;
import static org.jptables.ipset.Keyword.PORTRANGE;
import static org.jptables.ipset.Keyword.PROBES;
import static org.jptables.ipset.Keyword.RESIZE;
import static org.jptables.ipset.Keyword.SIZE;
import static org.jptables.ipset.Keyword.SKBINFO;
import static org.jptables.ipset.Keyword.SKBMARK;
import static org.jptables.ipset.Keyword.SKBPRIO;
import static org.jptables.ipset.Keyword.SKBQUEUE;
import static org.jptables.ipset.Keyword.TIMEOUT;
import static org.jptables.ipset.Keyword.TO_IP;
import static org.jptables.ipset.Keyword.TO_PORT;

import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import org.jptables.ipset.TypeDef.Command;
import org.jptables.ipset.TypeDef.Part;
import org.jptables.kernel.ipset.SetType;

/**
 * The set types of ipset 7.17 that jptables' kernel has, at the revisions the reference kernel
 * runs (libipset's ipset_*.c at those revisions), and the names of every type ipset 7.17 knows, for
 * its help and for the types the kernel lacks.
 */
final class Types {
    private static final List<Keyword> EXTENSIONS = List.of(TIMEOUT, PACKETS, BYTES, ADT_COMMENT, SKBMARK, SKBPRIO,
            SKBQUEUE);
    private static final String IPV46_USAGE = "where depending on the INET family\n";

    private static final Part IP_SINGLE = new Part((s, o, t) -> AddressParsers.ip(s, o, t, AddressParsers.Kind.ANY),
            Printers::ip, Opt.IP);
    private static final Part PROTO_PORT = new Part(Parsers::protoPort, Printers::protoPort, Opt.PORT);

    static final List<TypeDef> ALL = List.of(
            new TypeDef(SetType.HASH_IP, "iphash", TypeDef.FAMILY_BOTH, List.of(IP_SINGLE), null,
                    create(FAMILY, INET, INET6, HASHSIZE, MAXELEM, NETMASK, BITMASK, TIMEOUT, COUNTERS, COMMENT,
                            FORCEADD, SKBINFO, BUCKETSIZE, INITVAL, PROBES, RESIZE, GC),
                    adt(EXTENSIONS, of(Opt.IP), of(Opt.IP, Opt.IP_TO), "IP"),
                    adt(List.of(), of(Opt.IP), of(Opt.IP, Opt.IP_TO), "IP"),
                    adt(List.of(), of(Opt.IP), of(Opt.IP, Opt.IP_TO), "IP"),
                    IPV46_USAGE
                            + "      IP is a valid IPv4 or IPv6 address (or hostname),\n"
                            + "      CIDR is a valid IPv4 or IPv6 CIDR prefix.\n"
                            + "      Adding/deleting multiple elements in IP/CIDR or FROM-TO form\n"
                            + "      is supported for IPv4.", false, "bitmask support"),
            new TypeDef(SetType.HASH_NET, "nethash", TypeDef.FAMILY_BOTH, List.of(IP_SINGLE), null,
                    create(FAMILY, INET, INET6, HASHSIZE, MAXELEM, TIMEOUT, COUNTERS, COMMENT, FORCEADD, SKBINFO,
                            BUCKETSIZE, INITVAL, PROBES, RESIZE),
                    adt(List.of(TIMEOUT, NOMATCH, PACKETS, BYTES, ADT_COMMENT, SKBMARK, SKBPRIO, SKBQUEUE), of(Opt.IP),
                            of(Opt.IP, Opt.CIDR, Opt.IP_TO), "IP[/CIDR]"),
                    adt(List.of(), of(Opt.IP), of(Opt.IP, Opt.CIDR, Opt.IP_TO), "IP[/CIDR]"),
                    adt(List.of(NOMATCH), of(Opt.IP), of(Opt.IP, Opt.CIDR), "IP[/CIDR]"),
                    IPV46_USAGE
                            + "      IP is an IPv4 or IPv6 address (or hostname),\n"
                            + "      CIDR is a valid IPv4 or IPv6 CIDR prefix.", false, "bucketsize, initval support"),
            new TypeDef(SetType.HASH_IP_PORT, "ipporthash", TypeDef.FAMILY_BOTH, List.of(IP_SINGLE, PROTO_PORT), null,
                    create(FAMILY, INET, INET6, HASHSIZE, MAXELEM, TIMEOUT, COUNTERS, COMMENT, FORCEADD, SKBINFO,
                            BUCKETSIZE, INITVAL, NETMASK, BITMASK, PROBES, RESIZE, IGNORED_FROM, IGNORED_TO,
                            IGNORED_NETWORK),
                    adt(EXTENSIONS, of(Opt.IP, Opt.PROTO, Opt.PORT),
                            of(Opt.IP, Opt.IP_TO, Opt.PROTO, Opt.PORT, Opt.PORT_TO), "IP,[PROTO:]PORT"),
                    adt(List.of(), of(Opt.IP, Opt.PROTO, Opt.PORT),
                            of(Opt.IP, Opt.IP_TO, Opt.PROTO, Opt.PORT, Opt.PORT_TO), "IP,[PROTO:]PORT"),
                    adt(List.of(), of(Opt.IP, Opt.PROTO, Opt.PORT), of(Opt.IP, Opt.PROTO, Opt.PORT),
                            "IP,[PROTO:]PORT"),
                    IPV46_USAGE
                            + "      IP is a valid IPv4 or IPv6 address (or hostname).\n"
                            + "      Adding/deleting multiple elements in IP/CIDR or FROM-TO form\n"
                            + "      is supported for IPv4.\n"
                            + "      Adding/deleting multiple elements with TCP/SCTP/UDP/UDPLITE\n"
                            + "      port range is supported both for IPv4 and IPv6.", true,
                    "netmask and bitmask support"),
            new TypeDef(SetType.HASH_NET_PORT, "netporthash", TypeDef.FAMILY_BOTH, List.of(IP_SINGLE, PROTO_PORT), null,
                    create(FAMILY, INET, INET6, HASHSIZE, MAXELEM, TIMEOUT, COUNTERS, COMMENT, FORCEADD, SKBINFO,
                            BUCKETSIZE, INITVAL),
                    adt(List.of(TIMEOUT, NOMATCH, PACKETS, BYTES, ADT_COMMENT, SKBMARK, SKBPRIO, SKBQUEUE),
                            of(Opt.IP, Opt.PROTO, Opt.PORT),
                            of(Opt.IP, Opt.PROTO, Opt.PORT, Opt.PORT_TO, Opt.CIDR, Opt.IP_TO),
                            "IP[/CIDR]|FROM-TO,[PROTO:]PORT"),
                    adt(List.of(), of(Opt.IP, Opt.PROTO, Opt.PORT),
                            of(Opt.IP, Opt.PROTO, Opt.PORT, Opt.PORT_TO, Opt.CIDR, Opt.IP_TO),
                            "IP[/CIDR]|FROM-TO,[PROTO:]PORT"),
                    adt(List.of(NOMATCH), of(Opt.IP, Opt.PROTO, Opt.PORT), of(Opt.IP, Opt.PROTO, Opt.PORT, Opt.CIDR),
                            "IP[/CIDR],[PROTO:]PORT"),
                    IPV46_USAGE
                            + "      IP is a valid IPv4 or IPv6 address (or hostname),\n"
                            + "      CIDR is a valid IPv4 or IPv6 CIDR prefix.\n"
                            + "      Adding/deleting multiple elements with TCP/SCTP/UDP/UDPLITE\n"
                            + "      port range is supported both for IPv4 and IPv6.", true,
                    "bucketsize, initval support"),
            new TypeDef(SetType.HASH_IP_PORT_IP, "ipportiphash", TypeDef.FAMILY_BOTH,
                    List.of(IP_SINGLE, PROTO_PORT,
                            new Part((s, o, t) -> AddressParsers.ip(s, o, t, AddressParsers.Kind.PLAIN), Printers::ip,
                                    Opt.IP2)), null,
                    create(FAMILY, INET, INET6, HASHSIZE, MAXELEM, TIMEOUT, COUNTERS, COMMENT, FORCEADD, SKBINFO,
                            BUCKETSIZE, INITVAL, PROBES, RESIZE, IGNORED_FROM, IGNORED_TO, IGNORED_NETWORK),
                    adt(EXTENSIONS, of(Opt.IP, Opt.PROTO, Opt.PORT, Opt.IP2),
                            of(Opt.IP, Opt.IP_TO, Opt.PROTO, Opt.PORT, Opt.PORT_TO, Opt.IP2), "IP,[PROTO:]PORT,IP"),
                    adt(List.of(), of(Opt.IP, Opt.PROTO, Opt.PORT, Opt.IP2),
                            of(Opt.IP, Opt.IP_TO, Opt.PROTO, Opt.PORT, Opt.PORT_TO, Opt.IP2), "IP,[PROTO:]PORT,IP"),
                    adt(List.of(), of(Opt.IP, Opt.PROTO, Opt.PORT, Opt.IP2), of(Opt.IP, Opt.PROTO, Opt.PORT, Opt.IP2),
                            "IP,[PROTO:]PORT,IP"),
                    IPV46_USAGE
                            + "      IP is a valid IPv4 or IPv6 address (or hostname).\n"
                            + "      Adding/deleting multiple elements in IP/CIDR or FROM-TO form\n"
                            + "      in the first IP component is supported for IPv4.\n"
                            + "      Adding/deleting multiple elements with TCP/SCTP/UDP/UDPLITE\n"
                            + "      port range is supported both for IPv4 and IPv6.", true,
                    "bucketsize, initval support"),
            new TypeDef(SetType.HASH_MAC, "machash", Data.UNSPEC,
                    List.of(new Part(Parsers::ether, Printers::ether, Opt.ETHER)), null,
                    create(HASHSIZE, MAXELEM, TIMEOUT, COUNTERS, COMMENT, FORCEADD, SKBINFO, BUCKETSIZE, INITVAL),
                    adt(EXTENSIONS, of(Opt.ETHER), of(Opt.ETHER), "MAC"),
                    adt(List.of(), of(Opt.ETHER), of(Opt.ETHER), "MAC"),
                    adt(List.of(), of(Opt.ETHER), of(Opt.ETHER), "MAC"),
                    "", false, "bucketsize, initval support"),
            new TypeDef(SetType.BITMAP_IP, "ipmap", Data.INET,
                    List.of(new Part((s, o, t) -> AddressParsers.ip(s, o, t, AddressParsers.Kind.ANY), Printers::ip,
                            Opt.IP)), null,
                    new Command(List.of(IPRANGE, NETMASK, TIMEOUT, COUNTERS, COMMENT, SKBINFO, FROM_IP, TO_IP,
                            NETWORK), of(Opt.IP, Opt.IP_TO), of(Opt.IP, Opt.IP_TO), "range IP/CIDR|FROM-TO"),
                    adt(EXTENSIONS, of(Opt.IP), of(Opt.IP, Opt.IP_TO), "IP|IP/CIDR|FROM-TO"),
                    adt(List.of(), of(Opt.IP), of(Opt.IP, Opt.IP_TO), "IP|IP/CIDR|FROM-TO"),
                    adt(List.of(), of(Opt.IP), of(Opt.IP), "IP"),
                    "where IP, FROM and TO are IPv4 addresses (or hostnames),\n"
                            + "      CIDR is a valid IPv4 CIDR prefix.", false, "skbinfo support"),
            new TypeDef(SetType.BITMAP_PORT, "portmap", Data.UNSPEC,
                    List.of(new Part(Parsers::tcpUdpPort, Printers::port, Opt.PORT)), null,
                    new Command(List.of(PORTRANGE, TIMEOUT, COUNTERS, COMMENT, SKBINFO, FROM_PORT, TO_PORT),
                            of(Opt.PORT, Opt.PORT_TO), of(Opt.PORT, Opt.PORT_TO), "range [PROTO:]FROM-TO"),
                    adt(EXTENSIONS, of(Opt.PORT), of(Opt.PORT, Opt.PORT_TO), "[PROTO:]PORT|FROM-TO"),
                    adt(List.of(), of(Opt.PORT), of(Opt.PORT, Opt.PORT_TO), "[PROTO:]PORT|FROM-TO"),
                    adt(List.of(), of(Opt.PORT), of(Opt.PORT), "[PROTO:]PORT"),
                    "where PORT, FROM and TO are port numbers or port names from /etc/services.\n"
                            + "      PROTO is only needed if a service name is used and it does not exist\n"
                            + "      as a TCP service; just the resolved service numer is stored in the set.", false,
                    "skbinfo support"),
            new TypeDef(SetType.LIST_SET, "setlist", Data.UNSPEC,
                    List.of(new Part(Parsers::setName, Printers::name, Opt.NAME)), Parsers::nameCompat,
                    create(SIZE, TIMEOUT, COUNTERS, COMMENT, SKBINFO),
                    adt(List.of(TIMEOUT, BEFORE, AFTER, PACKETS, BYTES, ADT_COMMENT, SKBMARK, SKBPRIO, SKBQUEUE),
                            of(Opt.NAME), of(Opt.NAME, Opt.BEFORE), "NAME [before|after NAME]"),
                    adt(List.of(BEFORE, AFTER), of(Opt.NAME), of(Opt.NAME, Opt.BEFORE), "NAME [before|after NAME]"),
                    adt(List.of(BEFORE, AFTER), of(Opt.NAME), of(Opt.NAME, Opt.BEFORE), "NAME [before|after NAME]"),
                    "where NAME are existing set names.", false, "skbinfo support"));

    /** Every type ipset 7.17 knows, name and alias, in the order of its help: for the types jptables lacks. */
    static final List<String[]> KNOWN = List.of(
            new String[] {"list:set", "setlist"}, new String[] {"hash:mac", "machash"},
            new String[] {"hash:ip,mac", "ipmachash"}, new String[] {"hash:net,iface", "netifacehash"},
            new String[] {"hash:net,port", "netporthash"}, new String[] {"hash:net,port,net", "netportnethash"},
            new String[] {"hash:net,net", "netnethash"}, new String[] {"hash:net", "nethash"},
            new String[] {"hash:ip,port,net", "ipportnethash"}, new String[] {"hash:ip,port,ip", "ipportiphash"},
            new String[] {"hash:ip,mark", "ipmarkhash"}, new String[] {"hash:ip,port", "ipporthash"},
            new String[] {"hash:ip", "iphash"}, new String[] {"bitmap:port", "portmap"},
            new String[] {"bitmap:ip,mac", "macipmap"}, new String[] {"bitmap:ip", "ipmap"});

    private Types() {
    }

    private static Set<Opt> of(Opt... opts) {
        Set<Opt> s = EnumSet.noneOf(Opt.class);
        s.addAll(List.of(opts));
        return s;
    }

    private static Command create(Keyword... args) {
        return new Command(List.of(args), of(), of(), "");
    }

    private static Command adt(List<Keyword> args, Set<Opt> need, Set<Opt> full, String help) {
        return new Command(args, need, full, help);
    }

    /** ipset_typename_resolve: the preferred name of a type name or alias, or null. */
    static String resolve(String text) {
        for (String[] k : KNOWN) {
            if (k[0].equals(text) || k[1].equals(text)) {
                return k[0];
            }
        }
        return null;
    }

    /** The type jptables has of that (preferred) name, or null. */
    static TypeDef named(String name) {
        for (TypeDef t : ALL) {
            if (t.named(name)) {
                return t;
            }
        }
        return null;
    }

    /** The type of a kernel set. */
    static TypeDef of(SetType type) {
        for (TypeDef t : ALL) {
            if (t.kernelType == type) {
                return t;
            }
        }
        throw new IllegalArgumentException(type.typeName());
    }
}
