package org.jptables.plugins.devgroup;

import org.jptables.api.Constraints;
import org.jptables.api.Hook;
import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.NamedValueMask;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;

/**
 * xt_devgroup's devgroup_mt: each group given must equal the interface's group under the mask
 * ((value ^ group) & mask == 0), or differ when inverted.
 *
 * @param source      --src-group, against the incoming interface; null when not given
 * @param destination --dst-group, against the outgoing interface; null when not given
 */
record DevgroupMatch(Group source, Group destination) implements Match {
    /**
     * One option's value and mask.
     *
     * @param group    the value and mask
     * @param name     the value's name in /etc/iproute2/group when the rule was made, or null; -S prints it
     * @param inverted whether "!" was given
     */
    record Group(NamedValueMask group, String name, boolean inverted) {
        boolean matches(int deviceGroup) {
            return (((group.value() ^ (deviceGroup & 0xFFFFFFFFL)) & group.mask()) == 0) != inverted;
        }

        void show(StringBuilder out, String prefix, String option, String name) {
            out.append(inverted ? " !" : "").append(' ').append(prefix).append(option);
            group.print(out, name);
        }
    }

    @Override
    public boolean matches(Packet packet) {
        if (source != null && !source.matches(packet.inInterfaceGroup())) {
            return false;
        }
        return destination == null || destination.matches(packet.outInterfaceGroup());
    }

    /**
     * devgroup_mt_check: --src-group needs an incoming interface (PREROUTING, INPUT, FORWARD),
     * --dst-group an outgoing one (FORWARD, OUTPUT, POSTROUTING); elsewhere -EINVAL.
     */
    @Override
    public boolean allowedAt(String table, Hook hook) {
        if (source != null && hook != Hook.PREROUTING && hook != Hook.INPUT && hook != Hook.FORWARD) {
            return false;
        }
        return destination == null || hook == Hook.FORWARD || hook == Hook.OUTPUT || hook == Hook.POSTROUTING;
    }

    /** It only reads the interfaces' groups. */
    @Override
    public void declare(Constraints constraints) {
        constraints.sideEffectFree();
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        if (source != null) {
            source.show(out, "", "src-group",
                    format.numeric() ? null : format.names().deviceGroupName(source.group().value()));
        }
        if (destination != null) {
            destination.show(out, "", "dst-group",
                    format.numeric() ? null : format.names().deviceGroupName(destination.group().value()));
        }
    }

    @Override
    public void save(StringBuilder out) {
        if (source != null) {
            source.show(out, "--", "src-group", source.name());
        }
        if (destination != null) {
            destination.show(out, "--", "dst-group", destination.name());
        }
    }

    /** It reads only the packet, its metadata and the host: no state of its own. */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
