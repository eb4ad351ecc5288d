package org.jptables.kernel.host;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.jptables.api.Addresses;
import org.jptables.api.OsFingerprint;
import org.jptables.kernel.osf.OsFingerprints;
import org.jptables.kernel.packet.AddressTypes;
import org.jptables.kernel.packet.SocketTable;

/**
 * The host the rules run on: its interfaces and addresses (local delivery or forwarding,
 * addrtype, MASQUERADE's and REJECT's source address), its neighbours' MAC addresses and its
 * routes. Built once from YAML or from a {@link HostConfig} (the live host's, read from the kernel);
 * lookups use arrays, so the packet path allocates nothing.
 */
public final class Host implements AddressTypes {
    private final boolean forwarding;
    private final String[] names;
    private final int[] indexes;
    private final long[] macs;
    private final int[] mtus;
    private final boolean[] ups;
    /** The kernel's ifindexes, ascending, and the position of each: ifindex to interface by binary search. */
    private final int[] sortedIfindexes;
    private final int[] ifindexPositions;
    private final int[][] addresses;
    private final int[][] prefixes;
    private final int[] neighbourAddress;
    private final long[] neighbourMac;
    private final String[] neighbourDevice;
    private final int[] routeNetwork;
    private final int[] routeMask;
    private final int[] routeVia;
    private final int[] routeDevice;
    /** The route's preferred source address (a connected route's is its own address), 0 for none. */
    private final int[] routeSource;
    /** The route's realms, FROM << 16 | TO (RTA_FLOW), 0 for none. */
    private final int[] routeRealm;
    private final HostConfig config;
    private final SocketTable sockets;
    /** Policy routing by mark: a packet whose mark & mask is value is delivered locally. */
    private final int[] localMarkValues;
    private final int[] localMarkMasks;
    /** The passive OS fingerprints loaded (nfnl_osf), for -m osf. */
    private final OsFingerprints fingerprints;
    private final Bridges bridges;

    private Host(HostConfig config) {
        this(config, null, null);
    }

