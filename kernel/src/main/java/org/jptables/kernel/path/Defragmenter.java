package org.jptables.kernel.path;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jptables.kernel.packet.Checksums;

/**
 * IPv4 reassembly as the kernel does it (ip_defrag): before PREROUTING when connection tracking is
 * on (nf_defrag_ipv4), else before INPUT for packets to the host. Fragments of a datagram are
 * queued by source, destination, ID and protocol until the last one arrives and no hole is left;
 * an overlap discards the whole datagram (RFC 5722, as Linux since 4.19); a queue older than
 * {@link #TIMEOUT_NANOS} (ipfrag_time, 30 s) is forgotten. The whole datagram remembers the
 * fragments it was made of, so that a forwarded one leaves in the same fragments, as the kernel's
 * fast path re-fragments along the original frag_list.
 *
 * <p>Fragments are rare and each datagram is new memory here; the per-packet path of unfragmented
 * packets never touches this class.
 */
final class Defragmenter {
    static final long TIMEOUT_NANOS = 30_000_000_000L;
    private static final int MAX_QUEUES = 4096;

    /** A datagram put back together, and the data offsets and lengths of the fragments it came in. */
    record Datagram(byte[] ip, int length, int[] offsets, int[] lengths) {
    }

    private record Key(int src, int dst, int id, int protocol) {
    }

    private static final class Queue {
        final long firstSeen;
        final List<byte[]> fragments = new ArrayList<>();
        final List<int[]> ranges = new ArrayList<>(); // data offset, data length
        int end = -1;

        Queue(long firstSeen) {
            this.firstSeen = firstSeen;
        }
    }

    private final Map<Key, Queue> queues = new LinkedHashMap<>();
    /** The most datagrams ever waiting at once: a split replay proves with it that the queue limit never bit. */
    private int peak;

    /** Whether the packet is a fragment (MF set or a non-zero offset). */
    static boolean isFragment(byte[] ip) {
        return ((((ip[6] & 0xFF) << 8) | (ip[7] & 0xFF)) & 0x3FFF) != 0;
    }

    /** Adds a fragment; returns the whole datagram when this one completed it, else null. */
    Datagram add(byte[] ip, int length, long now) {
        expire(now);
        int ihl = (ip[0] & 0x0F) * 4;
        int flags = ((ip[6] & 0xFF) << 8) | (ip[7] & 0xFF);
        int offset = (flags & 0x1FFF) * 8;
        boolean more = (flags & 0x2000) != 0;
        int dataLength = length - ihl;
        Key key = new Key(int32(ip, 12), int32(ip, 16), ((ip[4] & 0xFF) << 8) | (ip[5] & 0xFF), ip[9] & 0xFF);
        Queue q = queues.get(key);
        if (q == null) {
            if (queues.size() >= MAX_QUEUES) {
                Iterator<Key> oldest = queues.keySet().iterator();
                oldest.next();
                oldest.remove();
            }
            q = new Queue(now);
            queues.put(key, q);
            peak = Math.max(peak, queues.size());
        }
        if ((more && (dataLength & 7) != 0) || offset + dataLength > 65535 - ihl
                || (!more && q.end >= 0 && offset + dataLength != q.end)) {
            queues.remove(key);
            return null;
        }
        for (int[] r : q.ranges) {
            if (r[0] == offset && r[1] == dataLength) {
                return null; // an exact duplicate is ignored
            }
            if (offset < r[0] + r[1] && r[0] < offset + dataLength) {
                queues.remove(key); // an overlap discards the datagram
                return null;
            }
        }
        if (q.end >= 0 && offset + dataLength > q.end) {
            queues.remove(key);
            return null;
        }
        if (!more) {
            q.end = offset + dataLength;
        }
        byte[] copy = new byte[length];
        System.arraycopy(ip, 0, copy, 0, length);
        q.fragments.add(copy);
        q.ranges.add(new int[] {offset, dataLength});
        if (q.end < 0) {
            return null;
        }
        int covered = 0;
        for (int[] r : q.ranges) {
            covered += r[1];
        }
        if (covered != q.end) {
            return null;
        }
        queues.remove(key);
        return join(q);
    }

    private static Datagram join(Queue q) {
        int n = q.fragments.size();
        Integer[] order = new Integer[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
        }
        java.util.Arrays.sort(order, (a, b) -> Integer.compare(q.ranges.get(a)[0], q.ranges.get(b)[0]));
        byte[] first = q.fragments.get(order[0]);
        int ihl = (first[0] & 0x0F) * 4;
        int total = ihl + q.end;
        byte[] whole = new byte[total];
        System.arraycopy(first, 0, whole, 0, ihl);
        int[] offsets = new int[n];
        int[] lengths = new int[n];
        for (int i = 0; i < n; i++) {
            byte[] f = q.fragments.get(order[i]);
            int[] r = q.ranges.get(order[i]);
            int fihl = (f[0] & 0x0F) * 4;
            System.arraycopy(f, fihl, whole, ihl + r[0], r[1]);
            offsets[i] = r[0];
            lengths[i] = r[1];
        }
        whole[2] = (byte) (total >>> 8);
        whole[3] = (byte) total;
        whole[6] = (byte) (whole[6] & 0x40); // keep DF, clear MF and the offset
        whole[7] = 0;
        whole[10] = 0;
        whole[11] = 0;
        int sum = Checksums.finish(Checksums.sum(whole, 0, ihl, 0));
        whole[10] = (byte) (sum >>> 8);
        whole[11] = (byte) sum;
        return new Datagram(whole, total, offsets, lengths);
    }

    /**
     * The datagram cut again along {@code offsets}/{@code lengths}: every fragment gets the
     * datagram's current header (TTL, NAT already applied) with its own offset, MF and checksum.
     */
    static List<byte[]> fragment(byte[] ip, int length, int[] offsets, int[] lengths) {
        int ihl = (ip[0] & 0x0F) * 4;
        List<byte[]> out = new ArrayList<>(offsets.length);
        for (int i = 0; i < offsets.length; i++) {
            byte[] f = new byte[ihl + lengths[i]];
            System.arraycopy(ip, 0, f, 0, ihl);
            System.arraycopy(ip, ihl + offsets[i], f, ihl, lengths[i]);
            int total = f.length;
            f[2] = (byte) (total >>> 8);
            f[3] = (byte) total;
            int word = (ip[6] & 0x40) << 8 | (i < offsets.length - 1 ? 0x2000 : 0) | (offsets[i] / 8);
            f[6] = (byte) (word >>> 8);
            f[7] = (byte) word;
            f[10] = 0;
            f[11] = 0;
            int sum = Checksums.finish(Checksums.sum(f, 0, ihl, 0));
            f[10] = (byte) (sum >>> 8);
            f[11] = (byte) sum;
            out.add(f);
        }
        return out;
    }

    /** The most datagrams that waited for their fragments at once, so far. */
    int peak() {
        return peak;
    }

    /** The limit on datagrams waiting at once (ipfrag_high_thresh, as a count): beyond it the oldest is forgotten. */
    static int maxQueues() {
        return MAX_QUEUES;
    }

    private void expire(long now) {
        for (Iterator<Queue> it = queues.values().iterator(); it.hasNext(); ) {
            if (now - it.next().firstSeen > TIMEOUT_NANOS) {
                it.remove();
            } else {
                break; // insertion order: the rest are younger
            }
        }
    }

    private static int int32(byte[] b, int at) {
        return ((b[at] & 0xFF) << 24) | ((b[at + 1] & 0xFF) << 16) | ((b[at + 2] & 0xFF) << 8) | (b[at + 3] & 0xFF);
    }
}
