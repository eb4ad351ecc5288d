package org.jptables.kernel.packet;

/**
 * Where the marks of tracked connections are kept (nf_conn->mark): the connection tracker, or a
 * test's stand-in. A {@link PacketView} attached to a connection reads and writes its mark here.
 */
public interface ConnectionMarks {
    /** The mark of connection {@code handle}. */
    int connectionMark(int handle);

    /** Sets the mark of connection {@code handle}. */
    void setConnectionMark(int handle, int mark);
}