    /**
     * {@code socketTable}: where the host's sockets are looked up; null: conf/host.yaml's {@code sockets}.
     * {@code fingerprints}: the OS fingerprints loaded; null: those of the file host.yaml's {@code osf} names.
     */
    private Host(HostConfig config, SocketTable socketTable, OsFingerprints fingerprints) {
        this.config = config;
        this.fingerprints = fingerprints != null ? fingerprints : fingerprintsOf(config.osf());
        this.sockets = socketTable != null ? socketTable
                : new HostSockets(config.sockets() == null ? List.of() : config.sockets());
        List<String> marks = config.localMarks() == null ? List.of() : config.localMarks();
        localMarkValues = new int[marks.size()];
        localMarkMasks = new int[marks.size()];
        for (int i = 0; i < marks.size(); i++) {
            String[] parts = marks.get(i).split("/");
            String where = "host: localMarks " + (i + 1) + ": ";
            localMarkMasks[i] = parts.length > 1 ? (int) HostSockets.parseMark(parts[1], where) : -1;
            localMarkValues[i] = (int) HostSockets.parseMark(parts[0], where) & localMarkMasks[i];
        }
        this.forwarding = config.forwarding() == null || config.forwarding();
        List<HostConfig.InterfaceConfig> ifs = config.interfaces() == null ? List.of() : config.interfaces();
        int n = ifs.size();
        names = new String[n];
        indexes = new int[n];
        macs = new long[n];
        mtus = new int[n];
        ups = new boolean[n];
        addresses = new int[n][];
        prefixes = new int[n][];
        for (int i = 0; i < n; i++) {
            HostConfig.InterfaceConfig c = ifs.get(i);
            if (c.name() == null || c.name().isEmpty()) {
                throw new IllegalArgumentException("host: interface " + (i + 1) + " has no name");
            }
            names[i] = c.name().intern();
            indexes[i] = c.index() == null ? i + 1 : c.index();
            macs[i] = c.mac() == null ? 0 : parseMac(c.mac());
            mtus[i] = c.mtu() != null ? c.mtu() : "lo".equals(c.name()) ? 65536 : 1500;
            ups[i] = c.up() == null || c.up();
            List<String> as = c.addresses() == null ? List.of() : c.addresses();
            addresses[i] = new int[as.size()];
            prefixes[i] = new int[as.size()];
            for (int j = 0; j < as.size(); j++) {
                String[] parts = as.get(j).split("/");
                addresses[i][j] = Addresses.parse(parts[0]);
                prefixes[i][j] = parts.length > 1 ? Integer.parseInt(parts[1]) : 32;
            }
        }
        sortedIfindexes = indexes.clone();
        Arrays.sort(sortedIfindexes);
        ifindexPositions = new int[n];
        for (int k = 0; k < n; k++) {
            if (k > 0 && sortedIfindexes[k] == sortedIfindexes[k - 1]) {
                throw new IllegalArgumentException("host: two interfaces have the index " + sortedIfindexes[k]);
            }
            for (int i = 0; i < n; i++) {
                if (indexes[i] == sortedIfindexes[k]) {
                    ifindexPositions[k] = i;
                }
            }
        }
        bridges = new Bridges(config.bridges() == null ? List.of() : config.bridges(), n, this::indexOf);
        List<HostConfig.NeighbourConfig> ns = config.neighbours() == null ? List.of() : config.neighbours();
        neighbourAddress = new int[ns.size()];
        neighbourMac = new long[ns.size()];
        neighbourDevice = new String[ns.size()];
        for (int i = 0; i < ns.size(); i++) {
            neighbourAddress[i] = Addresses.parse(ns.get(i).address());
            neighbourMac[i] = parseMac(ns.get(i).mac());
            neighbourDevice[i] = ns.get(i).device();
        }
        List<int[]> routes = new ArrayList<>();
        // connected routes first, as the kernel adds them for each address of an interface that is up
        for (int i = 0; i < n; i++) {
            for (int j = 0; ups[i] && j < addresses[i].length; j++) {
                int mask = mask(prefixes[i][j]);
                routes.add(new int[] {addresses[i][j] & mask, mask, 0, i, addresses[i][j], 0});
            }
        }
        for (HostConfig.RouteConfig r : config.routes() == null ? List.<HostConfig.RouteConfig>of() : config.routes()) {
            int network = 0;
            int mask = 0;
            if (!"default".equals(r.destination())) {
                String[] parts = r.destination().split("/");
                mask = mask(parts.length > 1 ? Integer.parseInt(parts[1]) : 32);
                network = Addresses.parse(parts[0]) & mask;
            }
            int via = r.via() == null ? 0 : Addresses.parse(r.via());
            int dev = r.device() == null ? deviceFor(via) : indexOf(r.device());
            if (dev < 0) {
                throw new IllegalArgumentException("host: route to " + r.destination() + " names no known device");
            }
            int source = r.source() == null ? 0 : Addresses.parse(r.source());
            routes.add(new int[] {network, mask, via, dev, source, realms(r.realm(), r.destination())});
        }
        routes.sort((a, b) -> Integer.compare(Integer.bitCount(b[1]), Integer.bitCount(a[1])));
        routeNetwork = routes.stream().mapToInt(r -> r[0]).toArray();
        routeMask = routes.stream().mapToInt(r -> r[1]).toArray();
        routeVia = routes.stream().mapToInt(r -> r[2]).toArray();
        routeDevice = routes.stream().mapToInt(r -> r[3]).toArray();
        routeSource = routes.stream().mapToInt(r -> r[4]).toArray();
        routeRealm = routes.stream().mapToInt(r -> r[5]).toArray();
    }

