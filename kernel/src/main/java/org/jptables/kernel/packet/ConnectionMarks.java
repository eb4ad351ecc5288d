package org.jptables.kernel.packet;

/**
 * Where the marks (nf_conn->mark) and counters (nf_conn_acct) of tracked connections are kept:
 * the connection tracker, or a test's stand-in. A {@link PacketView} attached to a connection reads and writes its mark here.
 */
public interface ConnectionMarks {
    /** The mark of connection {@code handle}. */
    int connectionMark(int handle);

    /** Sets the mark of connection {@code handle}. */
    void setConnectionMark(int handle, int mark);

    /** Packets counted on connection {@code handle} in a direction (0 original, 1 reply), -1 without accounting. */
    default long connectionPackets(int handle, int direction) {
        return -1;
    }

    /** Bytes counted on connection {@code handle} in a direction, -1 without accounting. */
    default long connectionBytes(int handle, int direction) {
        return -1;
    }

    /** Label {@code bit} of connection {@code handle}: 1 set, 0 clear, -1 when it has no labels. */
    default int connectionLabel(int handle, int bit) {
        return -1;
    }

    /** Sets label {@code bit} of connection {@code handle}; false when it has no labels. */
    default boolean setConnectionLabel(int handle, int bit) {
        return false;
    }

    /** As {@link org.jptables.api.Packet#ctLookup}: -1 not held, 1 held and closed, 0 held. */
    default int lookupTuple(int protocol, int source, int destination, int sourcePort, int destinationPort) {
        return -1;
    }
}
