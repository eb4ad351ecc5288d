package org.jptables.plugins.helper;

import org.jptables.api.Constraints;
import org.jptables.api.ConntrackHelpers;
import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.api.SavedStrings;

/**
 * One rule's helper match. The name is turned into the set of helper ids it stands for when the
 * rule is built (helper_mt's {@code strncmp(helper->name, name, strlen(helper->name))}: every
 * helper whose name the given one starts with; all of them for an empty name), so that a packet is
 * answered by one bit test on its master's helper.
 */
final class HelperMatch implements Match {
    private final String name;
    private final boolean inverted;
    /** Bit {@code id} set for each ConntrackHelpers id the name matches. */
    private final long helpers;

    HelperMatch(String name, boolean inverted) {
        this.name = name;
        this.inverted = inverted;
        this.helpers = helpersNamed(name);
    }

    static long helpersNamed(String name) {
        long bits = 0;
        for (int id = 1; id < ConntrackHelpers.count(); id++) {
            if (name.isEmpty() || name.startsWith(ConntrackHelpers.name(id))) {
                bits |= 1L << id;
            }
        }
        return bits;
    }

    @Override
    public boolean matches(Packet packet) {
        int helper = packet.ctMasterHelper();
        if (helper == ConntrackHelpers.NONE) {
            return inverted; // no connection, no master, or a master without a helper
        }
        return ((helpers >>> helper) & 1) != 0 != inverted;
    }

    @Override
    public void declare(Constraints constraints) {
        constraints.sideEffectFree();
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(" helper match ").append(inverted ? "! " : "").append('"').append(name).append('"');
    }

    @Override
    public void save(StringBuilder out) {
        out.append(inverted ? " ! --helper " : " --helper ");
        SavedStrings.append(out, name);
    }

    @Override
    public boolean needsConnectionTracking() {
        return true;
    }
}
