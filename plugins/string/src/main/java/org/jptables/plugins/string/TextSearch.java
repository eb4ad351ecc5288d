package org.jptables.plugins.string;

import org.jptables.api.Packet;

/** One of the kernel's textsearch algorithms, prepared for one pattern (ts_config). */
interface TextSearch {
    /**
     * The offset, from {@code start}, of the first occurrence the algorithm finds in the packet's
     * bytes from {@code start} to {@code end}, or -1.
     */
    int find(Packet packet, int start, int end);
}
