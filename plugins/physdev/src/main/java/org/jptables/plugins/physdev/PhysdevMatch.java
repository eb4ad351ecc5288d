package org.jptables.plugins.physdev;

import org.jptables.api.Hook;
import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;

/**
 * xt_physdev's decision. Only a packet the bridge hands to iptables (br_netfilter) carries bridge
 * information; jptables' host model has no bridge, so no packet does, and for such a packet the
 * kernel's physdev_mt matches exactly when every option the rule gives is inverted
 * ({@code ! --physdev-is-bridged} and the like), whatever the names say.
 *
 * @param bitmask XT_PHYSDEV_OP_IN 1, OUT 2, BRIDGED 4, ISIN 8, ISOUT 16 given
 * @param invert  the same bits, for those given with {@code !}
 * @param in      --physdev-in's name ("" when not given)
 * @param out     --physdev-out's name
 */
public record PhysdevMatch(int bitmask, int invert, String in, String out) implements Match {
    static final int IN = 1;
    static final int OUT = 2;
    static final int BRIDGED = 4;
    static final int IS_IN = 8;
    static final int IS_OUT = 16;

    @Override
    public boolean matches(Packet packet) {
        return (bitmask & ~invert) == 0;
    }

    /**
     * physdev_mt_check: at OUTPUT the output port is unknown (the bridge decides after it), so
     * --physdev-out and --physdev-is-out are refused there unless the rule asks for bridged packets.
     */
    @Override
    public boolean allowedAt(String table, Hook hook) {
        boolean output = (bitmask & (OUT | IS_OUT)) != 0;
        boolean bridgedOnly = (bitmask & BRIDGED) != 0 && (invert & BRIDGED) == 0;
        return hook != Hook.OUTPUT || !output || bridgedOnly;
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(" PHYSDEV match");
        save(out);
    }

    /** physdev_save's order: is-in, in, is-out, out, is-bridged. */
    @Override
    public void save(StringBuilder text) {
        flag(text, IS_IN, " --physdev-is-in");
        if (flag(text, IN, " --physdev-in ")) {
            text.append(in);
        }
        flag(text, IS_OUT, " --physdev-is-out");
        if (flag(text, OUT, " --physdev-out ")) {
            text.append(out);
        }
        flag(text, BRIDGED, " --physdev-is-bridged");
    }

    private boolean flag(StringBuilder text, int bit, String option) {
        if ((bitmask & bit) == 0) {
            return false;
        }
        if ((invert & bit) != 0) {
            text.append(" !");
        }
        text.append(option);
        return true;
    }

    /** It reads only the packet, its metadata and the host: no state of its own. */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
