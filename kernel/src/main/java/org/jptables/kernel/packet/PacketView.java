package org.jptables.kernel.packet;

import org.jptables.api.ConnState;
import org.jptables.api.Hook;
import org.jptables.api.Packet;
import org.jptables.api.Sockets;

/**
 * The one {@link Packet} implementation: a reusable view over the bytes of an IPv4 packet and the
 * metadata netfilter keeps beside it. {@link #wrap} points it at another packet without allocating.
 */
public final class PacketView implements Packet {
    private byte[] bytes = new byte[0];
    private int offset;
    private int length;

    private String inInterface = "";
    private String outInterface = "";
    private Hook hook = Hook.PREROUTING;
    private int mark;
    private int priority;
    private ConnectionMarks connections;
    private ConnectionMarks connectionTable;
    private int connection = -1;
    private int ctState;
    private int ctStatus;
    private int ctProtocol;
    private int ctOriginalSource;
    private int ctOriginalDestination;
    private int ctReplySource;
    private int ctReplyDestination;
    private int ctDirection;
    private int ctOriginalSourcePort;
    private int ctOriginalDestinationPort;
    private int ctReplySourcePort;
    private int ctReplyDestinationPort;
    private long ctExpires;
    private final ConntrackTemplate template = new ConntrackTemplate();
    private int ctMasterHelper;
    private int ctMasterOriginalSource;
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
    private LocalSocket socket = LocalSocket.NONE;
    private SocketTable sockets = SocketTable.NONE;
    /** The host socket TPROXY assigned the packet to (skb->sk), or Sockets.NONE. */
    private int assignedSocket = Sockets.NONE;
    private boolean traced;

    /** Points the view at {@code length} bytes of an IPv4 packet starting at {@code offset}. */
    public PacketView wrap(byte[] bytes, int offset, int length) {
        this.bytes = bytes;
        this.offset = offset;
        this.length = length;
        this.hotdropped = false;
        return this;
    }

    /** Points the view at a whole array. */
    public PacketView wrap(byte[] bytes) {
        return wrap(bytes, 0, bytes.length);
    }

    public byte[] bytes() {
        return bytes;
    }

    public int offset() {
        return offset;
    }

    @Override
    public int length() {
        return length;
    }

    @Override
    public int u8(int at) {
        return at < 0 || at >= length ? -1 : bytes[offset + at] & 0xFF;
    }

    @Override
    public int u16(int at) {
        return at < 0 || at + 2 > length ? -1 : ((bytes[offset + at] & 0xFF) << 8) | (bytes[offset + at + 1] & 0xFF);
    }

    @Override
    public long u32(int at) {
        if (at < 0 || at + 4 > length) {
            return -1;
        }
        int i = offset + at;
        return ((long) (bytes[i] & 0xFF) << 24) | ((bytes[i + 1] & 0xFF) << 16) | ((bytes[i + 2] & 0xFF) << 8)
                | (bytes[i + 3] & 0xFF);
    }

    private int s32(int at) {
        return (int) u32(at);
    }

    @Override
    public boolean setU16(int at, int value) {
        if (at < 0 || at + 2 > length) {
            return false;
        }
        bytes[offset + at] = (byte) (value >>> 8);
        bytes[offset + at + 1] = (byte) value;
        return true;
    }

    /**
     * Grows the packet by {@code count} zero bytes at {@code at} into a new array: {@link #bytes()}
     * and {@link #length()} change, so whoever holds the old array must read them again.
     */
    @Override
    public boolean insert(int at, int count) {
        if (at < 0 || at > length || count < 0) {
            return false;
        }
        byte[] grown = new byte[length + count];
        System.arraycopy(bytes, offset, grown, 0, at);
        System.arraycopy(bytes, offset + at, grown, at + count, length - at);
        bytes = grown;
        offset = 0;
        length += count;
        return true;
    }

    /**
     * Replaces the {@code oldLength} bytes at {@code at} by the first {@code newLength} bytes of
     * {@code with}, moving what follows (the NAT helpers' mangle_contents). Only the bytes change:
     * the caller sets the lengths and checksums. False, changing nothing, past the end.
     */
    public boolean replace(int at, int oldLength, byte[] with, int newLength) {
        if (at < 0 || oldLength < 0 || at + oldLength > length || newLength < 0) {
            return false;
        }
        int delta = newLength - oldLength;
        int tail = length - at - oldLength;
        if (offset + length + delta > bytes.length) {
            byte[] grown = new byte[length + delta];
            System.arraycopy(bytes, offset, grown, 0, at);
            System.arraycopy(bytes, offset + at + oldLength, grown, at + newLength, tail);
            bytes = grown;
            offset = 0;
        } else {
            System.arraycopy(bytes, offset + at + oldLength, bytes, offset + at + newLength, tail);
        }
        System.arraycopy(with, 0, bytes, offset + at, newLength);
        length += delta;
        return true;
    }

    @Override
    public int routeMtu(int address) {
        return addressTypes.routeMtu(address);
    }

    @Override
    public int headerLength() {
        return length < 1 ? 0 : (bytes[offset] & 0x0F) * 4;
    }

    @Override
    public int totalLength() {
        return u16(2);
    }

    @Override
    public int protocol() {
        return length < 10 ? 0 : bytes[offset + 9] & 0xFF;
    }

