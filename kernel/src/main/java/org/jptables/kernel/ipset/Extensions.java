package org.jptables.kernel.ipset;

import java.util.Arrays;
import org.jptables.api.SetLookup;

/**
 * The extensions of a set's entries (timeout, counters, comment, skbinfo), kept in arrays indexed
 * by entry id, with the kernel's layout arithmetic: the size of an entry with its extensions
 * (ip_set_elem_len) and the memory comments take (set->ext_size). Every entry method runs under
 * the set's lock.
 */
final class Extensions {
    /** sizeof(struct ip_set_comment_rcu): the comment's header besides its text. */
    private static final int COMMENT_HEADER = 16;
    private static final int MAX_COMMENT = 255;

    final boolean timeout;
    final boolean counters;
    final boolean comment;
    final boolean skbinfo;
    /** The entry size with its extensions (set->dsize). */
    final int dsize;

    private long[] deadlines = new long[0];
    private long[] packetCounts = new long[0];
    private long[] byteCounts = new long[0];
    private String[] comments = new String[0];
    private int[] skbMarks = new int[0];
    private int[] skbMasks = new int[0];
    private int[] skbPrios = new int[0];
    private int[] skbQueues = new int[0];
    /** set->ext_size: the bytes the comments take. */
    private long commentBytes;

    Extensions(boolean timeout, boolean counters, boolean comment, boolean skbinfo, int elementSize, int elementAlign) {
        this.timeout = timeout;
        this.counters = counters;
        this.comment = comment;
        this.skbinfo = skbinfo;
        // ip_set_elem_len: in the kernel's extension order, each aligned to its own alignment
        int len = elementSize;
        int align = Math.max(1, elementAlign);
        if (counters) {
            align = Math.max(align, 8);
            len = alignUp(len, 8) + 16;
        }
        if (timeout) {
            align = Math.max(align, 8);
            len = alignUp(len, 8) + 8;
        }
        if (skbinfo) {
            align = Math.max(align, 4);
            len = alignUp(len, 4) + 16;
        }
        if (comment) {
            align = Math.max(align, 8);
            len = alignUp(len, 8) + 8;
        }
        this.dsize = alignUp(len, align);
    }

    private static int alignUp(int value, int align) {
        return (value + align - 1) / align * align;
    }

    /** Room for entry ids below {@code capacity}; called when a set grows, never per lookup. */
    void ensure(int capacity) {
        if (capacity <= deadlines.length && capacity <= comments.length) {
            return;
        }
        int n = Math.max(capacity, Math.max(8, deadlines.length * 2));
        deadlines = timeout ? Arrays.copyOf(deadlines, n) : deadlines;
        packetCounts = counters ? Arrays.copyOf(packetCounts, n) : packetCounts;
        byteCounts = counters ? Arrays.copyOf(byteCounts, n) : byteCounts;
        comments = Arrays.copyOf(comments, n);
        if (skbinfo) {
            skbMarks = Arrays.copyOf(skbMarks, n);
            skbMasks = Arrays.copyOf(skbMasks, n);
            skbPrios = Arrays.copyOf(skbPrios, n);
            skbQueues = Arrays.copyOf(skbQueues, n);
        }
    }

    /** The extensions of a new or re-added entry, in the kernel's order (timeout last). */
    void init(int id, EntryValues v, long now) {
        if (counters) {
            if (v.bytes != EntryValues.KEEP) {
                byteCounts[id] = v.bytes;
            }
            if (v.packets != EntryValues.KEEP) {
                packetCounts[id] = v.packets;
            }
        }
        if (comment) {
            setComment(id, v.comment);
        }
        if (skbinfo) {
            skbMarks[id] = v.skbMark;
            skbMasks[id] = v.skbMarkMask;
            skbPrios[id] = v.skbPrio;
            skbQueues[id] = v.skbQueue;
        }
        if (timeout) {
            deadlines[id] = Timeouts.deadline(v.timeout, now);
        }
    }

    /** A new entry starts from zeroes, as kzalloc'ed memory. */
    void reset(int id) {
        if (counters) {
            packetCounts[id] = 0;
            byteCounts[id] = 0;
        }
        if (timeout) {
            deadlines[id] = Timeouts.PERMANENT;
        }
        if (skbinfo) {
            skbMarks[id] = 0;
            skbMasks[id] = 0;
            skbPrios[id] = 0;
            skbQueues[id] = 0;
        }
        comments[id] = null;
    }

