package org.jptables.plugins.standard;

import org.jptables.api.Verdict;

/** {@code -j QUEUE}: Hands the packet to userspace (NF_QUEUE). */
@org.pf4j.Extension
public final class QueueExtension extends VerdictTargetExtension {
    public QueueExtension() {
        super("QUEUE", Verdict.QUEUE);
    }
}
