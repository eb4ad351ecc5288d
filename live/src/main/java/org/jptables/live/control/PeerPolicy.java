package org.jptables.live.control;

import java.io.IOException;
import java.nio.file.FileSystems;
import java.nio.file.attribute.UserPrincipal;
import java.util.List;

/**
 * Who may talk to the daemon: root and the daemon's own user, as only they could change the ruleset
 * without it. Checked on every connection with the peer's credentials (SO_PEERCRED), whatever the
 * socket file's mode: a mode can be loosened by mistake, the kernel's word on the peer cannot.
 *
 * @param allowed     the users served
 * @param description who they are, for the refusal
 */
record PeerPolicy(List<UserPrincipal> allowed, String description) {

    /** Root and {@code own} (the daemon's user: the owner of the socket it made). */
    static PeerPolicy rootAnd(UserPrincipal own) throws IOException {
        // "0": a numeric name is the uid itself, even where /etc/passwd names root otherwise
        UserPrincipal root = FileSystems.getDefault().getUserPrincipalLookupService().lookupPrincipalByName("0");
        return root.equals(own) ? new PeerPolicy(List.of(root), "root")
                : new PeerPolicy(List.of(root, own), "root and " + own.getName());
    }

    boolean allows(UserPrincipal peer) {
        return allowed.contains(peer);
    }
}
