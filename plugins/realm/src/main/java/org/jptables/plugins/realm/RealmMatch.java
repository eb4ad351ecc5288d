package org.jptables.plugins.realm;

import org.jptables.api.Constraints;
import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.NamedValueMask;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;

/**
 * xt_realm's realm_mt: the rule's value equals the route's realm under the mask (the value
 * itself is not masked, so a value with bits outside the mask never matches), or differs when
 * inverted.
 *
 * @param realm    the value and mask
 * @param name     the value's name in rt_realms when the rule was made, null for none; -S prints it
 * @param inverted whether "!" was given
 */
record RealmMatch(NamedValueMask realm, String name, boolean inverted) implements Match {
    @Override
    public boolean matches(Packet packet) {
        return (realm.value() == ((packet.routeRealm() & 0xFFFFFFFFL) & realm.mask())) != inverted;
    }

    /** It only reads the route's realm. */
    @Override
    public void declare(Constraints constraints) {
        constraints.sideEffectFree();
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(inverted ? " !" : "").append(" realm");
        realm.print(out, format.numeric() ? null : format.names().realmName(realm.value()));
    }

    @Override
    public void save(StringBuilder out) {
        out.append(inverted ? " !" : "").append(" --realm");
        realm.print(out, name);
    }

    /** It reads only the packet, its metadata and the host: no state of its own. */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
