package org.jptables.plugins.classify;

import org.jptables.api.ListingFormat;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;
import org.jptables.api.Target;
import org.jptables.api.Verdict;

/** classify_tg: skb->priority becomes the class, and the packet goes on with the next rule. */
final class ClassifyTarget implements Target {
    private final int priority;

    ClassifyTarget(int priority) {
        this.priority = priority;
    }

    int priority() {
        return priority;
    }

    @Override
    public int apply(Packet p) {
        p.setPriority(priority);
        return Verdict.CONTINUE;
    }

    /** " CLASSIFY set %x:%x" of TC_H_MAJ >> 16 and TC_H_MIN, in -L and -L -n alike. */
    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(" CLASSIFY set ").append(Integer.toHexString(priority >>> 16)).append(':')
                .append(Integer.toHexString(priority & 0xFFFF));
    }

    /** " --set-class %.4x:%.4x". */
    @Override
    public void save(StringBuilder out) {
        out.append(" --set-class ");
        hex4(out, priority >>> 16);
        out.append(':');
        hex4(out, priority & 0xFFFF);
    }

    private static void hex4(StringBuilder out, int v) {
        String h = Integer.toHexString(v);
        for (int i = h.length(); i < 4; i++) {
            out.append('0');
        }
        out.append(h);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ClassifyTarget t && t.priority == priority;
    }

    @Override
    public int hashCode() {
        return priority;
    }

    /** It acts on this packet alone and keeps nothing for later packets. */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
