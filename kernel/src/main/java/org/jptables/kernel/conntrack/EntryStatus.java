package org.jptables.kernel.conntrack;

/**
 * The bits of an entry's status word, numbered as the kernel's IPS_* bits so that the public ones
 * can be handed to {@code ConnState.STATUS_*} and /proc unchanged.
 */
final class EntryStatus {
    static final int EXPECTED = 1;
    static final int SEEN_REPLY = 1 << 1;
    static final int ASSURED = 1 << 2;
    static final int CONFIRMED = 1 << 3;
    static final int SRC_NAT = 1 << 4;
    static final int DST_NAT = 1 << 5;
    /** The FTP NAT helper changed a segment's length: sequence numbers are adjusted from now on. */
    static final int SEQ_ADJUST = 1 << 6;
    static final int SRC_NAT_DONE = 1 << 7;
    static final int DST_NAT_DONE = 1 << 8;
    static final int DYING = 1 << 9;
    /** Not a kernel bit: the handle holds an entry (the kernel knows by the object being allocated). */
    static final int IN_USE = 1 << 16;

    /** The bits the packet path and the conntrack match may see. */
    static final int PUBLIC = EXPECTED | SEEN_REPLY | ASSURED | CONFIRMED;

    private EntryStatus() {
    }
}
