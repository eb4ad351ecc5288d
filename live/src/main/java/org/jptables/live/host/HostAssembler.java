package org.jptables.live.host;

import static org.jptables.live.host.Rtnetlink.*;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jptables.api.Addresses;
import org.jptables.kernel.host.HostConfig;
import org.jptables.live.netlink.Libc;
import org.jptables.live.netlink.MessageReader;

/**
 * Gathers the answers of one reading of the host (RTM_NEWLINK, RTM_NEWADDR, RTM_NEWROUTE,
 * RTM_NEWNEIGH, RTM_NEWNETCONF messages, in any order) and makes the {@link HostConfig} of them:
 * interfaces in ifindex order with their kernel ifindex, IPv4 addresses, the main table's unicast
 * routes, neighbours with a usable MAC address and net.ipv4.ip_forward. Runs when the host changes,
 * not per packet: it may allocate.
 */
final class HostAssembler {
    /** Neighbour states whose link-layer address the kernel sends packets to. */
    private static final int USABLE_STATES = NUD_REACHABLE | NUD_STALE | NUD_DELAY | NUD_PROBE | NUD_PERMANENT;

    private final Map<Integer, Link> links = new TreeMap<>();
    /** Addresses as {ifindex, address, prefix}: they wait for the links, a reading may answer in any order. */
    private final List<int[]> addresses = new ArrayList<>();
    private final List<Route> routes = new ArrayList<>();
    private final List<Neighbour> neighbours = new ArrayList<>();
    private final List<String> leftOut = new ArrayList<>();
    private int otherTables;
    private Boolean forwarding;

    private static final class Link {
        final int index;
        final String name;
        final String mac;
        final int mtu;
        final boolean up;
        final List<int[]> addresses = new ArrayList<>();

        Link(int index, String name, String mac, int mtu, boolean up) {
            this.index = index;
            this.name = name;
            this.mac = mac;
            this.mtu = mtu;
            this.up = up;
        }
    }

    private record Route(int destination, int prefix, int via, int device, int source, int protocol, int scope,
            int realms) {
    }

    private record Neighbour(int address, String mac, int device) {
    }

    /** Takes the message {@code reader} stands on; messages of other types are not the host's. */
    void accept(MessageReader reader) {
        switch (reader.type()) {
            case RTM_NEWLINK -> link(reader);
            case RTM_NEWADDR -> address(reader);
            case RTM_NEWROUTE -> route(reader);
            case RTM_NEWNEIGH -> neighbour(reader);
            case RTM_NEWNETCONF -> netconf(reader);
            default -> {
            }
        }
    }

    private static long header(MessageReader reader) {
        return reader.messageOffset() + 16;
    }

    private void link(MessageReader reader) {
        long h = header(reader);
        int index = reader.u32(h + 4);
        int flags = reader.u32(h + 8);
        String name = null;
        String mac = null;
        int mtu = 0;
        for (long a = reader.firstAttribute(IFINFOMSG); a >= 0; a = reader.nextAttribute(a)) {
            switch (reader.attributeType(a)) {
                case IFLA_IFNAME -> name = reader.string(reader.payload(a), reader.attributeLength(a));
                // an Ethernet-like address only: tunnels have none or one of 4 or 16 bytes
                case IFLA_ADDRESS -> mac = reader.attributeLength(a) == 6 ? mac(reader, reader.payload(a)) : null;
                case IFLA_MTU -> mtu = reader.u32(reader.payload(a));
                default -> {
                }
            }
        }
        if (name == null) {
            leftOut.add("link " + index + ": no name (IFLA_IFNAME)");
            return;
        }
        links.put(index, new Link(index, name, mac, mtu, (flags & IFF_UP) != 0));
    }

    private void address(MessageReader reader) {
        long h = header(reader);
        if (reader.u8(h) != Libc.AF_INET) {
            return;
        }
        int prefix = reader.u8(h + 1);
        int index = reader.u32(h + 4);
        long local = -1;
        long address = -1;
        for (long a = reader.firstAttribute(IFADDRMSG); a >= 0; a = reader.nextAttribute(a)) {
            if (reader.attributeLength(a) == 4) {
                switch (reader.attributeType(a)) {
                    case IFA_LOCAL -> local = reader.u32be(reader.payload(a)) & 0xFFFFFFFFL;
                    case IFA_ADDRESS -> address = reader.u32be(reader.payload(a)) & 0xFFFFFFFFL;
                    default -> {
                    }
                }
            }
        }
        // on a point-to-point link IFA_ADDRESS is the peer's: IFA_LOCAL is the host's own
        long own = local >= 0 ? local : address;
        if (own < 0) {
            leftOut.add("an address of link " + index + " without IFA_LOCAL or IFA_ADDRESS");
            return;
        }
        addresses.add(new int[] {index, (int) own, prefix});
    }