    /** ip route's {@code realm TO} or {@code realms FROM/TO} as RTA_FLOW holds them. */
    private static int realms(String text, String route) {
        if (text == null || text.isBlank()) {
            return 0;
        }
        String[] parts = text.strip().split("/", -1);
        if (parts.length > 2) {
            throw new IllegalArgumentException("host: route to " + route + ": realm \"" + text + "\" is not TO or FROM/TO");
        }
        int to = realm(parts[parts.length - 1], text, route);
        int from = parts.length == 2 ? realm(parts[0], text, route) : 0;
        return from << 16 | to;
    }

    private static int realm(String number, String text, String route) {
        try {
            int v = Integer.parseInt(number.strip());
            if (v >= 0 && v <= 0xFFFF) {
                return v;
            }
        } catch (NumberFormatException e) {
            // the message below says what is expected
        }
        throw new IllegalArgumentException("host: route to " + route + ": realm \"" + text
                + "\" is not a number 0-65535 (or FROM/TO)");
    }

    private int deviceFor(int via) {
        for (int i = 0; i < names.length; i++) {
            for (int j = 0; ups[i] && j < addresses[i].length; j++) {
                int mask = mask(prefixes[i][j]);
                if ((addresses[i][j] & mask) == (via & mask)) {
                    return i;
                }
            }
        }
        return -1;
    }

    static int mask(int prefix) {
        return prefix == 0 ? 0 : -1 << (32 - prefix);
    }

    static long parseMac(String text) {
        String[] parts = text.split(":");
        if (parts.length != 6) {
            throw new IllegalArgumentException("host: bad MAC address " + text);
        }
        long v = 0;
        for (String p : parts) {
            v = (v << 8) | Integer.parseInt(p, 16);
        }
        return v;
    }

    /**
     * Reads a host description (YAML); a bad file gives a one-line message naming it. A relative
     * {@code osf} path is taken from the file's folder.
     */
    public static Host read(Path file) throws IOException {
        try (InputStream in = Files.newInputStream(file)) {
            return read(in, file.toString(), file.toAbsolutePath().getParent());
        }
    }

    /** Reads a host description (YAML); a relative {@code osf} path is taken from the working directory. */
    public static Host read(InputStream in, String where) throws IOException {
        return read(in, where, Path.of(""));
    }

    private static Host read(InputStream in, String where, Path folder) throws IOException {
        ObjectMapper yaml = new ObjectMapper(new YAMLFactory());
        try {
            HostConfig c = yaml.readValue(in, HostConfig.class);
            if (c.osf() != null) {
                c = new HostConfig(c.forwarding(), c.interfaces(), c.neighbours(), c.routes(), c.sockets(),
                        c.localMarks(), folder.resolve(c.osf()).toString(), c.bridges());
            }
            return new Host(c);
        } catch (IllegalArgumentException | com.fasterxml.jackson.core.JacksonException e) {
            String message = e instanceof com.fasterxml.jackson.core.JacksonException j ? j.getOriginalMessage() : e.getMessage();
            throw new IOException(where + ": " + message, e);
        }
    }

    /**
     * Builds the host a description gives (the live host's, read from the kernel, say); a bad value
     * throws IllegalArgumentException saying which.
     */
    public static Host of(HostConfig config) {
        return new Host(config);
    }

