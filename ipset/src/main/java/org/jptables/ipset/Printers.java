package org.jptables.ipset;

import org.jptables.api.Names;
import org.jptables.kernel.ipset.SetAttributes;

/**
 * libipset's print.c: how each option's value is written in a listing, in a save and in the
 * messages of a test. Values are read from a command's {@link Data}.
 */
final class Printers {
    /** A writer of one option's value. */
    @FunctionalInterface
    interface Printer {
        String print(Data data, Opt opt, Names names, boolean resolve);
    }

    private Printers() {
    }

    static String dotted(long ip) {
        return (ip >>> 24) + "." + ((ip >>> 16) & 0xFF) + "." + ((ip >>> 8) & 0xFF) + "." + (ip & 0xFF);
    }

    /** snprintf_ipv4: the address (its name with -resolve, when it has one), /CIDR unless /32. */
    private static String ipv4(long ip, int cidr, Names names, boolean resolve) {
        String text = null;
        if (resolve && names != null) {
            text = names.hostName((int) ip);
        }
        if (text == null) {
            text = dotted(ip);
        }
        return cidr == 32 ? text : text + "/" + cidr;
    }

    /** ipset_print_ip: IP[/CIDR][-IP_TO], or the second address of hash:ip,port,ip. */
    static String ip(Data d, Opt opt, Names names, boolean resolve) {
        SetAttributes e = d.element;
        if (opt == Opt.IP2) {
            return ipv4(e.ip2, 32, names, resolve);
        }
        int cidr = d.has(Opt.CIDR) && e.cidr != null ? e.cidr : 32;
        String text = ipv4(e.ip, cidr, names, resolve);
        if (d.has(Opt.IP_TO) && e.ipTo != null) {
            text += "-" + ipv4(e.ipTo, cidr, names, resolve);
        }
        return text;
    }

    /** ipset_print_port: PORT[-PORT_TO]. */
    static String port(Data d, Opt opt, Names names, boolean resolve) {
        String text = Integer.toString(d.element.port);
        if (d.has(Opt.PORT_TO) && d.element.portTo != null) {
            text += "-" + d.element.portTo;
        }
        return text;
    }

    /** ipset_print_proto_port: PROTO:PORT, ICMP by name or TYPE/CODE. */
    static String protoPort(Data d, Opt opt, Names names, boolean resolve) {
        if (!d.has(Opt.PROTO) || d.element.proto == null) {
            return port(d, opt, names, resolve);
        }
        int proto = d.element.proto;
        String name = names == null ? null : names.protocolName(proto);
        String text = (name != null ? name : Integer.toString(proto)) + ":";
        if (proto == 1) {
            int port = d.element.port;
            String icmp = IcmpNames.name(port >>> 8, port & 0xFF);
            return text + (icmp != null ? icmp : (port >>> 8) + "/" + (port & 0xFF));
        }
        return text + port(d, opt, names, resolve);
    }

    /** ipset_print_ether: upper-case hex bytes with colons. */
    static String ether(Data d, Opt opt, Names names, boolean resolve) {
        long mac = d.element.mac;
        StringBuilder out = new StringBuilder();
        for (int i = 5; i >= 0; i--) {
            out.append(String.format("%02X", (mac >>> (8 * i)) & 0xFF));
            if (i > 0) {
                out.append(':');
            }
        }
        return out.toString();
    }

    /** ipset_print_name. */
    static String name(Data d, Opt opt, Names names, boolean resolve) {
        // libipset prints "after" whatever the command said: the before flag is never set here
        return d.has(Opt.NAMEREF) ? d.element.name + " after " + d.element.nameRef : d.element.name;
    }

    /** ipset_print_family. */
    static String family(Data d, Opt opt, Names names, boolean resolve) {
        return switch (d.family) {
            case Data.INET -> "inet";
            case Data.INET6 -> "inet6";
            default -> "any";
        };
    }

    /** ipset_print_number: the option's value, unsigned. */
    static String number(Data d, Opt opt, Names names, boolean resolve) {
        Long v = switch (opt) {
            case HASHSIZE -> d.create.hashSize;
            case MAXELEM -> d.create.maxElem;
            case SIZE -> d.create.size;
            case NETMASK -> d.create.netmask == null ? null : (long) d.create.netmask;
            case BUCKETSIZE -> d.create.bucketSize == null ? null : (long) d.create.bucketSize;
            case TIMEOUT -> d.element.timeout;
            case PACKETS -> d.element.packets;
            case BYTES -> d.element.bytes;
            case SKBQUEUE -> d.element.skbQueue == null ? null : (long) d.element.skbQueue;
            default -> null;
        };
        return v == null ? "0" : Long.toUnsignedString(v);
    }

    /** ipset_print_hexnumber for the 32-bit initval. */
    static String hex(Data d, Opt opt, Names names, boolean resolve) {
        return String.format("0x%08x", d.create.initval);
    }

    /** The bitmask option's address. */
    static String bitmask(Data d, Opt opt, Names names, boolean resolve) {
        return dotted(d.create.bitmask);
    }

    /** ipset_print_comment: quoted. */
    static String comment(Data d, Opt opt, Names names, boolean resolve) {
        return "\"" + d.element.comment + "\"";
    }

    /** ipset_print_skbmark: 0xMARK, with /0xMASK unless the mask is all ones. */
    static String skbMark(Data d, Opt opt, Names names, boolean resolve) {
        long v = d.element.skbMark;
        long mark = v >>> 32;
        long mask = v & 0xFFFFFFFFL;
        return mask == 0xFFFFFFFFL ? "0x" + Long.toHexString(mark)
                : "0x" + Long.toHexString(mark) + "/0x" + Long.toHexString(mask);
    }

    /** ipset_print_skbprio: MAJOR:MINOR in hex. */
    static String skbPrio(Data d, Opt opt, Names names, boolean resolve) {
        long v = d.element.skbPrio;
        return Long.toHexString(v >>> 16) + ":" + Long.toHexString(v & 0xFFFF);
    }

    /** ipset_print_flag: a flag prints its name only. */
    static String flag(Data d, Opt opt, Names names, boolean resolve) {
        return "";
    }
}
