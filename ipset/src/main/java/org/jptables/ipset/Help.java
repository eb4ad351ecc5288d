package org.jptables.ipset;

/**
 * ipset 7.17's help: the commands and options, each type's own help, and the set types its
 * library knows with their revisions (ipset_types(), also those the running kernel lacks).
 */
final class Help {
    /** Every revision of every type ipset 7.17 knows, as its help lists them. */
    private static final String[][] REVISIONS = {
            new String[] {"list:set", "3", "skbinfo support"},
            new String[] {"list:set", "2", "comment support"},
            new String[] {"list:set", "1", "counters support"},
            new String[] {"list:set", "0", "Initial revision"},
            new String[] {"hash:mac", "1", "bucketsize, initval support"},
            new String[] {"hash:mac", "0", "Initial revision"},
            new String[] {"hash:ip,mac", "1", "bucketsize, initval support"},
            new String[] {"hash:ip,mac", "0", "Initial revision"},
            new String[] {"hash:net,iface", "8", "bucketsize, initval support"},
            new String[] {"hash:net,iface", "7", "skbinfo and wildcard support"},
            new String[] {"hash:net,iface", "6", "skbinfo support"},
            new String[] {"hash:net,iface", "5", "forceadd support"},
            new String[] {"hash:net,iface", "4", "comment support"},
            new String[] {"hash:net,iface", "3", "counters support"},
            new String[] {"hash:net,iface", "2", "/0 network support"},
            new String[] {"hash:net,iface", "1", "nomatch flag support"},
            new String[] {"hash:net,iface", "0", "Initial revision"},
            new String[] {"hash:net,port", "8", "bucketsize, initval support"},
            new String[] {"hash:net,port", "7", "skbinfo support"},
            new String[] {"hash:net,port", "6", "forceadd support"},
            new String[] {"hash:net,port", "5", "comment support"},
            new String[] {"hash:net,port", "4", "counters support"},
            new String[] {"hash:net,port", "3", "nomatch flag support"},
            new String[] {"hash:net,port", "2", "Add/del range support"},
            new String[] {"hash:net,port", "1", "SCTP and UDPLITE support"},
            new String[] {"hash:net,port,net", "3", "bucketsize, initval support"},
            new String[] {"hash:net,port,net", "2", "skbinfo support"},
            new String[] {"hash:net,port,net", "1", "forceadd support"},
            new String[] {"hash:net,port,net", "0", "initial revision"},
            new String[] {"hash:net,net", "4", "netmask and bitmask support"},
            new String[] {"hash:net,net", "3", "bucketsize, initval support"},
            new String[] {"hash:net,net", "2", "skbinfo support"},
            new String[] {"hash:net,net", "1", "forceadd support"},
            new String[] {"hash:net,net", "0", "initial revision"},
            new String[] {"hash:net", "7", "bucketsize, initval support"},
            new String[] {"hash:net", "6", "skbinfo support"},
            new String[] {"hash:net", "5", "forceadd support"},
            new String[] {"hash:net", "4", "comment support"},
            new String[] {"hash:net", "3", "counters support"},
            new String[] {"hash:net", "2", "nomatch flag support"},
            new String[] {"hash:net", "1", "Add/del range support"},
            new String[] {"hash:net", "0", "Initial revision"},
            new String[] {"hash:ip,port,net", "8", "bucketsize, initval support"},
            new String[] {"hash:ip,port,net", "7", "skbinfo support"},
            new String[] {"hash:ip,port,net", "6", "forceadd support"},
            new String[] {"hash:ip,port,net", "5", "comment support"},
            new String[] {"hash:ip,port,net", "4", "counters support"},
            new String[] {"hash:ip,port,net", "3", "nomatch flag support"},
            new String[] {"hash:ip,port,net", "2", "Add/del range support"},
            new String[] {"hash:ip,port,net", "1", "SCTP and UDPLITE support"},
            new String[] {"hash:ip,port,ip", "6", "bucketsize, initval support"},
            new String[] {"hash:ip,port,ip", "5", "skbinfo support"},
            new String[] {"hash:ip,port,ip", "4", "forceadd support"},
            new String[] {"hash:ip,port,ip", "3", "comment support"},
            new String[] {"hash:ip,port,ip", "2", "counters support"},
            new String[] {"hash:ip,port,ip", "1", "SCTP and UDPLITE support"},
            new String[] {"hash:ip,mark", "3", "bucketsize, initval support"},
            new String[] {"hash:ip,mark", "2", "skbinfo support"},
            new String[] {"hash:ip,mark", "1", "forceadd support"},
            new String[] {"hash:ip,mark", "0", "initial revision"},
            new String[] {"hash:ip,port", "7", "netmask and bitmask support"},
            new String[] {"hash:ip,port", "6", "bucketsize, initval support"},
            new String[] {"hash:ip,port", "5", "skbinfo support"},
            new String[] {"hash:ip,port", "4", "forceadd support"},
            new String[] {"hash:ip,port", "3", "comment support"},
            new String[] {"hash:ip,port", "2", "counters support"},
            new String[] {"hash:ip,port", "1", "SCTP and UDPLITE support"},
            new String[] {"hash:ip", "6", "bitmask support"},
            new String[] {"hash:ip", "5", "bucketsize, initval support"},
            new String[] {"hash:ip", "4", "skbinfo support"},
            new String[] {"hash:ip", "3", "forceadd support"},
            new String[] {"hash:ip", "2", "comment support"},
            new String[] {"hash:ip", "1", "counters support"},
            new String[] {"hash:ip", "0", "Initial revision"},
            new String[] {"bitmap:port", "3", "skbinfo support"},
            new String[] {"bitmap:port", "2", "comment support"},
            new String[] {"bitmap:port", "1", "counters support"},
            new String[] {"bitmap:port", "0", "Initial revision"},
            new String[] {"bitmap:ip,mac", "3", "skbinfo support"},
            new String[] {"bitmap:ip,mac", "2", "comment support"},
            new String[] {"bitmap:ip,mac", "1", "counters support"},
            new String[] {"bitmap:ip,mac", "0", "Initial revision"},
            new String[] {"bitmap:ip", "3", "skbinfo support"},
            new String[] {"bitmap:ip", "2", "comment support"},
            new String[] {"bitmap:ip", "1", "counters support"},
            new String[] {"bitmap:ip", "0", "Initial revision"}
    };

