package org.jptables.plugins.cgroup;

import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.api.SavedStrings;
import org.jptables.api.StateScope;

/**
 * {@code -m cgroup [!] --path PATH}: cgroup_mt_v2's cgroup_is_descendant: the packet's full socket
 * is in the cgroup PATH names or one below it. Without such a socket the match fails, inverted or
 * not.
 *
 * @param path     as given, for the listings
 * @param ancestor the cgroup it names as {@code "/a/b"} ({@code "/"} for the root): its components
 *                 between slashes, empty ones left out, as the kernel walks the path
 * @param inverted {@code !}
 */
record CgroupPathMatch(String path, String ancestor, boolean inverted) implements Match {
    static CgroupPathMatch of(String path, boolean inverted) {
        StringBuilder canonical = new StringBuilder();
        for (String component : path.split("/")) {
            if (!component.isEmpty()) {
                canonical.append('/').append(component);
            }
        }
        return new CgroupPathMatch(path, canonical.isEmpty() ? "/" : canonical.toString(), inverted);
    }

    @Override
    public boolean matches(Packet packet) {
        String cgroup = packet.socketCgroup();
        if (cgroup == null) {
            return false;
        }
        int length = ancestor.length();
        boolean below = length == 1
                || cgroup.startsWith(ancestor) && (cgroup.length() == length || cgroup.charAt(length) == '/');
        return below != inverted;
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(" cgroup").append(inverted ? " !" : "").append(' ').append(path);
    }

    @Override
    public void save(StringBuilder out) {
        out.append(inverted ? " !" : "").append(" --path ");
        SavedStrings.append(out, path);
    }

    /** The socket belongs to the packet: it alone decides. */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
