package org.jptables.plugins.nflog;

import org.jptables.api.SavedStrings;
import org.jptables.api.ListingFormat;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;
import org.jptables.api.Target;
import org.jptables.api.Verdict;

/**
 * Hands the packet to nfnetlink_log and goes on with the next rule. Only {@code --nflog-size}
 * limits the copy (XT_NFLOG_F_COPY_LEN); {@code --nflog-range} is kept and listed but, as in the
 * kernel, copies everything. The threshold batches messages in the kernel: nothing to model.
 *
 * @param group     the nflog group
 * @param prefix    the prefix, "" for none
 * @param length    --nflog-size or --nflog-range's value
 * @param size      whether it is --nflog-size
 * @param threshold --nflog-threshold (0: not given)
 */
public record NflogTarget(int group, String prefix, long length, boolean size, int threshold) implements Target {
    @Override
    public int apply(Packet packet) {
        packet.nflog(group, prefix, size ? length : -1);
        return Verdict.CONTINUE;
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        options(out, "");
    }

    @Override
    public void save(StringBuilder out) {
        options(out, "--");
    }

    /** nflog_print: prefix, group, size or range, threshold, each only when set. */
    private void options(StringBuilder out, String dashes) {
        if (!prefix.isEmpty()) {
            out.append(' ').append(dashes).append("nflog-prefix ");
            SavedStrings.append(out, prefix);
        }
        if (group != 0) {
            out.append(' ').append(dashes).append("nflog-group ").append(group);
        }
        if (size) {
            out.append(' ').append(dashes).append("nflog-size ").append(length);
        } else if (length != 0) {
            out.append(' ').append(dashes).append("nflog-range ").append(length);
        }
        if (threshold != 0) {
            out.append(' ').append(dashes).append("nflog-threshold ").append(threshold);
        }
    }

    /** A copy per packet to the log group; nothing kept for later packets. */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