    private Help() {
    }

    /** default_help: the usage, the commands, the options. */
    static String general() {
        StringBuilder out = new StringBuilder();
        out.append("ipset v").append(IpsetTool.VERSION).append("\n\nUsage: ipset [options] COMMAND\n\nCommands:\n");
        for (CommandName c : CommandName.values()) {
            out.append(c.names[0]).append(' ').append(c.help).append('\n');
        }
        out.append("\nOptions:\n");
        for (EnvOption o : EnvOption.values()) {
            out.append(o.names[0]).append(' ').append(o.help).append('\n');
        }
        return out.toString();
    }

    /** The list of types after the general help. */
    static String types() {
        StringBuilder out = new StringBuilder("\nSupported set types:\n");
        for (String[] r : REVISIONS) {
            out.append("    ").append(r[0]).append('\t').append(r[0].length() < 12 ? "\t" : "").append(r[1])
                    .append('\t').append(r[2]).append('\n');
        }
        return out.toString();
    }

    /** The help of one type, after the general help. */
    static String type(TypeDef t) {
        StringBuilder out = new StringBuilder("\n").append(t.name).append(" type specific options:\n\n");
        String[] prefix = {"create SETNAME", "add    SETNAME", "del    SETNAME", "test   SETNAME"};
        for (int c = TypeDef.CREATE; c <= TypeDef.TEST; c++) {
            TypeDef.Command cmd = t.command(c);
            out.append(prefix[c]).append(' ').append(t.name).append(' ').append(cmd.help()).append('\n');
            for (Keyword k : cmd.args()) {
                if (k.help == null || k.help.isEmpty()) {
                    continue;
                }
                out.append("               ").append(k.help).append('\n');
            }
        }
        out.append('\n').append(t.usage).append('\n');
        if (t.portUsage) {
            out.append(portUsage());
        }
        if (t.family == Data.UNSPEC) {
            out.append("\nType ").append(t.name).append(" is family neutral.\n");
        } else if (t.family == TypeDef.FAMILY_BOTH) {
            out.append("\nType ").append(t.name).append(" supports inet and inet6.\n");
        } else {
            out.append("\nType ").append(t.name).append(" supports family inet only.\n");
        }
        return out.toString();
    }

    /** ipset_port_usage. */
    private static String portUsage() {
        StringBuilder out = new StringBuilder("      [PROTO:]PORT is a valid pattern of the following:\n"
                + "           PORTNAME         TCP port name from /etc/services\n"
                + "           PORTNUMBER       TCP port number identifier\n"
                + "           tcp|sctp|udp|udplite:PORTNAME|PORTNUMBER\n"
                + "           icmp:CODENAME    supported ICMP codename\n"
                + "           icmp:TYPE/CODE   ICMP type/code value\n"
                + "           icmpv6:CODENAME  supported ICMPv6 codename\n"
                + "           icmpv6:TYPE/CODE ICMPv6 type/code value\n"
                + "           PROTO:0          all other protocols\n\n");
        out.append("           Supported ICMP codenames:\n");
        for (IcmpNames.Code c : IcmpNames.ICMP) {
            out.append("               ").append(c.name()).append('\n');
        }
        out.append("           Supported ICMPv6 codenames:\n");
        for (IcmpNames.Code c : IcmpNames.ICMPV6) {
            out.append("               ").append(c.name()).append('\n');
        }
        return out.toString();
    }
}
