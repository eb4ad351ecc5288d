package org.jptables.ipset;

/**
 * The value readers of libipset's parse.c other than addresses: ports and protocols, Ethernet
 * addresses, set names, numbers, timeouts, netmasks, comments and skbinfo, each with libipset's
 * message. A reader returns false after putting its message in the session's report.
 */
final class Parsers {
    /** IPSET_MAXNAMELEN - 1. */
    static final int MAX_NAME = 31;
    /** IPSET_MAX_COMMENT_SIZE. */
    static final int MAX_COMMENT = 255;

    /** A reader of one option's value. */
    @FunctionalInterface
    interface Parser {
        boolean parse(Session session, Opt opt, String text);
    }

    private Parsers() {
    }

    /** check_setname. */
    static boolean setName(Session s, Opt opt, String text) {
        if (text.length() > MAX_NAME) {
            return s.report.syntax("setname '" + text + "' is longer than " + MAX_NAME + " characters");
        }
        switch (opt) {
            case SETNAME -> s.data.setName = text;
            case SETNAME2 -> s.data.setName2 = text;
            default -> s.data.element.name = text;
        }
        s.data.set(opt);
        return true;
    }

    /** ipset_parse_ether: six hex bytes separated by colons. */
    static boolean ether(Session s, Opt opt, String text) {
        if (text.length() <= 17) {
            long mac = 0;
            int p = 0;
            boolean ok = true;
            for (int i = 0; i < 6 && ok; i++) {
                int end = p;
                // strtol(.., 16): blanks, a sign, an optional 0x, hex digits
                while (end < text.length() && Character.isWhitespace(text.charAt(end))) {
                    end++;
                }
                boolean negative = end < text.length() && text.charAt(end) == '-';
                if (end < text.length() && (text.charAt(end) == '+' || text.charAt(end) == '-')) {
                    end++;
                }
                if (end + 1 < text.length() && text.charAt(end) == '0' && (text.charAt(end + 1) | 0x20) == 'x'
                        && end + 2 < text.length() && Character.digit(text.charAt(end + 2), 16) >= 0) {
                    end += 2;
                }
                int digits = end;
                long number = 0;
                while (end < text.length() && Character.digit(text.charAt(end), 16) >= 0) {
                    number = number * 16 + Character.digit(text.charAt(end), 16);
                    end++;
                }
                if (end == digits) {
                    end = p;
                    number = 0;
                }
                if (negative) {
                    number = -number;
                }
                boolean sep = end < text.length() && text.charAt(end) == ':' && i < 5;
                boolean last = end == text.length() && i == 5;
                ok = (sep || last) && number >= 0 && number <= 255;
                mac = mac << 8 | number;
                p = end + 1;
            }
            if (ok) {
                s.data.element.mac = mac;
                s.data.set(opt);
                return true;
            }
        }
        return s.report.syntax("cannot parse '" + text + "' as ethernet address");
    }

    /** parse_portname: a service name of the protocol; a warning when there is none. */
    private static int portName(Session s, String text, String proto) {
        String name = AddressParsers.stripEscape(s.report, text);
        if (name != null) {
            String protoName = proto;
            Long number = Numbers.inRange(s.report, proto, 0, 255, true);
            if (number != null) {
                protoName = s.names.protocolName(number.intValue());
            }
            if (protoName != null) {
                int port = s.names.servicePort(name, protoName);
                if (port >= 0) {
                    return port;
                }
            }
        }
        s.report.warn("cannot parse '" + text + "' as a " + proto + " port");
        return -1;
    }

    /** ipset_parse_port: a number, else a service name; both failures reported. */
    private static boolean port(Session s, Opt opt, String text, String proto) {
        Long number = Numbers.inRange(s.report, text, 0, 0xFFFF, true);
        int port;
        if (number != null) {
            port = number.intValue();
        } else {
            port = portName(s, text, proto);
            if (port < 0) {
                s.report.warningAsError();
                return false;
            }
            s.report.reset();
        }
        if (opt == Opt.PORT) {
            s.data.element.port = port;
        } else {
            s.data.element.portTo = port;
        }
        s.data.set(opt);
        return true;
    }