    /** ip_set_ext_destroy: frees the entry's comment. */
    void destroy(int id) {
        if (comment) {
            setComment(id, null);
        }
    }

    private void setComment(int id, String text) {
        String old = comments[id];
        if (old != null) {
            commentBytes -= COMMENT_HEADER + old.length() + 1;
            comments[id] = null;
        }
        if (text == null || text.isEmpty()) {
            return;
        }
        String kept = text.length() > MAX_COMMENT ? text.substring(0, MAX_COMMENT) : text;
        comments[id] = kept;
        commentBytes += COMMENT_HEADER + kept.length() + 1;
    }

    /** Whether the entry's timeout has passed. */
    boolean expired(int id, long now) {
        return timeout && Timeouts.expired(deadlines[id], now);
    }

    /**
     * ip_set_match_extensions: a live entry matches unless its counters, counting this packet,
     * fail the lookup's comparisons; a match hands the entry's skbinfo back in {@code v}.
     */
    boolean match(int id, EntryValues v, int flags, long now) {
        if (expired(id, now)) {
            return false;
        }
        if (counters) {
            if (v.packets != EntryValues.KEEP && (flags & SetLookup.FLAG_SKIP_COUNTER_UPDATE) == 0) {
                byteCounts[id] += v.bytes;
                packetCounts[id] += v.packets;
            }
            SetLookup c = v.compare;
            if (c != null && c.comparesCounters()
                    && !(SetLookup.compare(c.packetsOp(), packetCounts[id], c.packets())
                         && SetLookup.compare(c.bytesOp(), byteCounts[id], c.bytes()))) {
                return false;
            }
        }
        if (skbinfo) {
            v.foundMark = skbMarks[id];
            v.foundMarkMask = skbMasks[id];
            v.foundPrio = skbPrios[id];
            v.foundQueue = skbQueues[id];
        }
        return true;
    }

    /** ip_set_put_extensions: the entry's extensions as a listing shows them. */
    void fill(int id, SetAttributes out, long now) {
        if (timeout) {
            out.timeout = Timeouts.secondsLeft(deadlines[id], now);
        }
        if (counters) {
            out.packets = packetCounts[id];
            out.bytes = byteCounts[id];
        }
        if (comment && comments[id] != null) {
            out.comment = comments[id];
        }
        if (skbinfo) {
            if (skbMarks[id] != 0 || skbMasks[id] != 0) {
                out.skbMark = (Integer.toUnsignedLong(skbMarks[id]) << 32) | Integer.toUnsignedLong(skbMasks[id]);
            }
            if (skbPrios[id] != 0) {
                out.skbPrio = Integer.toUnsignedLong(skbPrios[id]);
            }
            if (skbQueues[id] != 0) {
                out.skbQueue = skbQueues[id];
            }
        }
    }

    /** The entry's deadline (for the state file), {@link Timeouts#PERMANENT} without timeout. */
    long deadline(int id) {
        return timeout ? deadlines[id] : Timeouts.PERMANENT;
    }

    /** Sets the entry's deadline as it was stored. */
    void deadline(int id, long jiffies) {
        if (timeout) {
            deadlines[id] = jiffies;
        }
    }

    /** Puts back the extensions a state file kept of an entry: its deadline and listed values. */
    void restore(int id, SetAttributes a, long deadline) {
        if (timeout) {
            deadlines[id] = deadline;
        }
        if (counters) {
            packetCounts[id] = a.packets == null ? 0 : a.packets;
            byteCounts[id] = a.bytes == null ? 0 : a.bytes;
        }
        if (comment) {
            setComment(id, a.comment);
        }
        if (skbinfo) {
            skbMarks[id] = a.skbMark == null ? 0 : (int) (a.skbMark >>> 32);
            skbMasks[id] = a.skbMark == null ? 0 : (int) (long) a.skbMark;
            skbPrios[id] = a.skbPrio == null ? 0 : (int) (long) a.skbPrio;
            skbQueues[id] = a.skbQueue == null ? 0 : a.skbQueue;
        }
    }

    /** Forgets every comment (a flush). */
    void clearComments() {
        Arrays.fill(comments, null);
        commentBytes = 0;
    }

    long commentBytes() {
        return commentBytes;
    }

    /** Whether two sets have the same extensions (same_set's a->extensions == b->extensions). */
    boolean sameAs(Extensions other) {
        return timeout == other.timeout && counters == other.counters && comment == other.comment
                && skbinfo == other.skbinfo;
    }
}
