package org.jptables.examples.srcquota;

import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.Packet;

/**
 * One rule's quota and its table of the bytes each source has used. Per packet, as xt_quota: if
 * the source's remaining quota covers the packet's total length, it is taken off and the packet
 * matches; otherwise the remaining quota drops to zero and the packet does not match. A source
 * the full table has no room for counts as over quota.
 */
final class SrcQuotaMatch implements Match {
    private final long quota;
    private final boolean inverted;
    private final int maxSources;
    private final SourceTable used;

    SrcQuotaMatch(long quota, boolean inverted, int maxSources) {
        this.quota = quota;
        this.inverted = inverted;
        this.maxSources = maxSources;
        this.used = new SourceTable(maxSources);
    }

    @Override
    public synchronized boolean matches(Packet packet) {
        int slot = used.slot(packet.source());
        boolean within;
        if (slot < 0) {
            within = false;
        } else {
            long spent = used.value(slot);
            long length = packet.totalLength();
            within = quota - spent >= length;
            used.set(slot, within ? spent + length : quota);
        }
        return within != inverted;
    }

    /** The bytes {@code source} has used of its quota (the quota once it went over), -1 when unseen. */
    synchronized long used(int source) {
        return used.get(source);
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(" srcquota: ").append(inverted ? "over " : "").append(quota).append(" bytes per source");
        if (maxSources != SrcQuotaBuilder.DEFAULT_MAX_SOURCES) {
            out.append(" max-sources ").append(maxSources);
        }
    }

    @Override
    public void save(StringBuilder out) {
        out.append(inverted ? " !" : "").append(' ').append(SrcQuotaExtension.QUOTA).append(' ').append(quota);
        if (maxSources != SrcQuotaBuilder.DEFAULT_MAX_SOURCES) {
            out.append(' ').append(SrcQuotaExtension.MAX_SOURCES).append(' ').append(maxSources);
        }
    }
}
