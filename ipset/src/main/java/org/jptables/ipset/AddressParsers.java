package org.jptables.ipset;

import org.jptables.api.InetAton;

/**
 * The address readers of libipset's parse.c: an address, a net ({@code IP/CIDR}) or a range
 * ({@code FROM-TO}, with {@code [..]} escapes for names holding a dash), each part resolved as
 * gethostbyname2 does (a numeric form, else /etc/hosts), and the checks of what kind of address
 * an element allows.
 */
final class AddressParsers {
    /** What an element part accepts (libipset's enum ipaddr_type). */
    enum Kind { ANY, PLAIN, NET, RANGE }

    private AddressParsers() {
    }

    /**
     * ipset_strchr: the first of {@code separators} found in {@code s}, unless {@code s} starts or
     * ends with it; -1 when none.
     */
    static int separator(String s, String separators) {
        for (int k = 0; k < separators.length(); k++) {
            char c = separators.charAt(k);
            int at = s.indexOf(c);
            if (at >= 0 && !s.isEmpty() && s.charAt(0) != c && s.charAt(s.length() - 1) != c) {
                return at;
            }
        }
        return -1;
    }

    /** escape_range_separator: whether there is a range separator outside a leading escape. */
    static boolean hasRange(String s) {
        String tail = s;
        if (s.startsWith("[")) {
            int end = s.indexOf(']');
            if (end < 0) {
                return false;
            }
            tail = s.substring(end);
        }
        return separator(tail, "-") >= 0;
    }

    /**
     * find_range_separator: the index of the range's dash, -1 for none, or -2 after reporting an
     * escape error.
     */
    static int rangeSeparator(Report report, String s) {
        if (s.startsWith("[")) {
            int esc = s.indexOf(']');
            if (esc < 0) {
                report.syntax("cannot find closing escape character ']' in " + s);
                return -2;
            }
            if (esc + 1 == s.length()) {
                return -1;
            }
            if (s.charAt(esc + 1) != '-') {
                report.syntax("range separator expected after '" + s.substring(0, esc + 1) + "'");
                return -2;
            }
            return esc + 1;
        }
        return separator(s, "-");
    }

    /** strip_escape: the text inside {@code [..]}, or null after reporting a missing {@code ]}. */
    static String stripEscape(Report report, String s) {
        if (s.startsWith("[")) {
            if (!s.endsWith("]")) {
                report.syntax("cannot find closing escape character ']' in " + s);
                return null;
            }
            return s.substring(1, s.length() - 1);
        }
        return s;
    }

    /** gethostbyname2 for AF_INET: a numeric address, else the host's first address; -1 when none. */
    static long resolve(Session session, String host) {
        long numeric = InetAton.parse(host);
        if (numeric >= 0) {
            return numeric;
        }
        int[] found = session.names.hostAddresses(host);
        if (found.length == 0) {
            session.report.syntax("cannot parse " + host + ": resolving to IPv4 address failed");
            return -1;
        }
        if (found.length > 1) {
            session.report.warn(host + " resolves to multiple addresses: using only the first one returned by the resolver.");
            if (!session.has(Session.Env.QUIET)) {
                session.err.print("Warning: " + session.report.text());
            }
            session.report.reset();
        }
        return Integer.toUnsignedLong(found[0]);
    }

    /** parse_ipaddr: an address, {@code IP/CIDR} or {@code FROM-TO} into the first or second address. */
    static boolean address(Session session, Opt opt, String str) {
        Data data = session.data;
        boolean first = opt == Opt.IP;
        String tmp = str;
        String to = null;
        int slash = separator(tmp, "/");
        if (slash >= 0) {
            Long cidr = Numbers.inRange(session.report, tmp.substring(slash + 1), 0, 255, false);
            if (cidr == null) {
                return false;
            }
            if (cidr > 32) {
                return session.report.syntax("'" + tmp.substring(slash + 1) + "' is out of range 0-32");
            }
            if (first) {
                data.element.cidr = cidr.intValue();
                data.set(Opt.CIDR);
            } else {
                data.set(Opt.CIDR2);
            }
            tmp = tmp.substring(0, slash);
        } else {
            int dash = rangeSeparator(session.report, tmp);
            if (dash == -2) {
                return false;
            }
            if (dash >= 0) {
                to = tmp.substring(dash + 1);
                tmp = tmp.substring(0, dash);
            }
        }
        tmp = stripEscape(session.report, tmp);
        if (tmp == null) {
            return false;
        }
        long ip = resolve(session, tmp);
        if (ip < 0) {
            return false;
        }
        if (first) {
            data.element.ip = ip;
            data.set(Opt.IP);
        } else {
            data.element.ip2 = ip;
            data.set(Opt.IP2);
        }
        if (to == null) {
            return true;
        }
        to = stripEscape(session.report, to);
        if (to == null) {
            return false;
        }
        long last = resolve(session, to);
        if (last < 0) {
            return false;
        }
        if (first) {
            data.element.ipTo = last;
            data.set(Opt.IP_TO);
        } else {
            data.set(Opt.IP2_TO);
        }
        return true;
    }

    /** parse_ip: the family defaults to inet; the kind of address the element part allows is checked. */
    static boolean ip(Session session, Opt opt, String str, Kind kind) {
        Data data = session.data;
        if (data.family == Data.UNSPEC) {
            data.family = Data.INET;
            data.familyImplied = true;
        }
        switch (kind) {
            case PLAIN -> {
                int slash = separator(str, "/");
                if (hasRange(str) || (slash >= 0 && !str.substring(slash).equals("/32"))) {
                    return session.report.syntax("plain IP address must be supplied: " + str);
                }
            }
            case NET -> {
                if (separator(str, "/") < 0 || hasRange(str)) {
                    return session.report.syntax("IP/netblock must be supplied: " + str);
                }
            }
            case RANGE -> {
                if (!hasRange(str) || separator(str, "/") >= 0) {
                    return session.report.syntax("IP-IP range must supplied: " + str);
                }
            }
            default -> {
            }
        }
        if (data.family == Data.INET6) {
            return session.report.error("IPv6 sets are not supported by jptables: " + str);
        }
        return address(session, opt, str);
    }

    /** ipset_parse_netrange: bitmap:ip's range, a net or a range. */
    static boolean netRange(Session session, Opt opt, String str) {
        if (!(hasRange(str) || separator(str, "/") >= 0)) {
            return session.report.syntax("IP/cidr or IP-IP range must be specified: " + str);
        }
        return ip(session, opt, str, Kind.ANY);
    }

    /** ipset_parse_bitmask. */
    static boolean bitmask(Session session, Opt opt, String str) {
        Data data = session.data;
        if (data.has(Opt.NETMASK)) {
            return session.report.syntax("bitmask and netmask are mutually exclusive, provide only one");
        }
        if (data.family == Data.UNSPEC) {
            data.family = Data.INET;
            data.familyImplied = true;
        }
        long mask = resolve(session, str);
        if (mask < 0) {
            return session.report.syntax("bitmask is not valid for family = inet");
        }
        data.create.bitmask = mask;
        data.set(Opt.BITMASK);
        return true;
    }
}