    /** ipset_parse_tcpudp_port: a port or a range of ports of the protocol. */
    static boolean portRange(Session s, Opt opt, String text, String proto) {
        int dash = AddressParsers.rangeSeparator(s.report, text);
        if (dash == -2 || dash == 0) {
            return false;
        }
        if (dash > 0) {
            if (!port(s, Opt.PORT_TO, text.substring(dash + 1), proto)) {
                return false;
            }
            text = text.substring(0, dash);
        }
        return port(s, opt, text, proto);
    }

    /** ipset_parse_proto: a number, else a name of /etc/protocols (icmpv6 spelled as it is). */
    static boolean proto(Session s, Opt opt, String text) {
        Long number = Numbers.inRange(s.report, text, 0, 255, true);
        int proto;
        if (number != null) {
            proto = number.intValue();
        } else {
            s.report.reset();
            proto = s.names.protocolNumber(text.equalsIgnoreCase("icmpv6") ? "ipv6-icmp" : text);
            if (proto < 0) {
                return s.report.syntax("cannot parse '" + text + "' as a protocol");
            }
            if (proto == 0) {
                return s.report.syntax("Unsupported protocol '" + text + "'");
            }
        }
        s.data.element.proto = proto;
        s.data.set(Opt.PROTO);
        return true;
    }

    /** ipset_parse_icmp: a name, else TYPE/CODE. */
    private static boolean icmp(Session s, Opt opt, String text) {
        int typeCode = IcmpNames.typeCode(text);
        if (typeCode < 0) {
            int slash = AddressParsers.separator(text, "/");
            if (slash < 0) {
                return s.report.error("Cannot parse " + text + " as an ICMP type/code.");
            }
            Long type = Numbers.inRange(s.report, text.substring(0, slash), 0, 255, false);
            if (type == null) {
                return false;
            }
            Long code = Numbers.inRange(s.report, text.substring(slash + 1), 0, 255, false);
            if (code == null) {
                return false;
            }
            typeCode = (int) (type << 8 | code);
        }
        s.data.element.port = typeCode;
        s.data.set(opt);
        return true;
    }

    /** ipset_parse_proto_port: [PROTO:]PORT, tcp by default; ICMP types; 0 for other protocols. */
    static boolean protoPort(Session s, Opt opt, String text) {
        int colon = AddressParsers.separator(text, ":");
        if (colon < 0) {
            s.data.element.proto = 6;
            s.data.set(Opt.PROTO);
            return portRange(s, opt, text, "tcp");
        }
        String protoText = text.substring(0, colon);
        String rest = text.substring(colon + 1);
        if (!proto(s, Opt.PROTO, protoText)) {
            return false;
        }
        int p = s.data.element.proto;
        switch (p) {
            case 6, 132, 17, 136:
                return portRange(s, opt, rest, protoText);
            case 1:
                if (s.data.family != Data.INET) {
                    return s.report.syntax("Protocol ICMP can be used with family inet only");
                }
                return icmp(s, opt, rest);
            case 58:
                return s.report.syntax("Protocol ICMPv6 can be used with family inet6 only");
            default:
                if (!rest.equals("0")) {
                    return s.report.syntax("Protocol " + protoText + " can be used with pseudo port value 0 only.");
                }
                s.data.element.port = 0;
                s.data.set(opt);
                return true;
        }
    }

    /** ipset_parse_tcp_udp_port: bitmap:port's ports, TCP or UDP only; the protocol is not kept. */
    static boolean tcpUdpPort(Session s, Opt opt, String text) {
        if (!protoPort(s, opt, text)) {
            return false;
        }
        int p = s.data.element.proto;
        if (p != 6 && p != 17) {
            return s.report.syntax("Only protocols TCP and UDP are valid");
        }
        s.data.unset(Opt.PROTO);
        return true;
    }

