package org.jptables.kernel.packet;

import java.util.Arrays;

/**
 * The socket a packet the host sends belongs to, as netfilter sees it through {@code skb->sk}: none
 * (a packet made without one, as REJECT's TCP reset), a socket without a file (the kernel's control
 * sockets, which send its ICMP errors and the resets of closed ports), or a process's socket whose
 * file was opened with some credentials (fsuid, fsgid, supplementary groups). Offline there is no
 * process: the packet's description says whose socket sent it.
 *
 * @param exists whether there is a socket at all
 * @param uid    the file's fsuid, 0..2^32-1, or -1 without a file
 * @param gid    the file's fsgid, 0..2^32-1, or -1 without a file
 * @param groups the file's supplementary groups (0..2^32-1 each); read, never changed
 * @param full   whether skb->sk is a full socket (sk_fullsock): LOG and NFLOG show the uid and gid
 *               of a full socket only, while -m owner goes from a request socket to its listener
 * @param cgroup the socket's cgroup v2 path ("/a/b", "/" for the root: where its creator ran; the
 *               kernel's own sockets are the root's), for -m cgroup
 * @param classid the socket's net_cls class id, 0..2^32-1 (0 unless net_cls gives one)
 */
public record LocalSocket(boolean exists, long uid, long gid, long[] groups, boolean full, String cgroup,
                          long classid) {
    /** No socket: skb->sk is NULL. */
    public static final LocalSocket NONE = new LocalSocket(false, -1, -1, new long[0], false);
    /** The kernel's own control socket: a socket without a file. */
    public static final LocalSocket KERNEL = new LocalSocket(true, -1, -1, new long[0], true);
    /** A socket of root's (uid 0, gid 0, no supplementary groups): the default for what the host sends. */
    public static final LocalSocket ROOT = new LocalSocket(true, 0, 0, new long[0], true);
    /**
     * A SYN-ACK's request socket, whose listener is root's (the recordings' listeners): owner sees
     * the listener (skb_to_full_sk), LOG and NFLOG no uid (not sk_fullsock).
     */
    public static final LocalSocket ROOT_LISTENER_REQUEST = new LocalSocket(true, 0, 0, new long[0], false);

    public LocalSocket {
        groups = groups.clone();
        cgroup = canonicalCgroup(cgroup);
    }

    /** A socket in the root cgroup with class id 0. */
    public LocalSocket(boolean exists, long uid, long gid, long[] groups, boolean full) {
        this(exists, uid, gid, groups, full, "/", 0);
    }

    /** The same socket in cgroup {@code path} with class id {@code id}. */
    public LocalSocket inCgroup(String path, long id) {
        return new LocalSocket(exists, uid, gid, groups, full, path, id);
    }

    /** "/a/b": the path's components between slashes, empty ones left out ("/" for the root). */
    public static String canonicalCgroup(String path) {
        StringBuilder out = new StringBuilder();
        for (String component : path.split("/")) {
            if (!component.isEmpty()) {
                out.append('/').append(component);
            }
        }
        return out.isEmpty() ? "/" : out.toString().intern();
    }

    /** The uid LOG and NFLOG show: a full socket's with a file, else -1. */
    public long loggedUid() {
        return full && hasFile() ? uid : -1;
    }

    /** A process's socket opened with these credentials. */
    public static LocalSocket of(long uid, long gid, long... groups) {
        return new LocalSocket(true, uid, gid, groups, true);
    }

    /** Whether the socket has a file, and so credentials. */
    public boolean hasFile() {
        return exists && uid >= 0;
    }

    /** Whether a supplementary group lies in min..max; no allocation (per packet). */
    public boolean groupIn(long min, long max) {
        for (long g : groups) {
            if (g >= min && g <= max) {
                return true;
            }
        }
        return false;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof LocalSocket s && s.exists == exists && s.uid == uid && s.gid == gid
                && Arrays.equals(s.groups, groups) && s.full == full && s.cgroup.equals(cgroup) && s.classid == classid;
    }

    @Override
    public int hashCode() {
        return Boolean.hashCode(exists) * 31 * 31 + Long.hashCode(uid) * 31 + Long.hashCode(gid) * 7 + Arrays.hashCode(groups)
                + cgroup.hashCode() * 3 + Long.hashCode(classid);
    }

    @Override
    public String toString() {
        return !exists ? "no socket" : uid < 0 ? "kernel socket" : "socket uid " + uid + " gid " + gid
                + (groups.length == 0 ? "" : " groups " + Arrays.toString(groups))
                + ("/".equals(cgroup) ? "" : " cgroup " + cgroup) + (classid == 0 ? "" : " classid " + classid);
    }
}
