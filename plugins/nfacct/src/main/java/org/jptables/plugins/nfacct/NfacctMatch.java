package org.jptables.plugins.nfacct;

import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.NfacctObject;
import org.jptables.api.Packet;
import org.jptables.api.SavedStrings;
import org.jptables.api.StateScope;

/**
 * xt_nfacct's match: the packet is counted into the object (one packet, its length in bytes) and
 * the match holds, unless the object has a quota: then it holds only once the quota is passed.
 */
final class NfacctMatch implements Match {
    private final NfacctObject object;

    NfacctMatch(NfacctObject object) {
        this.object = object;
    }

    @Override
    public boolean matches(Packet packet) {
        return object.account(packet);
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(" nfacct-name  ");
        SavedStrings.append(out, object.name());
    }

    @Override
    public void save(StringBuilder out) {
        out.append(" --nfacct-name  ");
        SavedStrings.append(out, object.name());
    }

    /** The object's counters are shared by every rule and connection that names it. */
    @Override
    public StateScope stateScope() {
        return StateScope.SHARED;
    }
}
