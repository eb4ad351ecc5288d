package org.jptables.examples.pcaplog;

import org.jptables.api.ListingFormat;
import org.jptables.api.Packet;
import org.jptables.api.Target;
import org.jptables.api.Verdict;

/** Writes the packet to the rule's pcap file and goes on with the next rule. */
final class PcapLogTarget implements Target {
    private final PcapFile file;
    private final int snaplen;

    PcapLogTarget(PcapFile file, int snaplen) {
        this.file = file;
        this.snaplen = snaplen;
    }

    @Override
    public int apply(Packet packet) {
        file.write(packet, snaplen);
        return Verdict.CONTINUE;
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(" PCAPLOG file ").append(file.path());
        if (snaplen != PcapFile.MAX_SNAPLEN) {
            out.append(" snaplen ").append(snaplen);
        }
        String error = file.error();
        if (error != null) {
            out.append(" (write failed: ").append(error).append(')');
        }
    }

    @Override
    public void save(StringBuilder out) {
        out.append(' ').append(PcapLogExtension.FILE).append(' ');
        SavedString.append(out, file.path().toString());
        if (snaplen != PcapFile.MAX_SNAPLEN) {
            out.append(' ').append(PcapLogExtension.SNAPLEN).append(' ').append(snaplen);
        }
    }
}
