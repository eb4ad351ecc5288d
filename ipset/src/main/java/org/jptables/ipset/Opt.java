package org.jptables.ipset;

/**
 * The options a command may carry (libipset's enum ipset_opt), in libipset's order: the order the
 * checks for options a set type does not allow walk them in.
 */
enum Opt {
    NONE, SETNAME, TYPENAME, FAMILY,
    IP, IP_TO, CIDR, MARK, PORT, PORT_TO, TIMEOUT,
    GC, HASHSIZE, MAXELEM, MARKMASK, NETMASK, PROBES, RESIZE, SIZE, FORCEADD, BITMASK,
    ELEMENTS, REFERENCES, MEMSIZE,
    ETHER, NAME, NAMEREF, IP2, CIDR2, IP2_TO, PROTO, IFACE,
    SETNAME2,
    EXIST, BEFORE, PHYSDEV, NOMATCH, COUNTERS, PACKETS, BYTES, CREATE_COMMENT, ADT_COMMENT, SKBINFO,
    SKBMARK, SKBPRIO, SKBQUEUE, IFACE_WILDCARD, BUCKETSIZE, INITVAL,
    FLAGS;

    /** IPSET_CREATE_FLAGS: the options of a CREATE. */
    static final java.util.Set<Opt> CREATE_FLAGS = java.util.EnumSet.of(FAMILY, TYPENAME, IP, IP_TO, CIDR, PORT,
            PORT_TO, TIMEOUT, GC, HASHSIZE, MAXELEM, MARKMASK, NETMASK, PROBES, RESIZE, SIZE, COUNTERS,
            CREATE_COMMENT, FORCEADD, SKBINFO, BITMASK);

    /** IPSET_ADT_FLAGS: the options of an ADD, DEL or TEST. */
    static final java.util.Set<Opt> ADT_FLAGS = java.util.EnumSet.of(IP, IP_TO, CIDR, MARK, PORT, PORT_TO, TIMEOUT,
            ETHER, NAME, NAMEREF, IP2, CIDR2, PROTO, IFACE, BEFORE, PHYSDEV, NOMATCH, PACKETS, BYTES, ADT_COMMENT,
            SKBMARK, SKBPRIO, SKBQUEUE, IFACE_WILDCARD);
}
