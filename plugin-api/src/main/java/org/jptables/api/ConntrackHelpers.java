package org.jptables.api;

import java.util.List;

/**
 * The connection-tracking helpers the kernel has registered (nf_conntrack_helper), each known to
 * extensions by a small id so that nothing on the packet path compares names: {@code CT --helper}
 * resolves its name to an id when the rule is loaded, {@code -m helper} the names it matches to a
 * set of ids, and {@link Packet#ctMasterHelper()} answers with an id.
 *
 * <p>The list is that of the recording kernel (Linux 6.18 with the helpers built in, one port
 * each, so every helper has its plain name: nf_ct_helper_init names it {@code ftp-PORT} only for a
 * port other than its default). jptables' conntrack runs {@link #FTP} and {@link #TFTP}; the others
 * are accepted by {@code CT --helper} as the kernel accepts them and attached to the connection,
 * but create no expectations.
 */
public final class ConntrackHelpers {
    /** No helper. */
    public static final int NONE = 0;
    /** nf_conntrack_ftp: TCP, PORT/EPRT commands and 227/229 replies. */
    public static final int FTP = 1;
    /** nf_conntrack_tftp: UDP, read and write requests. */
    public static final int TFTP = 2;

    private static final int TCP = 6;
    private static final int UDP = 17;

    /** By id (index 0 is {@link #NONE}): the name and the layer-4 protocols it is registered for. */
    private static final List<String> NAMES = List.of("", "ftp", "tftp", "irc", "sip", "RAS", "Q.931", "pptp",
            "amanda", "netbios-ns", "snmp", "snmp_trap", "sane");
    private static final int[][] PROTOCOLS = {{}, {TCP}, {UDP}, {TCP}, {TCP, UDP}, {UDP}, {TCP}, {TCP}, {UDP},
        {UDP}, {UDP}, {UDP}, {TCP}};

    private ConntrackHelpers() {
    }

    /** How many ids there are, {@link #NONE} included: every id is below this. */
    public static int count() {
        return NAMES.size();
    }

    /** The helper's name ("ftp"), "" for {@link #NONE}. */
    public static String name(int id) {
        return NAMES.get(id);
    }

    /**
     * The helper registered as {@code name} for layer-4 {@code protocol}, as
     * __nf_conntrack_helper_find looks it up for xt_CT (names compared exactly), or {@link #NONE}.
     */
    public static int find(String name, int protocol) {
        for (int id = 1; id < NAMES.size(); id++) {
            if (NAMES.get(id).equals(name)) {
                for (int p : PROTOCOLS[id]) {
                    if (p == protocol) {
                        return id;
                    }
                }
            }
        }
        return NONE;
    }
}
