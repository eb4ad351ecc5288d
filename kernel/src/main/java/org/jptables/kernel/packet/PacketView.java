package org.jptables.kernel.packet;

import org.jptables.api.ConnState;
import org.jptables.api.Effects;
import org.jptables.api.Hook;
import org.jptables.api.Packet;
import org.jptables.api.Sockets;

/**
 * The one {@link Packet} implementation: a reusable view over the bytes of an IPv4 packet and the
 * metadata netfilter keeps beside it. {@link #wrap} points it at another packet without allocating.
 * The bytes and their header fields are read in {@link Ipv4Bytes}; what conntrack knows of the
 * packet is kept in {@link ConntrackFields}; the rest of the metadata is here.
 */
public final class PacketView extends Ipv4Bytes implements Packet {
    private String inInterface = "";
    private String outInterface = "";
    private String physIn = "";
    private String physOut = "";
    private Hook hook = Hook.PREROUTING;
    private int mark;
    private int priority;
    private final ConntrackFields ct = new ConntrackFields();
    private ConnectionMarks connectionTable;
    private final ConntrackTemplate template = new ConntrackTemplate();
    private long timeNanos;
    private int packetType;
    private int cpu;
    private int inInterfaceGroup;
    private int outInterfaceGroup;
    private int routeRealm;
    private long sourceMac = -1;
    private long destinationMac = -1;
    private boolean hotdropped;
    private AddressTypes addressTypes = AddressTypes.GENERIC;
    private PacketEffects effects = PacketEffects.NONE;
    private int rejectRequested = Integer.MIN_VALUE;
    /** The buffer targets write the host's own packets into (Packet#hostPacketBuffer), reused. */
    private final byte[] hostPacket = new byte[Effects.HOST_PACKET_MAX];
    /** How many packets the host was asked to send since {@link #clearRequests}. */
    private int sentFromHost;
    private LocalSocket socket = LocalSocket.NONE;
    private SocketTable sockets = SocketTable.NONE;
    /** The host socket TPROXY assigned the packet to (skb->sk), or Sockets.NONE. */
    private int assignedSocket = Sockets.NONE;
    private boolean traced;
    private boolean checksumPartial;

    /** Points the view at {@code length} bytes of an IPv4 packet starting at {@code offset}. */
    public PacketView wrap(byte[] bytes, int offset, int length) {
        point(bytes, offset, length);
        this.hotdropped = false;
        this.checksumPartial = false;
        return this;
    }

    /**
     * Whether the TCP checksum is left to the device (skb->ip_summed == CHECKSUM_PARTIAL: the field
     * holds the pseudo-header's sum), as in SYNPROXY's segments: rewriting the numbers then leaves
     * it alone, as inet_proto_csum_replace4 does. False for every packet {@link #wrap} points at.
     */
    public boolean checksumPartial() {
        return checksumPartial;
    }

    public PacketView checksumPartial(boolean partial) {
        this.checksumPartial = partial;
        return this;
    }

    /** Points the view at a whole array. */
    public PacketView wrap(byte[] bytes) {
        return wrap(bytes, 0, bytes.length);
    }

    @Override
    public int routeMtu(int address) {
        return addressTypes.routeMtu(address);
    }

    @Override
    public String inInterface() {
        return inInterface;
    }

    public PacketView inInterface(String name) {
        this.inInterface = name == null ? "" : name;
        return this;
    }

    @Override
    public String outInterface() {
        return outInterface;
    }

    public PacketView outInterface(String name) {
        this.outInterface = name == null ? "" : name;
        return this;
    }

    @Override
    public String physInInterface() {
        return physIn;
    }

    @Override
    public String physOutInterface() {
        return physOut;
    }

    /** The bridge ports the frame came in by and leaves by ("" for none: not bridged, or not chosen yet). */
    public PacketView bridgePorts(String in, String out) {
        this.physIn = in == null ? "" : in;
        this.physOut = out == null ? "" : out;
        return this;
    }