    private void route(MessageReader reader) {
        long h = header(reader);
        if (reader.u8(h) != Libc.AF_INET) {
            return;
        }
        int prefix = reader.u8(h + 1);
        int sourcePrefix = reader.u8(h + 2);
        int tos = reader.u8(h + 3);
        int table = reader.u8(h + 4);
        int protocol = reader.u8(h + 5);
        int scope = reader.u8(h + 6);
        int type = reader.u8(h + 7);
        int flags = reader.u32(h + 8);
        int destination = 0;
        int via = 0;
        int device = 0;
        int source = 0;
        int nexthopObject = 0;
        int nexthops = 1;
        int realms = 0;
        for (long a = reader.firstAttribute(RTMSG); a >= 0; a = reader.nextAttribute(a)) {
            long p = reader.payload(a);
            switch (reader.attributeType(a)) {
                case RTA_TABLE -> table = reader.u32(p);
                case RTA_DST -> destination = reader.u32be(p);
                case RTA_GATEWAY -> via = reader.u32be(p);
                case RTA_OIF -> device = reader.u32(p);
                case RTA_PREFSRC -> source = reader.u32be(p);
                case RTA_NH_ID -> nexthopObject = reader.u32(p);
                case RTA_FLOW -> realms = reader.u32(p);
                case RTA_MULTIPATH -> {
                    // struct rtnexthop { len u16, flags u8, hops u8, ifindex s32 } then its attributes
                    int[] first = firstNexthop(reader, p, reader.attributeLength(a));
                    device = first[0];
                    via = first[1];
                    nexthops = first[2];
                }
                default -> {
                }
            }
        }
        if (table == RT_TABLE_LOCAL || (flags & RTM_F_CLONED) != 0) {
            return; // the local table is the host's addresses, which Host derives from them
        }
        if (table != RT_TABLE_MAIN) {
            otherTables++;
            return;
        }
        String what = "route " + (type == RTN_UNICAST ? "" : Rtnetlink.routeTypeName(type) + " ")
                + destination(destination, prefix);
        if (type != RTN_UNICAST) {
            if (type != RTN_LOCAL && type != RTN_BROADCAST) {
                leftOut.add(what + ": the host model has unicast routes only");
            }
            return;
        }
        if (sourcePrefix != 0 || tos != 0) {
            leftOut.add(what + (sourcePrefix != 0 ? " from a source prefix" : " for tos " + tos)
                    + ": the host model routes by destination only");
            return;
        }
        if (nexthopObject != 0 && device == 0) {
            leftOut.add(what + ": its next hop is nexthop object " + nexthopObject + ", which is not read");
            return;
        }
        if (nexthops > 1) {
            leftOut.add(what + ": multipath, only its first of " + nexthops + " next hops is kept");
        }
        routes.add(new Route(destination, prefix, via, device, source, protocol, scope, realms));
    }

    /** RTA_FLOW as host.yaml writes a route's realms: "TO", "FROM/TO", or null for none. */
    private static String realms(int flow) {
        if (flow == 0) {
            return null;
        }
        int from = flow >>> 16;
        int to = flow & 0xFFFF;
        return from == 0 ? Integer.toString(to) : from + "/" + to;
    }

    /** The first next hop of RTA_MULTIPATH: {ifindex, gateway, how many there are}. */
    private static int[] firstNexthop(MessageReader reader, long at, int length) {
        int count = 0;
        int[] first = {0, 0, 0};
        for (long nh = at; nh + 8 <= at + length; ) {
            int nhLength = reader.u16(nh);
            if (nhLength < 8) {
                break;
            }
            if (count == 0) {
                first[0] = reader.u32(nh + 4);
                for (long a = nh + 8; a + 4 <= nh + nhLength; a += ((reader.u16(a) + 3) & ~3)) {
                    if (reader.attributeType(a) == RTA_GATEWAY && reader.attributeLength(a) == 4) {
                        first[1] = reader.u32be(reader.payload(a));
                    }
                    if (reader.u16(a) < 4) {
                        break;
                    }
                }
            }
            count++;
            nh += (nhLength + 3) & ~3;
        }
        first[2] = count;
        return first;
    }

    private void neighbour(MessageReader reader) {
        long h = header(reader);
        int state = reader.u16(h + 8);
        int flags = reader.u8(h + 10);
        if (reader.u8(h) != Libc.AF_INET || (state & USABLE_STATES) == 0 || (flags & NTF_PROXY) != 0) {
            return;
        }
        int device = reader.u32(h + 4);
        long address = -1;
        String mac = null;
        for (long a = reader.firstAttribute(NDMSG); a >= 0; a = reader.nextAttribute(a)) {
            if (reader.attributeType(a) == NDA_DST && reader.attributeLength(a) == 4) {
                address = reader.u32be(reader.payload(a)) & 0xFFFFFFFFL;
            } else if (reader.attributeType(a) == NDA_LLADDR && reader.attributeLength(a) == 6) {
                mac = mac(reader, reader.payload(a));
            }
        }
        if (address >= 0 && mac != null) {
            neighbours.add(new Neighbour((int) address, mac, device));
        }
    }

