package org.jptables.kernel.conntrack;

/**
 * What a protocol tracker makes of a packet on its entry (the kernel's packet handlers return
 * NF_ACCEPT, -NF_ACCEPT or NF_REPEAT).
 */
final class ProtocolVerdict {
    static final int ACCEPT = 0;
    /** The packet is INVALID; a new entry made for it is forgotten. */
    static final int INVALID = 1;
    /** The tracker deleted the entry (a closed connection being reopened): look the packet up again. */
    static final int REPEAT = 2;

    private ProtocolVerdict() {
    }
}