    /** ipset_parse_single_tcp_port: the old from/to options of bitmap:port. */
    static boolean singleTcpPort(Session s, Opt opt, String text) {
        return port(s, opt, text, "tcp");
    }

    /** ipset_parse_family. */
    static boolean family(Session s, Opt opt, String text) {
        Data d = s.data;
        if (d.has(Opt.FAMILY) && !d.familyImplied) {
            s.report.syntax("protocol family may not be specified multiple times");
        }
        int family;
        switch (text) {
            case "inet", "ipv4", "-4" -> family = Data.INET;
            case "inet6", "ipv6", "-6" -> family = Data.INET6;
            case "any", "unspec" -> family = Data.UNSPEC;
            default -> {
                return s.report.syntax("unknown inet family " + text);
            }
        }
        d.family = family;
        d.familyImplied = false;
        d.set(Opt.FAMILY);
        return true;
    }

    /** ipset_parse_timeout: at most what jiffies hold. */
    static boolean timeout(Session s, Opt opt, String text) {
        Long v = Numbers.inRange(s.report, text, 0, (0xFFFFFFFFL >>> 1) / 1000, false);
        if (v == null) {
            return false;
        }
        s.data.element.timeout = v;
        s.data.set(opt);
        return true;
    }

    /** ipset_parse_uint64/32/16/8 by the option's width. */
    static boolean number(Session s, Opt opt, String text) {
        long max = switch (opt) {
            case PACKETS, BYTES -> Numbers.ULLONG_MAX - 1;
            case SKBQUEUE -> 0xFFFF;
            case BUCKETSIZE -> 0xFF;
            default -> 0xFFFFFFFFL;
        };
        Long v = Numbers.inRange(s.report, text, 0, max, false);
        if (v == null) {
            return false;
        }
        switch (opt) {
            case HASHSIZE -> s.data.create.hashSize = v;
            case MAXELEM -> s.data.create.maxElem = v;
            case SIZE -> s.data.create.size = v;
            case INITVAL -> s.data.create.initval = v;
            case BUCKETSIZE -> s.data.create.bucketSize = v.intValue();
            case PACKETS -> s.data.element.packets = v;
            case BYTES -> s.data.element.bytes = v;
            case SKBQUEUE -> s.data.element.skbQueue = v.intValue();
            default -> throw new IllegalArgumentException(opt.name());
        }
        s.data.set(opt);
        return true;
    }

    /** ipset_parse_netmask. */
    static boolean netmask(Session s, Opt opt, String text) {
        Data d = s.data;
        if (d.has(Opt.BITMASK)) {
            return s.report.syntax("bitmask and netmask are mutually exclusive, provide only one");
        }
        if (d.family == Data.UNSPEC) {
            d.family = Data.INET;
            d.familyImplied = true;
        }
        Long v = Numbers.inRange(s.report, text, 0, 255, false);
        if (v != null && (v < 1 || v > 32)) {
            s.report.syntax("'" + text + "' is out of range 1-32");
            v = null;
        }
        if (v == null) {
            return s.report.syntax("netmask is out of the inclusive range of 1-32");
        }
        d.create.netmask = v.intValue();
        d.set(opt);
        return true;
    }

    /** ipset_parse_flag: an option without value. */
    static boolean flag(Session s, Opt opt, String text) {
        switch (opt) {
            case COUNTERS -> s.data.create.counters = true;
            case CREATE_COMMENT -> s.data.create.comment = true;
            case SKBINFO -> s.data.create.skbinfo = true;
            case FORCEADD -> s.data.create.forceadd = true;
            case NOMATCH -> s.data.element.nomatch = true;
            default -> {
            }
        }
        s.data.set(opt);
        return true;
    }

    /** ipset_parse_comment. */
    static boolean comment(Session s, Opt opt, String text) {
        if (text.indexOf('"') >= 0) {
            return s.report.syntax("\" character is not permitted in comments");
        }
        if (text.length() > MAX_COMMENT) {
            return s.report.syntax("Comment is longer than the maximum allowed " + MAX_COMMENT + " characters");
        }
        s.data.element.comment = text;
        s.data.set(opt);
        return true;
    }