    @Override
    public Hook hook() {
        return hook;
    }

    public PacketView hook(Hook hook) {
        this.hook = hook;
        return this;
    }

    @Override
    public int mark() {
        return mark;
    }

    @Override
    public void setMark(int mark) {
        this.mark = mark;
    }

    /**
     * Attaches the packet to connection {@code handle} of {@code marks} (the tracker's entry), whose
     * mark {@link #connMark} reads; a null {@code marks} detaches it. {@link #conntrack} detaches.
     */
    public PacketView connection(ConnectionMarks marks, int handle) {
        ct.attach(marks, handle);
        return this;
    }

    /** Where the mark of the packet's connection is kept, null without a connection. */
    public ConnectionMarks connections() {
        return ct.connections;
    }

    /** The handle of the packet's connection, -1 without one. */
    public int connection() {
        return ct.connection;
    }

    @Override
    public long connMark() {
        return ct.mark();
    }

    @Override
    public int ctLabel(int bit) {
        return ct.label(bit);
    }

    @Override
    public boolean setCtLabel(int bit) {
        return ct.setLabel(bit);
    }

    /** The connection table {@link #ctLookup} asks, whether or not the packet has a connection in it. */
    public PacketView connectionTable(ConnectionMarks table) {
        this.connectionTable = table;
        return this;
    }

    @Override
    public int ctLookup(int protocol, int source, int destination, int sourcePort, int destinationPort) {
        return connectionTable == null ? -1
                : connectionTable.lookupTuple(protocol, source, destination, sourcePort, destinationPort);
    }

    @Override
    public long ctPackets(int direction) {
        return ct.packets(direction);
    }

    @Override
    public long ctBytes(int direction) {
        return ct.bytes(direction);
    }

    @Override
    public void setConnMark(int mark) {
        ct.setMark(mark);
    }

    @Override
    public int ctState() {
        return ct.state;
    }

    @Override
    public int ctStatus() {
        return ct.status;
    }

    @Override
    public int ctProtocol() {
        return ct.protocol;
    }

    @Override
    public int ctOriginalSource() {
        return ct.originalSource;
    }

    @Override
    public int ctOriginalDestination() {
        return ct.originalDestination;
    }

    @Override
    public int ctReplySource() {
        return ct.replySource;
    }

    @Override
    public int ctReplyDestination() {
        return ct.replyDestination;
    }

    /** Sets what connection tracking knows of the packet; detaches it from its {@link #connection}. */
    public PacketView conntrack(int state, int status, int protocol, int origSrc, int origDst, int replySrc,
                                int replyDst) {
        ct.set(state, status, protocol, origSrc, origDst, replySrc, replyDst);
        return this;
    }

    /** Sets the helper of the master of the packet's connection (a ConntrackHelpers id, 0: none). */
    public PacketView ctMasterHelper(int helper) {
        ct.masterHelper = helper;
        return this;
    }

    @Override
    public int ctMasterHelper() {
        return ct.masterHelper;
    }

    /** Sets the original source address of the master of the packet's connection (its own without one). */
    public PacketView ctMasterOriginalSource(int address) {
        ct.masterOriginalSource = address;
        return this;
    }

    @Override
    public int ctMasterOriginalSource() {
        return ct.masterOriginalSource;
    }

    /** Sets the rest of what connection tracking knows: direction, the tuples' ports, time left. */
    public PacketView conntrackDetails(int direction, int origSport, int origDport, int replySport, int replyDport,
                                       long expiresSeconds) {
        ct.details(direction, origSport, origDport, replySport, replyDport, expiresSeconds);
        return this;
    }

    @Override
    public int ctDirection() {
        return ct.direction;
    }

    @Override
    public int ctOriginalSourcePort() {
        return ct.originalSourcePort;
    }

    @Override
    public int ctOriginalDestinationPort() {
        return ct.originalDestinationPort;
    }

    @Override
    public int ctReplySourcePort() {
        return ct.replySourcePort;
    }