    @Override
    public int source() {
        return s32(12);
    }

    @Override
    public int destination() {
        return s32(16);
    }

    @Override
    public int tos() {
        return u8(1);
    }

    @Override
    public int ttl() {
        return u8(8);
    }

    @Override
    public int fragmentOffset() {
        int v = u16(6);
        return v < 0 ? 0 : v & 0x1FFF;
    }

    @Override
    public int identification() {
        return length < 6 ? -1 : ((bytes[offset + 4] & 0xFF) << 8) | (bytes[offset + 5] & 0xFF);
    }

    @Override
    public boolean dontFragment() {
        return length >= 8 && (bytes[offset + 6] & 0x40) != 0;
    }

    @Override
    public boolean moreFragments() {
        return length >= 8 && (bytes[offset + 6] & 0x20) != 0;
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
        this.connections = marks;
        this.connection = marks == null ? -1 : handle;
        return this;
    }

    /** Where the mark of the packet's connection is kept, null without a connection. */
    public ConnectionMarks connections() {
        return connections;
    }

    /** The handle of the packet's connection, -1 without one. */
    public int connection() {
        return connection;
    }

    @Override
    public long connMark() {
        return connections == null ? -1 : connections.connectionMark(connection) & 0xFFFFFFFFL;
    }

    @Override
    public int ctLabel(int bit) {
        return connections == null ? -1 : connections.connectionLabel(connection, bit);
    }

    @Override
    public boolean setCtLabel(int bit) {
        return connections != null && connections.setConnectionLabel(connection, bit);
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
        return connections == null ? -1 : connections.connectionPackets(connection, direction);
    }

    @Override
    public long ctBytes(int direction) {
        return connections == null ? -1 : connections.connectionBytes(connection, direction);
    }

    @Override
    public void setConnMark(int mark) {
        if (connections != null) {
            connections.setConnectionMark(connection, mark);
        }
    }

    @Override
    public int ctState() {
        return ctState;
    }

    @Override
    public int ctStatus() {
        return ctStatus;
    }

    @Override
    public int ctProtocol() {
        return ctProtocol;
    }

    @Override
    public int ctOriginalSource() {
        return ctOriginalSource;
    }

    @Override
    public int ctOriginalDestination() {
        return ctOriginalDestination;
    }

    @Override
    public int ctReplySource() {
        return ctReplySource;
    }

    @Override
    public int ctReplyDestination() {
        return ctReplyDestination;
    }

    /** Sets what connection tracking knows of the packet; detaches it from its {@link #connection}. */
    public PacketView conntrack(int state, int status, int protocol, int origSrc, int origDst, int replySrc,
                                int replyDst) {
        this.connections = null;
        this.connection = -1;
        this.ctState = state;
        this.ctStatus = status;
        this.ctProtocol = protocol;
        this.ctOriginalSource = origSrc;
        this.ctOriginalDestination = origDst;
        this.ctReplySource = replySrc;
        this.ctReplyDestination = replyDst;
        this.ctDirection = 0;
        this.ctOriginalSourcePort = 0;
        this.ctOriginalDestinationPort = 0;
        this.ctReplySourcePort = 0;
        this.ctReplyDestinationPort = 0;
        this.ctExpires = 0;
        this.ctMasterHelper = 0;
        this.ctMasterOriginalSource = origSrc;
        return this;
    }

    /** Sets the helper of the master of the packet's connection (a ConntrackHelpers id, 0: none). */
    public PacketView ctMasterHelper(int helper) {
        this.ctMasterHelper = helper;
        return this;
    }

    @Override
    public int ctMasterHelper() {
        return ctMasterHelper;
    }

    /** Sets the original source address of the master of the packet's connection (its own without one). */
    public PacketView ctMasterOriginalSource(int address) {
        this.ctMasterOriginalSource = address;
        return this;
    }

    @Override
    public int ctMasterOriginalSource() {
        return ctMasterOriginalSource;
    }

    /** Sets the rest of what connection tracking knows: direction, the tuples' ports, time left. */
    public PacketView conntrackDetails(int direction, int origSport, int origDport, int replySport, int replyDport,
                                       long expiresSeconds) {
        this.ctDirection = direction;
        this.ctOriginalSourcePort = origSport;
        this.ctOriginalDestinationPort = origDport;
        this.ctReplySourcePort = replySport;
        this.ctReplyDestinationPort = replyDport;
        this.ctExpires = expiresSeconds;
        return this;
    }

    @Override
    public int ctDirection() {
        return ctDirection;
    }

    @Override
    public int ctOriginalSourcePort() {
        return ctOriginalSourcePort;
    }

    @Override
    public int ctOriginalDestinationPort() {
        return ctOriginalDestinationPort;
    }

    @Override
    public int ctReplySourcePort() {
        return ctReplySourcePort;
    }

    @Override
    public int ctReplyDestinationPort() {
        return ctReplyDestinationPort;
    }

    @Override
    public long ctExpires() {
        return ctExpires;
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

    /** The last {@link #reject} code asked for since {@link #clearRequests}, or Integer.MIN_VALUE. */
    public int rejectRequested() {
        return rejectRequested;
    }

    public void clearRequests() {
        rejectRequested = Integer.MIN_VALUE;
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
