package org.jptables.kernel.path;

import org.jptables.api.Hook;
import org.jptables.kernel.model.TableKind;

/**
 * One table at one hook as the path runs it, with the packets the host sends because of it (a
 * REJECT answer, TEE's copies): the path's own step, lent to its helpers that go through tables.
 */
@FunctionalInterface
interface HookRunner {
    /** The table's verdict for the packet on the view. */
    int run(TableKind kind, Hook hook);
}
