package org.jptables.kernel.packet;

/**
 * What connection tracking knows of the packet on a {@link PacketView}: its state and tuples as the
 * tracker copied them, and the entry its mark, labels and counters live in. The view reads the
 * fields directly (it is their only reader); they change only through {@link #set},
 * {@link #details} and {@link #attach}, so a new packet never sees its predecessor's ports.
 */
final class ConntrackFields {
    /** Where the packet's connection keeps its mark, labels and counters; null without one. */
    ConnectionMarks connections;
    int connection = -1;
    int state;
    int status;
    int protocol;
    int originalSource;
    int originalDestination;
    int replySource;
    int replyDestination;
    int direction;
    int originalSourcePort;
    int originalDestinationPort;
    int replySourcePort;
    int replyDestinationPort;
    long expires;
    int masterHelper;
    int masterOriginalSource;

    /** Attaches to connection {@code handle} of {@code marks}; a null {@code marks} detaches. */
    void attach(ConnectionMarks marks, int handle) {
        this.connections = marks;
        this.connection = marks == null ? -1 : handle;
    }

    /** The state and tuples; detaches from the connection and clears what {@link #details} set. */
    void set(int state, int status, int protocol, int origSrc, int origDst, int replySrc, int replyDst) {
        this.connections = null;
        this.connection = -1;
        this.state = state;
        this.status = status;
        this.protocol = protocol;
        this.originalSource = origSrc;
        this.originalDestination = origDst;
        this.replySource = replySrc;
        this.replyDestination = replyDst;
        this.direction = 0;
        this.originalSourcePort = 0;
        this.originalDestinationPort = 0;
        this.replySourcePort = 0;
        this.replyDestinationPort = 0;
        this.expires = 0;
        this.masterHelper = 0;
        this.masterOriginalSource = origSrc;
    }

    /** The direction, the tuples' ports and the time left. */
    void details(int direction, int origSport, int origDport, int replySport, int replyDport, long expiresSeconds) {
        this.direction = direction;
        this.originalSourcePort = origSport;
        this.originalDestinationPort = origDport;
        this.replySourcePort = replySport;
        this.replyDestinationPort = replyDport;
        this.expires = expiresSeconds;
    }

    long mark() {
        return connections == null ? -1 : connections.connectionMark(connection) & 0xFFFFFFFFL;
    }

    void setMark(int mark) {
        if (connections != null) {
            connections.setConnectionMark(connection, mark);
        }
    }

    int label(int bit) {
        return connections == null ? -1 : connections.connectionLabel(connection, bit);
    }

    boolean setLabel(int bit) {
        return connections != null && connections.setConnectionLabel(connection, bit);
    }

    long packets(int direction) {
        return connections == null ? -1 : connections.connectionPackets(connection, direction);
    }

    long bytes(int direction) {
        return connections == null ? -1 : connections.connectionBytes(connection, direction);
    }
}