    /** The conformance topology of shared/conformance: lo, eth0 198.18.0.1/24, eth1 198.18.1.1/24. */
    public static Host conformance() {
        try (InputStream in = Host.class.getResourceAsStream("conformance-host.yaml")) {
            return read(in, "conformance-host.yaml");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * The bridging conformance topology (recorded cases with {@code mode} {@code bridge}): eth0 and
     * eth1 ports of br0 198.18.0.1/24, src 198.18.0.2 behind eth0 and dst 198.18.0.3 behind eth1.
     */
    public static Host conformanceBridge() {
        try (InputStream in = Host.class.getResourceAsStream("conformance-bridge-host.yaml")) {
            return read(in, "conformance-bridge-host.yaml");
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    public boolean forwarding() {
        return forwarding;
    }

    /** The host's sockets (xt_socket's and TPROXY's lookups). */
    public SocketTable sockets() {
        return sockets;
    }

    /**
     * The same host whose sockets are looked up in {@code table} (the live host's, asked of the
     * kernel) instead of those its description lists.
     */
    public Host withSocketTable(SocketTable table) {
        return new Host(config, table, fingerprints);
    }

    /** The same host with these sockets and marks routed locally instead of its own (a conformance case's). */
    public Host with(List<HostConfig.SocketConfig> replacementSockets, List<String> replacementLocalMarks) {
        return new Host(new HostConfig(config.forwarding(), config.interfaces(), config.neighbours(), config.routes(),
                replacementSockets, replacementLocalMarks, config.osf(), config.bridges()), null, fingerprints);
    }

    /** The same host with these OS fingerprints loaded instead of its own (a conformance case's {@code osf}). */
    public Host withOsFingerprints(OsFingerprints replacement) {
        return new Host(config, sockets, replacement);
    }

    /** The OS fingerprints the host has loaded. */
    public OsFingerprints osFingerprints() {
        return fingerprints;
    }

    @Override
    public List<OsFingerprint> osFingerprints(boolean dontFragment) {
        return fingerprints.withDontFragment(dontFragment);
    }

    private static OsFingerprints fingerprintsOf(String file) {
        if (file == null) {
            return OsFingerprints.NONE;
        }
        try {
            return OsFingerprints.read(Path.of(file));
        } catch (IOException e) {
            throw new IllegalArgumentException("host: osf: cannot read " + file + ": " + e.getMessage(), e);
        }
    }

    /**
     * Whether the host's policy routing delivers a packet with this mark locally whatever its
     * destination ({@code localMarks}: TPROXY's {@code ip rule add fwmark VALUE/MASK lookup T} with
     * {@code local 0.0.0.0/0 dev lo} in T); allocates nothing.
     */
    public boolean deliversLocally(int mark) {
        for (int i = 0; i < localMarkValues.length; i++) {
            if ((mark & localMarkMasks[i]) == localMarkValues[i]) {
                return true;
            }
        }
        return false;
    }

    /** The position of the bridge the interface at {@code position} is a port of, or -1. */
    public int bridgeOf(int position) {
        return bridges.bridgeOf(position);
    }

    /**
     * The port of {@code bridge} its forwarding database puts {@code mac} behind, or -1 when it
     * does not know the address (the bridge floods the frame to every port but the one it came by).
     */
    public int bridgePortOf(int bridge, long mac) {
        return bridges.portOf(bridge, mac);
    }

    /** How many ports the interface at {@code bridge} has: 0 when it is no bridge. */
    public int bridgePortCount(int bridge) {
        return bridges.portCount(bridge);
    }

    /** The position of the {@code i}-th port of {@code bridge}, in host.yaml's order. */
    public int bridgePort(int bridge, int i) {
        return bridges.port(bridge, i);
    }

    /** The interface's position, or -1. */
    public int indexOf(String name) {
        for (int i = 0; i < names.length; i++) {
            if (names[i].equals(name)) {
                return i;
            }
        }
        return -1;
    }

    public String name(int position) {
        return names[position];
    }

    /** The interface's ifindex (the kernel's number for it, as NFLOG and NFQUEUE give it). */
    public int interfaceIndex(int position) {
        return indexes[position];
    }

    /** The position of the interface whose ifindex is {@code ifindex}, or -1; allocates nothing. */
    public int indexOfIfindex(int ifindex) {
        int low = 0;
        int high = sortedIfindexes.length - 1;
        while (low <= high) {
            int middle = (low + high) >>> 1;
            int value = sortedIfindexes[middle];
            if (value < ifindex) {
                low = middle + 1;
            } else if (value > ifindex) {
                high = middle - 1;
            } else {
                return ifindexPositions[middle];
            }
        }
        return -1;
    }

    /** Whether the interface is up (IFF_UP): a down one's subnets have no route. */
    public boolean up(int position) {
        return ups[position];
    }

    public int interfaceCount() {
        return names.length;
    }

    public long mac(int position) {
        return macs[position];
    }

    /** The interface's MTU. */
    public int mtu(int position) {
        return mtus[position];
    }

    /** The MTU of the route towards {@code address}: lo's for the host's own addresses, -1 without a route. */
    @Override
    public int routeMtu(int address) {
        int dev = (address >>> 24) == 127 || isLocal(address) ? indexOf("lo") : -1;
        if (dev < 0) {
            dev = routeDevice(address);
        }
        return dev < 0 ? -1 : mtus[dev];
    }

    @Override
    public int interfaceAddress(String device) {
        int position = device == null ? -1 : indexOf(device);
        return position < 0 ? 0 : primaryAddress(position);
    }

    /** The first address of the interface, 0 when it has none. */
    public int primaryAddress(int position) {
        return addresses[position].length == 0 ? 0 : addresses[position][0];
    }

    /** Whether {@code address} is one of the host's own. */
    public boolean isLocal(int address) {
        return typeOf(address, null) == LOCAL;
    }

    /** The interface a packet to {@code destination} leaves by, or -1 when there is no route. */
    public int routeDevice(int destination) {
        int route = routeOf(destination);
        return route < 0 ? -1 : routeDevice[route];
    }

    /**
     * The realms of the route to {@code destination} (dst->tclassid as xt_realm compares it:
     * FROM << 16 | TO), 0 without a route or realm; allocates nothing.
     */
    public int routeRealm(int destination) {
        int route = routeOf(destination);
        return route < 0 ? 0 : routeRealm[route];
    }

    /** The most specific route to {@code destination} (the first of equal ones), or -1. */
    private int routeOf(int destination) {
        for (int i = 0; i < routeNetwork.length; i++) {
            if ((destination & routeMask[i]) == routeNetwork[i]) {
                return i;
            }
        }
        return -1;
    }

    /**
     * fib_lookup's route type for {@code destination}, as rpfilter asks it: the local table first
     * (the host's addresses LOCAL, 127/8 LOCAL on lo, each subnet's broadcast address BROADCAST),
     * then the main table's routes UNICAST, else UNSPEC (no route). Unlike {@link #typeOf}, an
     * address with no route has none, and 0/8 or 224/4 are looked up like any other.
     */
    @Override
    public int routeType(int destination) {
        int dev = localRouteDevice(destination);
        if (dev >= 0) {
            return localRouteType(destination, dev);
        }
        return routeDevice(destination) >= 0 ? UNICAST : UNSPEC;
    }

    /** The device of the route {@link #routeType} finds, or null. */
    @Override
    public String routeDeviceName(int destination) {
        int dev = localRouteDevice(destination);
        if (dev < 0) {
            dev = routeDevice(destination);
        }
        return dev < 0 ? null : names[dev];
    }

    /** The device of the local table's entry for {@code address}, or -1 when it has none. */
    private int localRouteDevice(int address) {
        for (int i = 0; i < names.length; i++) {
            for (int j = 0; j < addresses[i].length; j++) {
                int a = addresses[i][j];
                int mask = mask(prefixes[i][j]);
                boolean loopbackPrefix = "lo".equals(names[i]) && (a & mask) == (address & mask);
                if (a == address || loopbackPrefix
                        || (ups[i] && prefixes[i][j] < 31 && address == ((a & mask) | ~mask))) {
                    return i;
                }
            }
        }
        return -1;
    }

    private int localRouteType(int address, int dev) {
        for (int j = 0; j < addresses[dev].length; j++) {
            int mask = mask(prefixes[dev][j]);
            if (ups[dev] && prefixes[dev][j] < 31 && address == ((addresses[dev][j] & mask) | ~mask)
                    && addresses[dev][j] != address) {
                return BROADCAST;
            }
        }
        return LOCAL;
    }

    /** The next hop for {@code destination}: the gateway, or the destination itself when on-link. */
    public int nextHop(int destination) {
        int route = routeOf(destination);
        return route >= 0 && routeVia[route] != 0 ? routeVia[route] : destination;
    }

    /** The MAC of neighbour {@code address}, or -1 when unknown. */
    public long neighbourMac(int address) {
        for (int i = 0; i < neighbourAddress.length; i++) {
            if (neighbourAddress[i] == address) {
                return neighbourMac[i];
            }
        }
        return -1;
    }

    /**
     * The MAC of the station that handed the host a packet from {@code source} on interface
     * {@code device}: that neighbour itself when it is on the link, else the next hop towards it
     * when that route leaves by this interface, else the interface's (first) neighbour: a packet
     * from beyond a router arrives from the router's MAC. -1 when the interface has no neighbour.
     */
    public long senderMac(int device, int source) {
        String name = names[device];
        for (int i = 0; i < neighbourAddress.length; i++) {
            if (neighbourAddress[i] == source && onDevice(i, name)) {
                return neighbourMac[i];
            }
        }
        if (routeDevice(source) == device) {
            long gateway = neighbourMac(nextHop(source));
            if (gateway >= 0) {
                return gateway;
            }
        }
        for (int i = 0; i < neighbourAddress.length; i++) {
            if (onDevice(i, name)) {
                return neighbourMac[i];
            }
        }
        return -1;
    }

    private boolean onDevice(int neighbour, String device) {
        String d = neighbourDevice[neighbour];
        return d != null ? d.equals(device) : names[Math.max(0, routeDevice(neighbourAddress[neighbour]))].equals(device);
    }

    /** Whether {@code address} lies in one of the subnets of interface {@code device} (inet_addr_onlink). */
    public boolean onLink(int device, int address) {
        for (int j = 0; j < addresses[device].length; j++) {
            int mask = mask(prefixes[device][j]);
            if ((addresses[device][j] & mask) == (address & mask)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The source address the host uses towards {@code destination}: the route's preferred source
     * (a connected route's is the address of that subnet), else its device's first address; 0
     * without a route.
     */
    public int sourceAddressFor(int destination) {
        int route = routeOf(destination);
        if (route < 0) {
            return 0;
        }
        return routeSource[route] != 0 ? routeSource[route] : primaryAddress(routeDevice[route]);
    }

    /**
     * inet_dev_addr_type: 0.0.0.0/8 and 255.255.255.255 are BROADCAST, 224/4 MULTICAST; otherwise
     * the local routing table decides (the host's addresses LOCAL, its subnets' broadcast addresses
     * BROADCAST, 127/8 LOCAL on lo), but only for its own interface when {@code device} is given;
     * everything else, and a local entry of another interface, is UNICAST.
     */
    @Override
    public int typeOf(int address, String device) {
        if (address == 0xFFFFFFFF || (address >>> 24) == 0) {
            return BROADCAST;
        }
        int first = address >>> 24;
        if (first >= 224 && first < 240) {
            return MULTICAST;
        }
        for (int i = 0; i < names.length; i++) {
            for (int j = 0; j < addresses[i].length; j++) {
                int a = addresses[i][j];
                int type = -1;
                if (a == address) {
                    type = LOCAL;
                } else if (ups[i]) {
                    int mask = mask(prefixes[i][j]);
                    if (prefixes[i][j] < 31 && address == ((a & mask) | ~mask)) {
                        type = BROADCAST;
                    }
                }
                if (type >= 0) {
                    return device == null || names[i].equals(device) ? type : UNICAST;
                }
            }
        }
        if (first == 127) {
            return device == null || device.equals("lo") ? LOCAL : UNICAST;
        }
        return UNICAST;
    }
}
