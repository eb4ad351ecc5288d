package org.jptables.live.hooks;

/**
 * A netfilter hook at which the daemon has the kernel queue IPv4 packets to it, with where its rule
 * sits there: the nftables base chain priority, and for the iptables backend the table whose
 * built-in chain jumps to the daemon's chain (iptables cannot choose a priority, only a table).
 *
 * <p>PREROUTING and OUTPUT sit at raw's priority (-300), before the kernel's own conntrack (-200),
 * so the daemon sees each packet as the raw table does: defragmented (-400) but not yet
 * tracked. POSTROUTING sits at srcnat's (100) with nftables; iptables has no table there that sees
 * every packet (nat sees only a connection's first), so it uses mangle (-150). INPUT and FORWARD
 * sit at mangle's (-150), ahead of the host's filter table (0).
 */
public enum HookPoint {
    PREROUTING("prerouting", -300, "raw", "PREROUTING", "JPTABLES-DAEMON-PRE", Direction.IN),
    INPUT("input", -150, "mangle", "INPUT", "JPTABLES-DAEMON-IN", Direction.IN),
    FORWARD("forward", -150, "mangle", "FORWARD", "JPTABLES-DAEMON-FWD", Direction.BOTH),
    OUTPUT("output", -300, "raw", "OUTPUT", "JPTABLES-DAEMON-OUT", Direction.OUT),
    POSTROUTING("postrouting", 100, "mangle", "POSTROUTING", "JPTABLES-DAEMON-POST", Direction.OUT),
    /**
     * Shadow mode's witnesses, after the host's own filter table (0): a packet seen there is one the
     * kernel let through. iptables reaches them from the security table (50), the first after filter.
     */
    INPUT_WITNESS("input", 300, "security", "INPUT", "JPTABLES-DAEMON-WIN", Direction.IN),
    FORWARD_WITNESS("forward", 300, "security", "FORWARD", "JPTABLES-DAEMON-WFWD", Direction.BOTH),
    /** After nat (100): what the host sends, once its filter OUTPUT passed it (iptables: mangle, after OUTPUT anyway). */
    POSTROUTING_WITNESS("postrouting", 300, "mangle", "POSTROUTING", "JPTABLES-DAEMON-WPOST", Direction.OUT);

    /** Which interface a packet at this hook is matched by when the plan names interfaces. */
    public enum Direction {
        /** the one it came in on (iifname, -i) */
        IN,
        /** the one it leaves by (oifname, -o) */
        OUT,
        /** either: a forwarded packet has both */
        BOTH
    }

    private final String nftHook;
    private final int nftPriority;
    private final String iptablesTable;
    private final String builtinChain;
    private final String iptablesChain;
    private final Direction direction;

    HookPoint(String nftHook, int nftPriority, String iptablesTable, String builtinChain, String iptablesChain,
            Direction direction) {
        this.nftHook = nftHook;
        this.nftPriority = nftPriority;
        this.iptablesTable = iptablesTable;
        this.builtinChain = builtinChain;
        this.iptablesChain = iptablesChain;
        this.direction = direction;
    }

    /** The nftables hook keyword, also the name of the daemon's base chain for it. */
    public String nftHook() {
        return nftHook;
    }

    /** The name of the daemon's nftables base chain for this point. */
    public String nftChain() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    /** The nftables base chain priority. */
    public int nftPriority() {
        return nftPriority;
    }

    /** The iptables table whose built-in chain of this hook jumps to the daemon's chain. */
    public String iptablesTable() {
        return iptablesTable;
    }

    /** The built-in chain of this hook (PREROUTING, ...). */
    public String builtinChain() {
        return builtinChain;
    }

    /** The daemon's own iptables chain for this hook. */
    public String iptablesChain() {
        return iptablesChain;
    }

    public Direction direction() {
        return direction;
    }

    /**
     * Whether a packet at this hook may be one the host sent to itself over lo after the daemon
     * already judged it at OUTPUT: arriving on lo (PREROUTING, INPUT) or leaving by it (POSTROUTING).
     */
    boolean seesLoopbackAfterOutput() {
        return this == PREROUTING || this == INPUT || this == POSTROUTING || this == INPUT_WITNESS
                || this == POSTROUTING_WITNESS;
    }
}
