package org.jptables.live.host;

/**
 * The numbers of rtnetlink (NETLINK_ROUTE) the host model reads: message types, family header
 * sizes, attribute types and multicast groups, as include/uapi/linux/rtnetlink.h, if_link.h,
 * if_addr.h, neighbour.h and netconf.h define them.
 */
final class Rtnetlink {
    static final int RTM_NEWLINK = 16;
    static final int RTM_DELLINK = 17;
    static final int RTM_GETLINK = 18;
    static final int RTM_NEWADDR = 20;
    static final int RTM_DELADDR = 21;
    static final int RTM_GETADDR = 22;
    static final int RTM_NEWROUTE = 24;
    static final int RTM_DELROUTE = 25;
    static final int RTM_GETROUTE = 26;
    static final int RTM_NEWNEIGH = 28;
    static final int RTM_DELNEIGH = 29;
    static final int RTM_GETNEIGH = 30;
    static final int RTM_NEWNETCONF = 80;
    static final int RTM_DELNETCONF = 81;
    static final int RTM_GETNETCONF = 82;

    /** nlmsghdr flags of a reply: more parts follow; the dump saw the tables change under it. */
    static final int NLM_F_MULTI = 0x2;
    static final int NLM_F_DUMP_INTR = 0x10;
    /** nlmsgerr flags: only the request's header is echoed; extended-ack attributes follow. */
    static final int NLM_F_CAPPED = 0x100;
    static final int NLM_F_ACK_TLVS = 0x200;
    static final int NLMSGERR_ATTR_MSG = 1;

    /** struct ifinfomsg, ifaddrmsg, rtmsg, ndmsg, netconfmsg. */
    static final int IFINFOMSG = 16;
    static final int IFADDRMSG = 8;
    static final int RTMSG = 12;
    static final int NDMSG = 12;
    static final int NETCONFMSG = 1;

    static final int IFLA_ADDRESS = 1;
    static final int IFLA_IFNAME = 3;
    static final int IFLA_MTU = 4;
    static final int IFF_UP = 0x1;

    static final int IFA_ADDRESS = 1;
    static final int IFA_LOCAL = 2;

    static final int RTA_DST = 1;
    static final int RTA_OIF = 4;
    static final int RTA_GATEWAY = 5;
    static final int RTA_PREFSRC = 7;
    static final int RTA_MULTIPATH = 9;
    /** The route's realms, FROM << 16 | TO (ip route's realm/realms). */
    static final int RTA_FLOW = 11;
    static final int RTA_TABLE = 15;
    static final int RTA_NH_ID = 30;
    static final int RT_TABLE_MAIN = 254;
    static final int RT_TABLE_LOCAL = 255;
    static final int RTN_UNICAST = 1;
    static final int RTN_LOCAL = 2;
    static final int RTN_BROADCAST = 3;
    static final int RTPROT_KERNEL = 2;
    static final int RT_SCOPE_LINK = 253;
    static final int RTM_F_CLONED = 0x200;

    static final int NDA_DST = 1;
    static final int NDA_LLADDR = 2;
    static final int NUD_REACHABLE = 0x02;
    static final int NUD_STALE = 0x04;
    static final int NUD_DELAY = 0x08;
    static final int NUD_PROBE = 0x10;
    static final int NUD_PERMANENT = 0x80;
    static final int NTF_PROXY = 0x08;

    static final int NETCONFA_IFINDEX = 1;
    static final int NETCONFA_FORWARDING = 2;
    static final int NETCONFA_IFINDEX_ALL = -1;

    static final int RTMGRP_LINK = 0x1;
    static final int RTMGRP_NEIGH = 0x4;
    static final int RTMGRP_IPV4_IFADDR = 0x10;
    static final int RTMGRP_IPV4_ROUTE = 0x40;
    /** RTNLGRP_IPV4_NETCONF (24) as a bind(2) group bit: net.ipv4.ip_forward's changes. */
    static final int RTMGRP_IPV4_NETCONF = 1 << (24 - 1);

    private Rtnetlink() {
    }

    /** A route type's name as ip route prints it (rtm_type). */
    static String routeTypeName(int type) {
        String[] names = {"unspec", "unicast", "local", "broadcast", "anycast", "multicast", "blackhole", "unreachable",
            "prohibit", "throw", "nat", "xresolve"};
        return type < names.length ? names[type] : "type " + type;
    }

    /** The message type's name, for messages that say which request failed. */
    static String name(int type) {
        return switch (type) {
            case RTM_GETLINK -> "RTM_GETLINK";
            case RTM_GETADDR -> "RTM_GETADDR";
            case RTM_GETROUTE -> "RTM_GETROUTE";
            case RTM_GETNEIGH -> "RTM_GETNEIGH";
            case RTM_GETNETCONF -> "RTM_GETNETCONF";
            default -> "rtnetlink message " + type;
        };
    }
}
