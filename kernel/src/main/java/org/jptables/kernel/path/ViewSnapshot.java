package org.jptables.kernel.path;

import org.jptables.api.Hook;
import org.jptables.kernel.packet.ConnectionMarks;
import org.jptables.kernel.packet.LocalSocket;
import org.jptables.kernel.packet.PacketView;

/**
 * What the packet view says of the packet being handled, kept while the host sends a packet of
 * its own on the same view (REJECT's answer, TEE's copy) and put back afterwards. The path keeps
 * one and reuses it: the host never sends more than one such packet at a time.
 */
final class ViewSnapshot {
    private byte[] bytes;
    private int offset;
    private int length;
    private String in;
    private String out;
    private String physIn;
    private String physOut;
    private Hook hook;
    private int mark;
    private int priority;
    private long sourceMac;
    private long destinationMac;
    private int state;
    private int status;
    private int protocol;
    private int originalSource;
    private int originalDestination;
    private int replySource;
    private int replyDestination;
    private ConnectionMarks connections;
    private int connection;
    private LocalSocket socket;
    private boolean traced;
    private boolean checksumPartial;

    void take(PacketView view) {
        bytes = view.bytes();
        offset = view.offset();
        length = view.length();
        in = view.inInterface();
        out = view.outInterface();
        physIn = view.physInInterface();
        physOut = view.physOutInterface();
        hook = view.hook();
        mark = view.mark();
        priority = (int) view.priority();
        sourceMac = view.sourceMac();
        destinationMac = view.destinationMac();
        state = view.ctState();
        status = view.ctStatus();
        protocol = view.ctProtocol();
        originalSource = view.ctOriginalSource();
        originalDestination = view.ctOriginalDestination();
        replySource = view.ctReplySource();
        replyDestination = view.ctReplyDestination();
        connections = view.connections();
        connection = view.connection();
        socket = view.socket();
        traced = view.traced();
        checksumPartial = view.checksumPartial();
    }

    void restore(PacketView view) {
        view.socket(socket).traced(traced);
        view.wrap(bytes, offset, length).inInterface(in).outInterface(out).bridgePorts(physIn, physOut).hook(hook)
                .linkHeader(destinationMac, sourceMac);
        view.checksumPartial(checksumPartial);
        view.setMark(mark);
        view.setPriority(priority);
        view.conntrack(state, status, protocol, originalSource, originalDestination, replySource, replyDestination);
        view.connection(connections, connection);
        bytes = null;
        connections = null;
    }
}
