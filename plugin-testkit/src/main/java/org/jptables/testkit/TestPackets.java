package org.jptables.testkit;

import org.jptables.api.Hook;
import org.jptables.kernel.packet.ConnectionMarks;
import org.jptables.kernel.packet.Ipv4Builder;
import org.jptables.kernel.packet.PacketView;

/**
 * Packets for tests, built fluently: {@code Packet p = TestPackets.tcp("203.0.113.9", 40000, "198.18.0.1", 22)
 * .flags(TestPackets.SYN).in("eth0").view()}. A test that declares its packets as the API's
 * {@link org.jptables.api.Packet} (or {@code var}) imports no kernel class.
 */
public final class TestPackets {
    /** TCP flags for {@link #flags}, as in the TCP header's byte 13. */
    public static final int FIN = Ipv4Builder.FIN;
    public static final int SYN = Ipv4Builder.SYN;
    public static final int RST = Ipv4Builder.RST;
    public static final int PSH = Ipv4Builder.PSH;
    public static final int ACK = Ipv4Builder.ACK;
    public static final int URG = Ipv4Builder.URG;
    public static final int ECE = Ipv4Builder.ECE;
    public static final int CWR = Ipv4Builder.CWR;

    private final Ipv4Builder ip = new Ipv4Builder();
    private final PacketView view = new PacketView();
    private String in = "";
    private String out = "";
    private Hook hook = Hook.INPUT;
    private int mark;
    private long timeNanos;
    private Connection connection;

    private TestPackets() {
    }

    public static TestPackets tcp(String src, int sport, String dst, int dport) {
        TestPackets p = new TestPackets();
        p.ip.protocol(Ipv4Builder.TCP).source(src).destination(dst).sourcePort(sport).destinationPort(dport);
        return p;
    }

    public static TestPackets udp(String src, int sport, String dst, int dport) {
        TestPackets p = new TestPackets();
        p.ip.protocol(Ipv4Builder.UDP).source(src).destination(dst).sourcePort(sport).destinationPort(dport);
        return p;
    }

    public static TestPackets icmp(String src, String dst, int type, int code) {
        TestPackets p = new TestPackets();
        p.ip.protocol(Ipv4Builder.ICMP).source(src).destination(dst).icmpType(type).icmpCode(code);
        return p;
    }

    public static TestPackets ip(String src, String dst, int protocol) {
        TestPackets p = new TestPackets();
        p.ip.protocol(protocol).source(src).destination(dst);
        return p;
    }

    /** The IP layer, for any field the shortcuts here do not cover. */
    public Ipv4Builder ipv4() {
        return ip;
    }

    /** The TCP flags set: {@link #SYN}, {@code ACK | PSH}, ... (default SYN). */
    public TestPackets flags(int tcpFlags) {
        ip.tcpFlags(tcpFlags);
        return this;
    }

    public TestPackets in(String iface) {
        this.in = iface;
        return this;
    }

    public TestPackets out(String iface) {
        this.out = iface;
        return this;
    }

    public TestPackets hook(Hook hook) {
        this.hook = hook;
        return this;
    }

    /** The packet's arrival time in nanoseconds (default 0), the clock ipset's timeouts run on. */
    public TestPackets at(long nanos) {
        this.timeNanos = nanos;
        return this;
    }

    public TestPackets mark(int mark) {
        this.mark = mark;
        return this;
    }

    /**
     * Attaches the packet to a connection of its own whose mark (nf_conn->mark) starts as
     * {@code mark}; {@link #connMark()} reads it back after targets changed it.
     */
    public TestPackets connection(int mark) {
        connection = new Connection();
        connection.mark = mark;
        return this;
    }

    /** The mark of the packet's connection, -1 when {@link #connection(int)} gave it none. */
    public long connMark() {
        return connection == null ? -1 : connection.mark & 0xFFFFFFFFL;
    }

    public TestPackets length(int payload) {
        ip.payloadLength(payload);
        return this;
    }

    /** Connection-tracking state bits ({@link org.jptables.api.ConnState}) and status. */
    public TestPackets conntrack(int state, int status) {
        view.conntrack(state, status, 0, 0, 0, 0, 0);
        return this;
    }

    /**
     * The packet the matches see, built now: the kernel's {@link PacketView}, a {@link org.jptables.api.Packet}.
     * Further metadata can be set on the view directly. Each call builds the bytes anew and points the
     * same view at them.
     */
    public PacketView view() {
        byte[] bytes = ip.build();
        view.wrap(bytes).inInterface(in).outInterface(out).hook(hook).setMark(mark);
        view.timeNanos(timeNanos);
        attach();
        return view;
    }

    /** A view over the first {@code length} bytes only: a truncated packet. */
    public PacketView truncated(int length) {
        byte[] bytes = ip.build();
        view.wrap(bytes, 0, Math.min(length, bytes.length)).inInterface(in).outInterface(out).hook(hook).setMark(mark);
        view.timeNanos(timeNanos);
        attach();
        return view;
    }

    private void attach() {
        if (connection != null) {
            view.connection(connection, 0);
        }
    }

    /** A connection of one packet, holding only its mark. */
    private static final class Connection implements ConnectionMarks {
        private int mark;

        @Override
        public int connectionMark(int handle) {
            return mark;
        }

        @Override
        public void setConnectionMark(int handle, int mark) {
            this.mark = mark;
        }
    }
}
