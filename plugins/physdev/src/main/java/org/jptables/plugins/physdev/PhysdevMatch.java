package org.jptables.plugins.physdev;

import org.jptables.api.Hook;
import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;

/**
 * xt_physdev's decision, on the bridge ports br_netfilter gives a packet that came in on a bridge
 * port ({@link Packet#physInInterface()}, {@link Packet#physOutInterface()} once the bridge chose
 * the out port). A packet without bridge information (the host's own, one from a device that is no
 * bridge port) matches exactly when every option the rule gives is inverted, whatever the names
 * say. Names compare as xt_physdev's ifname_compare_aligned with the mask iptables made: the whole
 * name, or the part before a trailing {@code +}; an empty name matches every port.
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
        String inPort = packet.physInInterface();
        if (inPort.isEmpty()) {
            return (bitmask & ~invert) == 0;
        }
        String outPort = packet.physOutInterface();
        boolean hasOut = !outPort.isEmpty();
        // --physdev-is-bridged: the bridge chose an out port, so only FORWARD and POSTROUTING see one
        if (given(BRIDGED) && hasOut == inverted(BRIDGED)) {
            return false;
        }
        // the in port is always known here: --physdev-is-in holds unless inverted
        if (given(IS_IN) && inverted(IS_IN) || given(IS_OUT) && hasOut == inverted(IS_OUT)) {
            return false;
        }
        if (given(IN) && nameMatches(inPort, in) == inverted(IN)) {
            return false;
        }
        // before the bridge chose an out port --physdev-out fails, inverted or not (recorded)
        return !given(OUT) || hasOut && nameMatches(outPort, out) != inverted(OUT);
    }

    private boolean given(int bit) {
        return (bitmask & bit) != 0;
    }

    private boolean inverted(int bit) {
        return (invert & bit) != 0;
    }

    /** ifname_compare_aligned under xtables_parse_interface's mask: "" and "+" match every name. */
    static boolean nameMatches(String device, String pattern) {
        int length = pattern.length();
        if (length == 0) {
            return true;
        }
        if (pattern.charAt(length - 1) == '+') {
            return device.regionMatches(0, pattern, 0, length - 1);
        }
        return device.equals(pattern);
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
