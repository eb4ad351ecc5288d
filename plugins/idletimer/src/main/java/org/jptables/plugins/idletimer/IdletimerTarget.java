package org.jptables.plugins.idletimer;

import org.jptables.api.ListingFormat;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;
import org.jptables.api.Target;
import org.jptables.api.Verdict;

/**
 * idletimer_tg_target_v1: restarts the label's timer (mod_timer or alarm_start_relative) and gives
 * XT_CONTINUE. The timer is not modelled, so only the CONTINUE is.
 */
final class IdletimerTarget implements Target {
    private final int timeout;
    private final String label;
    private final boolean alarm;

    IdletimerTarget(int timeout, String label, boolean alarm) {
        this.timeout = timeout;
        this.label = label;
        this.alarm = alarm;
    }

    @Override
    public int apply(Packet p) {
        return Verdict.CONTINUE;
    }

    /** " timeout:%u label:%s" and " alarm", in -L and -L -n alike. */
    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(" timeout:").append(Integer.toUnsignedString(timeout)).append(" label:").append(label);
        if (alarm) {
            out.append(" alarm");
        }
    }

    @Override
    public void save(StringBuilder out) {
        out.append(" --timeout ").append(Integer.toUnsignedString(timeout)).append(" --label ").append(label);
        if (alarm) {
            out.append(" --alarm");
        }
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof IdletimerTarget t && t.timeout == timeout && t.label.equals(label) && t.alarm == alarm;
    }

    @Override
    public int hashCode() {
        return (timeout * 31 + label.hashCode()) * 2 + (alarm ? 1 : 0);
    }

    /** The label's timer is not modelled and changes no packet's fate. */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
