package org.jptables.kernel.ipset;

import org.jptables.api.SetLookup;

/**
 * The extension values of one addition, deletion or test (the kernel's struct ip_set_ext), and
 * what a test hands back (its mext): the matched entry's skbinfo. A set reuses one instance under
 * its lock for the packets it sees, so the packet path allocates none.
 */
final class EntryValues {
    /** ULLONG_MAX: the counter is left as it is. */
    static final long KEEP = -1;

    /** Seconds the entry lives (0: permanent); the set's default unless given. */
    long timeout;
    long packets = KEEP;
    long bytes = KEEP;
    String comment;
    int skbMark;
    int skbMarkMask;
    int skbPrio;
    int skbQueue;
    /** The counter comparisons of a test (mext's packets_op and bytes_op), or null. */
    SetLookup compare;
    /** Filled by a matching test: the entry's skbinfo. */
    int foundMark;
    int foundMarkMask;
    int foundPrio;
    int foundQueue;

    /** IP_SET_INIT_UEXT: values for a command, counters untouched, the set's default timeout. */
    EntryValues forCommand(long defaultTimeout) {
        clear(defaultTimeout);
        return this;
    }

    /** IP_SET_INIT_KEXT: values for a packet, which counts once with its length. */
    EntryValues forPacket(int length, long timeout, SetLookup lookup) {
        clear(timeout);
        packets = 1;
        bytes = length;
        compare = lookup;
        return this;
    }

    private void clear(long t) {
        timeout = t;
        packets = KEEP;
        bytes = KEEP;
        comment = null;
        skbMark = 0;
        skbMarkMask = 0;
        skbPrio = 0;
        skbQueue = 0;
        compare = null;
        foundMark = 0;
        foundMarkMask = 0;
        foundPrio = 0;
        foundQueue = 0;
    }
}