    /** ipset_parse_skbmark: 0xMARK or 0xMARK/0xMASK, as sscanf reads them. */
    static boolean skbMark(Session s, Opt opt, String text) {
        long[] mark = Scan.hexPair(text, "0x", "/0x");
        if (mark == null) {
            return s.report.syntax("Invalid skbmark format, it should be:  MARK/MASK or MARK (see manpage)");
        }
        long mask = mark.length == 2 ? mark[1] : 0xFFFFFFFFL;
        s.data.element.skbMark = (mark[0] << 32) | (mask & 0xFFFFFFFFL);
        s.data.set(opt);
        return true;
    }

    /** ipset_parse_skbprio: MAJOR:MINOR in hex. */
    static boolean skbPrio(Session s, Opt opt, String text) {
        long[] prio = Scan.hexPair(text, "", ":");
        if (prio == null || prio.length != 2) {
            return s.report.syntax("Invalid skbprio format, it should be:MAJOR:MINOR (see manpage)");
        }
        s.data.element.skbPrio = ((prio[0] & 0xFFFFFFFFL) << 16 | (prio[1] & 0xFFFF)) & 0xFFFFFFFFL;
        s.data.set(opt);
        return true;
    }

    /** ipset_parse_ignored: an old option, warned about once. */
    static boolean ignored(Session s, Opt opt, String text) {
        if (s.data.ignored.add(opt)) {
            String name = switch (opt) {
                case PROBES -> "probes";
                case RESIZE -> "resize";
                case GC -> "gc";
                case IP -> "from";
                case IP_TO -> "to";
                default -> opt.name().toLowerCase();
            };
            s.report.warn("Option '--" + name + " " + text + "' is ignored. Please upgrade your syntax.");
        }
        return true;
    }

    /** ipset_parse_before and ipset_parse_after. */
    static boolean beforeAfter(Session s, Opt opt, String text, boolean before) {
        if (s.data.has(Opt.NAMEREF)) {
            s.report.syntax("mixed syntax, before|after option already used");
        }
        if (text.length() > MAX_NAME) {
            return s.report.syntax("setname '" + text + "' is longer than " + MAX_NAME + " characters");
        }
        if (before) {
            s.data.element.before = true;
            s.data.set(Opt.BEFORE);
        }
        s.data.element.nameRef = text;
        s.data.set(Opt.NAMEREF);
        return true;
    }

    /** ipset_parse_name_compat: list:set's old {@code NAME,before|after,NAME}. */
    static boolean nameCompat(Session s, Opt opt, String text) {
        if (s.data.has(Opt.NAMEREF)) {
            s.report.syntax("mixed syntax, before|after option already used");
        }
        String name = text;
        String where = null;
        String ref = null;
        int a = AddressParsers.separator(text, ",");
        if (a >= 0) {
            name = text.substring(0, a);
            String rest = text.substring(a + 1);
            int b = AddressParsers.separator(rest, ",");
            if (b >= 0) {
                where = rest.substring(0, b);
                ref = rest.substring(b + 1);
            }
            if (ref == null || !(where.equals("before") || where.equals("after"))) {
                return s.report.error("you must specify elements as setname,[before|after],setname");
            }
        }
        if (name.length() > MAX_NAME) {
            return s.report.syntax("setname '" + name + "' is longer than " + MAX_NAME + " characters");
        }
        s.data.element.name = name;
        s.data.set(opt);
        if (ref == null) {
            return true;
        }
        if (ref.length() > MAX_NAME) {
            return s.report.syntax("setname '" + ref + "' is longer than " + MAX_NAME + " characters");
        }
        s.data.element.nameRef = ref;
        s.data.set(Opt.NAMEREF);
        if (where.equals("before")) {
            s.data.element.before = true;
            s.data.set(Opt.BEFORE);
        }
        return true;
    }
}