    @Override
    public int ctReplyDestinationPort() {
        return ct.replyDestinationPort;
    }

    @Override
    public long ctExpires() {
        return ct.expires;
    }

    @Override
    public long timeNanos() {
        return timeNanos;
    }

    public PacketView timeNanos(long nanos) {
        this.timeNanos = nanos;
        return this;
    }

    @Override
    public int addressType(int address, String device) {
        return addressTypes.typeOf(address, device);
    }

    @Override
    public int routeType(int address) {
        return addressTypes.routeType(address);
    }

    @Override
    public String routeDevice(int address) {
        return addressTypes.routeDeviceName(address);
    }

    public PacketView addressTypes(AddressTypes types) {
        this.addressTypes = types;
        return this;
    }

    @Override
    public int routeRealm() {
        return routeRealm;
    }

    /** The realm of the packet's route (0 unless set). */
    public PacketView routeRealm(int realm) {
        this.routeRealm = realm;
        return this;
    }

    @Override
    public int inInterfaceGroup() {
        return inInterfaceGroup;
    }

    @Override
    public int outInterfaceGroup() {
        return outInterfaceGroup;
    }

    /** The device groups of the incoming and outgoing interfaces (0 unless set). */
    public PacketView interfaceGroups(int in, int out) {
        this.inInterfaceGroup = in;
        this.outInterfaceGroup = out;
        return this;
    }

    @Override
    public int cpu() {
        return cpu;
    }

    /** The CPU the packet is handled on (0 unless set). */
    public PacketView cpu(int cpu) {
        this.cpu = cpu;
        return this;
    }

    @Override
    public int packetType() {
        return packetType;
    }

    @Override
    public void setPacketType(int type) {
        this.packetType = type;
    }

    public PacketView packetType(int type) {
        this.packetType = type;
        return this;
    }

    @Override
    public long sourceMac() {
        return sourceMac;
    }

    public PacketView sourceMac(long mac) {
        this.sourceMac = mac;
        return this;
    }

    /** The Ethernet header the packet arrived with: destination and source MAC (-1: none). */
    public PacketView linkHeader(long destination, long source) {
        this.destinationMac = destination;
        this.sourceMac = source;
        return this;
    }

    public long destinationMac() {
        return destinationMac;
    }

    @Override
    public void conntrackZone(int id, int directions) {
        template.zone(id, directions);
    }

    /** The zone a CT target asked for (0 when none). */
    public int zoneId() {
        return template.zoneId();
    }

    /** The directions the zone applies to: bit 0 original, bit 1 reply (3 when none was asked). */
    public int zoneDirections() {
        return template.zoneDirections();
    }

    @Override
    public void conntrackTemplate(int zoneId, int zoneDirections, int helper) {
        if (template.attach()) {
            template.set(zoneId, zoneDirections, helper);
        }
    }

    /** What CT and NOTRACK targets left for conntrack (cleared for each new packet by the path). */
    public ConntrackTemplate template() {
        return template;
    }

    @Override
    public void untrack() {
        if (template.attach()) {
            conntrack(ConnState.UNTRACKED, 0, 0, 0, 0, 0, 0);
        }
    }

    @Override
    public void hotdrop() {
        hotdropped = true;
    }

    /** Whether a match hotdropped the packet since the last {@link #wrap} or {@link #clearHotdrop}. */
    public boolean hotdropped() {
        return hotdropped;
    }

    public void clearHotdrop() {
        hotdropped = false;
    }

    /** Where the effects targets ask for are carried out. */
    public PacketView effects(PacketEffects effects) {
        this.effects = effects;
        return this;
    }

    @Override
    public void reject(int icmpCode) {
        rejectRequested = icmpCode;
        effects.reject(this, icmpCode);
    }

    @Override
    public byte[] hostPacketBuffer() {
        return hostPacket;
    }

    @Override
    public void sendFromHost(int length, int conntrackKind) {
        sentFromHost++;
        effects.sendFromHost(this, hostPacket, length, conntrackKind);
    }

