package org.jptables.ipset;

/**
 * The options of create and of the element commands (libipset's args.c): each with its spelling,
 * whether it takes a value, the option it sets, its reader, its printer (none: never listed) and
 * its line in a type's help.
 */
enum Keyword {
    FAMILY("family", true, Opt.FAMILY, Parsers::family, Printers::family, "[family inet|inet6]|[-4|-6]"),
    INET("-4", false, Opt.FAMILY, Parsers::family, null, ""),
    INET6("-6", false, Opt.FAMILY, Parsers::family, null, ""),
    HASHSIZE("hashsize", true, Opt.HASHSIZE, Parsers::number, Printers::number, "[hashsize VALUE]"),
    MAXELEM("maxelem", true, Opt.MAXELEM, Parsers::number, Printers::number, "[maxelem VALUE]"),
    PROBES("probes", true, Opt.PROBES, Parsers::ignored, Printers::number, null),
    RESIZE("resize", true, Opt.RESIZE, Parsers::ignored, Printers::number, null),
    GC("gc", true, Opt.GC, Parsers::ignored, Printers::number, null),
    IGNORED_FROM("from", true, Opt.IP, Parsers::ignored, Printers::number, null),
    IGNORED_TO("to", true, Opt.IP_TO, Parsers::ignored, Printers::number, null),
    IGNORED_NETWORK("network", true, Opt.IP, Parsers::ignored, Printers::number, null),
    SIZE("size", true, Opt.SIZE, Parsers::number, Printers::number, "[size VALUE]"),
    IPRANGE("range", true, Opt.IP, AddressParsers::netRange, Printers::ip, null),
    NETMASK("netmask", true, Opt.NETMASK, Parsers::netmask, Printers::number, "[netmask CIDR]"),
    PORTRANGE("range", true, Opt.PORT, Parsers::tcpUdpPort, Printers::port, null),
    BEFORE("before", true, Opt.NAMEREF, (s, o, t) -> Parsers.beforeAfter(s, o, t, true), null,
            "[before|after NAME]"),
    AFTER("after", true, Opt.NAMEREF, (s, o, t) -> Parsers.beforeAfter(s, o, t, false), null, null),
    FROM_IP("from", true, Opt.IP, (s, o, t) -> AddressParsers.ip(s, o, t, AddressParsers.Kind.PLAIN), null, null),
    TO_IP("to", true, Opt.IP_TO, Keyword::toIp, null, null),
    NETWORK("network", true, Opt.IP, (s, o, t) -> AddressParsers.ip(s, o, t, AddressParsers.Kind.NET), null, null),
    FROM_PORT("from", true, Opt.PORT, Parsers::singleTcpPort, null, null),
    TO_PORT("to", true, Opt.PORT_TO, Parsers::singleTcpPort, null, null),
    FORCEADD("forceadd", false, Opt.FORCEADD, Parsers::flag, Printers::flag, "[forceadd]"),
    NOMATCH("nomatch", false, Opt.NOMATCH, Parsers::flag, Printers::flag, "[nomatch]"),
    TIMEOUT("timeout", true, Opt.TIMEOUT, Parsers::timeout, Printers::number, "[timeout VALUE]"),
    COUNTERS("counters", false, Opt.COUNTERS, Parsers::flag, Printers::flag, "[counters]"),
    PACKETS("packets", true, Opt.PACKETS, Parsers::number, Printers::number, "[packets VALUE]"),
    BYTES("bytes", true, Opt.BYTES, Parsers::number, Printers::number, "[bytes VALUE]"),
    COMMENT("comment", false, Opt.CREATE_COMMENT, Parsers::flag, Printers::flag, "[comment]"),
    ADT_COMMENT("comment", true, Opt.ADT_COMMENT, Parsers::comment, Printers::comment, "[comment \"string\"]"),
    SKBINFO("skbinfo", false, Opt.SKBINFO, Parsers::flag, Printers::flag, "[skbinfo]"),
    SKBMARK("skbmark", true, Opt.SKBMARK, Parsers::skbMark, Printers::skbMark, "[skbmark VALUE]"),
    SKBPRIO("skbprio", true, Opt.SKBPRIO, Parsers::skbPrio, Printers::skbPrio, "[skbprio VALUE]"),
    SKBQUEUE("skbqueue", true, Opt.SKBQUEUE, Parsers::number, Printers::number, "[skbqueue VALUE]"),
    BUCKETSIZE("bucketsize", true, Opt.BUCKETSIZE, Parsers::number, Printers::number, "[bucketsize VALUE]"),
    INITVAL("initval", true, Opt.INITVAL, Parsers::number, Printers::hex, "[initval VALUE]"),
    BITMASK("bitmask", true, Opt.BITMASK, AddressParsers::bitmask, Printers::bitmask, "[bitmask bitmask]");

    final String name;
    final boolean takesValue;
    final Opt opt;
    final Parsers.Parser parser;
    final Printers.Printer printer;
    final String help;

    Keyword(String name, boolean takesValue, Opt opt, Parsers.Parser parser, Printers.Printer printer, String help) {
        this.name = name;
        this.takesValue = takesValue;
        this.opt = opt;
        this.parser = parser;
        this.printer = printer;
        this.help = help;
    }

    /** ipset_match_option: the name, with two leading dashes allowed. */
    boolean matches(String arg) {
        String a = arg.startsWith("--") ? arg.substring(2) : arg;
        return a.equals(name);
    }

    /** The old {@code to} of bitmap:ip: a single address as the range's end. */
    private static boolean toIp(Session s, Opt opt, String text) {
        Long from = s.data.element.ip;
        boolean hadIp = s.data.has(Opt.IP);
        if (!AddressParsers.ip(s, Opt.IP, text, AddressParsers.Kind.PLAIN)) {
            return false;
        }
        s.data.element.ipTo = s.data.element.ip;
        s.data.set(Opt.IP_TO);
        if (hadIp) {
            s.data.element.ip = from;
        } else {
            s.data.unset(Opt.IP);
            s.data.element.ip = null;
        }
        return true;
    }
}
