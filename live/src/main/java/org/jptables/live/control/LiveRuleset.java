package org.jptables.live.control;

import java.util.function.Supplier;
import org.jptables.kernel.model.Ruleset;

/**
 * The daemon's live ruleset as the control server sees it: read and replaced only while no packet is
 * being decided, its counters updated by the packet threads in between.
 */
public interface LiveRuleset {
    /** Runs action while no packet is being decided (the daemon's lock). */
    <T> T exclusive(Supplier<T> action);

    /** The live ruleset; call inside exclusive. */
    Ruleset current();

    /** Makes next the live ruleset; call inside exclusive. The daemon rebuilds its paths and re-plans its kernel hooks. */
    void replace(Ruleset next);

    /** Queue statistics and anything else `jptables daemon status` prints (free text, ends with a newline). */
    String status();
}
