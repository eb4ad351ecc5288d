package org.jptables.plugins.u32;

import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;

/** xt_u32's u32_mt: the program's answer, inverted by "!". */
record U32Match(U32Program program, boolean inverted) implements Match {
    @Override
    public boolean matches(Packet packet) {
        return program.run(packet) != inverted;
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(" u32");
        if (inverted) {
            out.append(" !");
        }
        program.print(out);
    }

    @Override
    public void save(StringBuilder out) {
        out.append(inverted ? " !" : "").append(" --u32");
        program.print(out);
    }

    /** It reads only the packet, its metadata and the host: no state of its own. */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
