package org.jptables.kernel.conntrack;

/**
 * nf_ct_attach: a packet the host makes in answer to another (REJECT's RST or ICMP error) borrows
 * the cause's entry as RELATED, in the other direction, so that the rules it meets on its way out
 * see what the kernel's rules see. The entry is lent, not shared: the cause's packet is still in
 * flight, and {@link #detach} gives it its relation back once the answer left.
 */
final class AnswerAttachment {
    private final ConntrackTable table;
    /** The ctinfo of the packet the answer borrowed the entry from, or -1 when nothing is lent. */
    private int attachedFrom = -1;

    AnswerAttachment(ConntrackTable table) {
        this.table = table;
    }

    /** False when the cause has no entry (it was untracked or INVALID): the answer is INVALID too. */
    boolean attach(int cause) {
        if (!table.valid(cause)) {
            return false;
        }
        boolean causeReply = table.ctinfo[cause] >= ConntrackInfo.IS_REPLY;
        attachedFrom = table.ctinfo[cause];
        table.ctinfo[cause] = causeReply ? ConntrackInfo.RELATED : ConntrackInfo.RELATED + ConntrackInfo.IS_REPLY;
        return true;
    }

    /**
     * A segment SYNPROXY sends on the connection as IP_CT_ESTABLISHED_REPLY (nf_ct_set): the
     * entry, lent the same way. False when there is no entry.
     */
    boolean attachAsReply(int cause) {
        if (!table.valid(cause)) {
            return false;
        }
        attachedFrom = table.ctinfo[cause];
        table.ctinfo[cause] = ConntrackInfo.ESTABLISHED + ConntrackInfo.IS_REPLY;
        return true;
    }

    void detach(int cause) {
        if (cause >= 0 && cause < table.capacity && attachedFrom >= 0) {
            table.ctinfo[cause] = attachedFrom;
            attachedFrom = -1;
        }
    }
}
