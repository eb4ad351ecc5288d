package org.jptables.api;

/**
 * The host's name databases as iptables reads them (/etc/services, /etc/protocols, /etc/hosts,
 * /etc/networks). Used at parse time ({@code --dport ssh}) and by listings without {@code -n}.
 * Never consulted per packet.
 */
public interface Names {
    /** The service name of {@code port} for {@code protocol} ("tcp", "udp"), or null. */
    String serviceName(int port, String protocol);

    /** The port of service {@code name} for {@code protocol}, or -1. */
    int servicePort(String name, String protocol);

    /** The name of IP protocol {@code number} ("tcp"), or null. */
    String protocolName(int number);

    /** The number of IP protocol {@code name}, or -1. */
    int protocolNumber(String name);

    /** The first host name of {@code address} (an IPv4 address as an int), or null. */
    String hostName(int address);

    /** The network name of {@code address}, or null. */
    String networkName(int address);

    /** The addresses of host {@code name}, empty when unknown. */
    int[] hostAddresses(String name);

    /**
     * The uid of user {@code name} (getpwnam, /etc/passwd), or -1 when there is no such user. A
     * default for name databases written before users were known: no user names.
     */
    default long userId(String name) {
        return -1;
    }

    /** The first user name of {@code uid} (getpwuid), or null. */
    default String userName(long uid) {
        return null;
    }

    /** The gid of group {@code name} (getgrnam, /etc/group), or -1 when there is no such group. */
    default long groupId(String name) {
        return -1;
    }

    /** The first group name of {@code gid} (getgrgid), or null. */
    default String groupName(long gid) {
        return null;
    }

    /**
     * Whether {@code path} names a cgroup of the host's cgroup v2 hierarchy, as the kernel's
     * cgroup_get_from_path finds it when {@code -m cgroup --path} is added: components between
     * slashes, empty ones skipped (so "" and "/" are the root), each a cgroup directory ("." and
     * ".." are none). A default for name databases that know no cgroups: only the root.
     */
    default boolean cgroupExists(String path) {
        for (String component : path.split("/")) {
            if (!component.isEmpty()) {
                return false;
            }
        }
        return true;
    }

    /**
     * The bit of connection label {@code name} in /etc/xtables/connlabel.conf (libnetfilter_conntrack's
     * label map), or -1 when the name is unknown or there is no map.
     */
    default int connlabelBit(String name) {
        return -1;
    }

    /** The name of connection label {@code bit} in that map, or null when it has none. */
    default String connlabelName(int bit) {
        return null;
    }

    /**
     * Why the label map could not be opened, as strerror says it ("No such file or directory"),
     * or null when it was read (or the caller keeps no such file).
     */
    default String connlabelMapError() {
        return null;
    }

    /**
     * The realm of {@code name} in /etc/iproute2/rt_realms (libxtables' lmap: ids 0-255, the first
     * line naming it wins, case counts), or -1 when the name is unknown.
     */
    default long realmId(String name) {
        return -1;
    }

    /** The first name of realm {@code id} in /etc/iproute2/rt_realms, or null. */
    default String realmName(long id) {
        return null;
    }

    /** The device group of {@code name} in /etc/iproute2/group (as {@link #realmId}), or -1. */
    default long deviceGroupId(String name) {
        return -1;
    }

    /** The first name of device group {@code id} in /etc/iproute2/group, or null. */
    default String deviceGroupName(long id) {
        return null;
    }
}