    /**
     * How many packets the host was asked to send since {@link #clearRequests}; the last one is
     * still in {@link #hostPacketBuffer()} (for tests).
     */
    public int sentFromHost() {
        return sentFromHost;
    }

    /** The last {@link #reject} code asked for since {@link #clearRequests}, or Integer.MIN_VALUE. */
    public int rejectRequested() {
        return rejectRequested;
    }

    public void clearRequests() {
        rejectRequested = Integer.MIN_VALUE;
        sentFromHost = 0;
    }

    @Override
    public void log(int level, String prefix, int flags) {
        effects.log(this, level, prefix, flags);
    }

    @Override
    public void nat(int kind, int minAddress, int maxAddress, int minPort, int maxPort, int flags) {
        effects.nat(this, kind, minAddress, maxAddress, minPort, maxPort, flags);
    }

    /** The socket the packet belongs to ({@link LocalSocket#NONE} for one that arrived); kept by {@link #wrap}. */
    public PacketView socket(LocalSocket socket) {
        this.socket = socket;
        this.assignedSocket = Sockets.NONE;
        return this;
    }

    @Override
    public String socketCgroup() {
        return socket.exists() && socket.full() ? socket.cgroup() : null;
    }

    @Override
    public long socketClassid() {
        return socket.exists() && socket.full() ? socket.classid() : -1;
    }

    /** The host's sockets, for xt_socket's and TPROXY's lookups (none unless set). */
    public PacketView sockets(SocketTable table) {
        this.sockets = table;
        return this;
    }

    /** The host socket TPROXY assigned the packet to, or {@link Sockets#NONE}. */
    public int assignedSocket() {
        return assignedSocket;
    }

    @Override
    public int packetSocket() {
        return assignedSocket != Sockets.NONE ? assignedSocket : PacketSocketLookup.lookup(this, sockets);
    }

    @Override
    public int findSocket(int protocol, int source, int sourcePort, int destination, int destinationPort, int kind) {
        return sockets.find(protocol, source, sourcePort, destination, destinationPort, kind);
    }

    @Override
    public int socketFlags(int socket) {
        return sockets.flags(socket);
    }

    @Override
    public int socketMark(int socket) {
        return sockets.mark(socket);
    }

    @Override
    public java.util.List<org.jptables.api.OsFingerprint> osFingerprints(boolean dontFragment) {
        return addressTypes.osFingerprints(dontFragment);
    }

    @Override
    public int inInterfaceAddress() {
        return inInterface.isEmpty() ? 0 : addressTypes.interfaceAddress(inInterface);
    }

    @Override
    public void assignSocket(int socket) {
        this.assignedSocket = socket;
    }

    public LocalSocket socket() {
        return socket;
    }

    @Override
    public boolean socketExists() {
        return socket.exists();
    }

    @Override
    public long socketUid() {
        return socket.hasFile() ? socket.uid() : -1;
    }

    @Override
    public long socketGid() {
        return socket.hasFile() ? socket.gid() : -1;
    }

    @Override
    public boolean socketSupplementaryGroupIn(long min, long max) {
        return socket.hasFile() && socket.groupIn(min, max);
    }

    /** Kept by {@link #wrap}, as the mark is: set by the caller or by CLASSIFY. */
    @Override
    public long priority() {
        return priority & 0xFFFFFFFFL;
    }

    @Override
    public void setPriority(int priority) {
        this.priority = priority;
    }

    @Override
    public void trace() {
        traced = true;
    }

    /** Whether TRACE marked the packet (skb->nf_trace); kept by {@link #wrap}, as the mark is. */
    public boolean traced() {
        return traced;
    }

    public PacketView traced(boolean on) {
        this.traced = on;
        return this;
    }

    @Override
    public void nflog(int group, String prefix, long size) {
        effects.nflog(this, group, prefix, size);
    }

    @Override
    public void duplicate(int gateway, String device) {
        effects.duplicate(this, gateway, device);
    }
}