    private void netconf(MessageReader reader) {
        if (reader.u8(header(reader)) != Libc.AF_INET) {
            return;
        }
        Integer index = null;
        Integer value = null;
        for (long a = reader.firstAttribute(NETCONFMSG); a >= 0; a = reader.nextAttribute(a)) {
            switch (reader.attributeType(a)) {
                case NETCONFA_IFINDEX -> index = reader.u32(reader.payload(a));
                case NETCONFA_FORWARDING -> value = reader.u32(reader.payload(a));
                default -> {
                }
            }
        }
        // net.ipv4.ip_forward is the "all" devconf's forwarding
        if (index != null && index == NETCONFA_IFINDEX_ALL && value != null) {
            forwarding = value != 0;
        }
    }

    /** Whether an RTM_NEWNETCONF said net.ipv4.ip_forward. */
    boolean knowsForwarding() {
        return forwarding != null;
    }

    /** The host these messages describe; {@code forwarding} stays null when no RTM_NEWNETCONF said it. */
    HostSnapshot build() {
        List<String> notes = new ArrayList<>(leftOut);
        for (int[] a : addresses) {
            Link link = links.get(a[0]);
            if (link == null) {
                notes.add("address " + Addresses.format(a[1]) + "/" + a[2] + " of link " + a[0]
                        + ", which the link dump did not have");
            } else {
                link.addresses.add(new int[] {a[1], a[2]});
            }
        }
        List<HostConfig.InterfaceConfig> interfaces = new ArrayList<>();
        for (Link l : links.values()) {
            List<String> texts = l.addresses.stream().map(a -> Addresses.format(a[0]) + "/" + a[1]).toList();
            interfaces.add(new HostConfig.InterfaceConfig(l.name, l.index, l.mac, texts, l.mtu, l.up ? null : false));
        }
        List<HostConfig.RouteConfig> routeConfigs = new ArrayList<>();
        for (Route r : routes) {
            Link link = links.get(r.device());
            if (link == null) {
                notes.add("route " + destination(r.destination(), r.prefix()) + ": its device " + r.device()
                        + " is not in the link dump");
            } else if (!derived(r, link)) {
                routeConfigs.add(new HostConfig.RouteConfig(destination(r.destination(), r.prefix()),
                        r.via() == 0 ? null : Addresses.format(r.via()), link.name,
                        r.source() == 0 ? null : Addresses.format(r.source()), realms(r.realms())));
            }
        }
        if (otherTables > 0) {
            notes.add(otherTables + " routes of tables other than main and local: the host model has one table");
        }
        List<HostConfig.NeighbourConfig> neighbourConfigs = new ArrayList<>();
        // the neighbour table dumps in hash order: sorted, two readings of one table compare equal
        neighbours.sort(Comparator.comparingInt(Neighbour::device)
                .thenComparingLong(n -> Integer.toUnsignedLong(n.address())));
        for (Neighbour n : neighbours) {
            Link link = links.get(n.device());
            if (link == null) {
                notes.add("neighbour " + Addresses.format(n.address()) + ": its device " + n.device()
                        + " is not in the link dump");
            } else {
                neighbourConfigs.add(new HostConfig.NeighbourConfig(Addresses.format(n.address()), n.mac(), link.name));
            }
        }
        return new HostSnapshot(new HostConfig(forwarding, interfaces, neighbourConfigs, routeConfigs), notes);
    }

    /** The prefix route the kernel adds for an address, which Host adds for it as well. */
    private static boolean derived(Route r, Link link) {
        if (r.protocol() != RTPROT_KERNEL || r.scope() != RT_SCOPE_LINK || r.via() != 0) {
            return false;
        }
        for (int[] a : link.addresses) {
            int mask = a[1] == 0 ? 0 : -1 << (32 - a[1]);
            if (a[1] == r.prefix() && (a[0] & mask) == r.destination()) {
                return true;
            }
        }
        return false;
    }

    private static String destination(int network, int prefix) {
        return prefix == 0 ? "default" : Addresses.format(network) + "/" + prefix;
    }

    private static String mac(MessageReader reader, long at) {
        StringBuilder s = new StringBuilder(17);
        for (int i = 0; i < 6; i++) {
            if (i > 0) {
                s.append(':');
            }
            int b = reader.u8(at + i);
            s.append(Character.forDigit(b >> 4, 16)).append(Character.forDigit(b & 0xF, 16));
        }
        return s.toString();
    }
}
