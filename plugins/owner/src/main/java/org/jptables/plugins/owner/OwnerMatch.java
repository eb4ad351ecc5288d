package org.jptables.plugins.owner;

import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;

/**
 * xt_owner revision 1 as the kernel decides it. {@code flags} are the options given (xt_owner's
 * {@code match}), {@code inverted} those given with {@code !}; ids are 0..2^32-2.
 *
 * <p>Without a socket the match holds only when every option given is inverted (the
 * {@code --suppl-groups} flag, never inverted, so makes it fail); a socket without a file (the
 * kernel's own) fails every uid and gid test that is not inverted.
 */
public record OwnerMatch(int flags, int inverted, long uidMin, long uidMax, long gidMin, long gidMax) implements Match {
    /** XT_OWNER_UID, XT_OWNER_GID, XT_OWNER_SOCKET, XT_OWNER_SUPPL_GROUPS. */
    static final int UID = 1;
    static final int GID = 2;
    static final int SOCKET = 4;
    static final int SUPPL_GROUPS = 8;

    @Override
    public boolean matches(Packet packet) {
        if (!packet.socketExists()) {
            return (flags ^ inverted) == 0;
        }
        if ((flags & inverted & SOCKET) != 0) {
            return false;
        }
        long uid = packet.socketUid();
        if (uid < 0) {
            return ((flags ^ inverted) & (UID | GID)) == 0;
        }
        if ((flags & UID) != 0 && (uid >= uidMin && uid <= uidMax) == ((inverted & UID) != 0)) {
            return false;
        }
        if ((flags & GID) != 0) {
            long gid = packet.socketGid();
            boolean in = gid >= gidMin && gid <= gidMax
                    || (flags & SUPPL_GROUPS) != 0 && packet.socketSupplementaryGroupIn(gidMin, gidMax);
            if (in == ((inverted & GID) != 0)) {
                return false;
            }
        }
        return true;
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        boolean numeric = format.numeric() || format.names() == null;
        item(out, "owner socket exists", SOCKET);
        if (item(out, "owner UID match", UID)) {
            id(out, uidMin, uidMax, numeric ? null : format.names().userName(uidMin));
        }
        if (item(out, "owner GID match", GID)) {
            id(out, gidMin, gidMax, numeric ? null : format.names().groupName(gidMin));
        }
        item(out, "incl. suppl. groups", SUPPL_GROUPS);
    }

    @Override
    public void save(StringBuilder out) {
        item(out, "--socket-exists", SOCKET);
        if (item(out, "--uid-owner", UID)) {
            id(out, uidMin, uidMax, null);
        }
        if (item(out, "--gid-owner", GID)) {
            id(out, gidMin, gidMax, null);
        }
        item(out, "--suppl-groups", SUPPL_GROUPS);
    }

    /** owner_mt_print_item's head: " !" when inverted, then the label; false when not given. */
    private boolean item(StringBuilder out, String label, int flag) {
        if ((flags & flag) == 0) {
            return false;
        }
        if ((inverted & flag) != 0) {
            out.append(" !");
        }
        out.append(' ').append(label);
        return true;
    }

    /** A range as FROM-TO, a single id by its name where it has one (listings without -n). */
    private static void id(StringBuilder out, long min, long max, String name) {
        if (min != max) {
            out.append(' ').append(min).append('-').append(max);
        } else {
            out.append(' ').append(name != null ? name : Long.toString(min));
        }
    }

    /** It reads the socket of the host that sent this packet. */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
