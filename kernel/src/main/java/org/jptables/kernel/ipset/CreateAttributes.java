package org.jptables.kernel.ipset;

/**
 * What a CREATE command gives (its attribute table), and what a listing's header tells of a set.
 * A field left null was not given, or does not apply to the set's type.
 */
public final class CreateAttributes {
    /** IPSET_ATTR_HASHSIZE: the hash table's size (listing: the current one). */
    public Long hashSize;
    /** IPSET_ATTR_MAXELEM. */
    public Long maxElem;
    /** IPSET_ATTR_NETMASK: the prefix the stored addresses are cut to. */
    public Integer netmask;
    /** IPSET_ATTR_BITMASK: the mask the stored addresses are cut to (hash:ip, hash:ip,port). */
    public Long bitmask;
    /** IPSET_ATTR_TIMEOUT: the default timeout in seconds; its presence gives timeout support. */
    public Long timeout;
    /** IPSET_FLAG_WITH_COUNTERS. */
    public boolean counters;
    /** IPSET_FLAG_WITH_COMMENT. */
    public boolean comment;
    /** IPSET_FLAG_WITH_SKBINFO. */
    public boolean skbinfo;
    /** IPSET_FLAG_WITH_FORCEADD. */
    public boolean forceadd;
    /** IPSET_ATTR_BUCKETSIZE. */
    public Integer bucketSize;
    /** IPSET_ATTR_INITVAL: the hash seed (listing: the one in use). */
    public Long initval;
    /** IPSET_ATTR_IP, IPSET_ATTR_IP_TO, IPSET_ATTR_CIDR: bitmap:ip's range. */
    public Long ip;
    public Long ipTo;
    public Integer cidr;
    /** IPSET_ATTR_PORT, IPSET_ATTR_PORT_TO: bitmap:port's range. */
    public Integer port;
    public Integer portTo;
    /** IPSET_ATTR_SIZE: list:set's size. */
    public Long size;
}
