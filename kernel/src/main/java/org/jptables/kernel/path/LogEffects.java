package org.jptables.kernel.path;

import org.jptables.api.Hook;
import org.jptables.kernel.effects.LogLine;
import org.jptables.kernel.effects.NflogRecord;
import org.jptables.kernel.host.Host;
import org.jptables.kernel.packet.PacketView;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where LOG's lines and NFLOG's copies go: the packet's report (replay --log / --nflog), the
 * kernel log, and live mode's observer. Kept apart from the path because they change nothing the
 * packet's passage depends on.
 */
final class LogEffects {
    private static final Logger KERNEL_LOG = LoggerFactory.getLogger("jptables.log");

    private final Host host;

    LogEffects(Host host) {
        this.host = host;
    }

    void log(PacketView packet, int level, String prefix, int flags, PacketResult report, PathObserver observer) {
        String line = LogLine.of(packet, prefix, flags);
        if (report != null) {
            report.log.add(line);
        }
        KERNEL_LOG.info(line);
        if (observer != null) {
            observer.logged(line, level);
        }
    }

    /** NFLOG's copy, kept in the report for replay --nflog; nothing is kept without a report. */
    void nflog(PacketView packet, int group, String prefix, long size, PacketResult report) {
        if (report == null) {
            return;
        }
        report.nflog.add(NflogRecord.of(packet, hookNumber(packet.hook()), ifindex(packet.inInterface()),
                ifindex(packet.physInInterface()), ifindex(packet.outInterface()), ifindex(packet.physOutInterface()),
                group, prefix, size));
    }

    private int ifindex(String device) {
        return device.isEmpty() ? 0 : host.interfaceIndex(host.indexOf(device));
    }

    /** NF_INET_PRE_ROUTING 0, LOCAL_IN 1, FORWARD 2, LOCAL_OUT 3, POST_ROUTING 4. */
    private static int hookNumber(Hook hook) {
        return switch (hook) {
            case PREROUTING -> 0;
            case INPUT -> 1;
            case FORWARD -> 2;
            case OUTPUT -> 3;
            case POSTROUTING -> 4;
        };
    }
}
