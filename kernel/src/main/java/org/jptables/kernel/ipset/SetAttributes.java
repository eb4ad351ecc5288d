package org.jptables.kernel.ipset;

/**
 * One element with its extension values, as the ipset tool and the kernel pass it to each other
 * (the attribute table of an ADD, DEL or TEST message, and of each entry of a listing). A field
 * left null was not given. Addresses are IPv4 addresses as unsigned 32-bit values in a long.
 */
public final class SetAttributes {
    /** IPSET_ATTR_IP: the address, or the first of a range or net. */
    public Long ip;
    /** IPSET_ATTR_IP_TO: the last address of a range. */
    public Long ipTo;
    /** IPSET_ATTR_CIDR: the prefix length of a net. */
    public Integer cidr;
    /** IPSET_ATTR_PORT: the port (for ICMP: type << 8 | code). */
    public Integer port;
    /** IPSET_ATTR_PORT_TO: the last port of a range. */
    public Integer portTo;
    /** IPSET_ATTR_PROTO: the IP protocol of the port. */
    public Integer proto;
    /** IPSET_ATTR_IP2: the second address (hash:ip,port,ip). */
    public Long ip2;
    /** IPSET_ATTR_ETHER: a MAC address as 48 bits. */
    public Long mac;
    /** IPSET_ATTR_NAME: a list:set member. */
    public String name;
    /** IPSET_ATTR_NAMEREF: the member that {@link #before} is relative to. */
    public String nameRef;
    /** IPSET_FLAG_BEFORE: insert before {@link #nameRef} (else after it). */
    public boolean before;
    /** IPSET_FLAG_NOMATCH: the entry excludes what it covers. */
    public boolean nomatch;
    /** IPSET_ATTR_TIMEOUT: seconds (listing: seconds left, 0 for a permanent entry). */
    public Long timeout;
    /** IPSET_ATTR_PACKETS. */
    public Long packets;
    /** IPSET_ATTR_BYTES. */
    public Long bytes;
    /** IPSET_ATTR_COMMENT. */
    public String comment;
    /** IPSET_ATTR_SKBMARK: the mark in the high 32 bits, its mask in the low 32 bits. */
    public Long skbMark;
    /** IPSET_ATTR_SKBPRIO: the priority as MAJOR << 16 | MINOR. */
    public Long skbPrio;
    /** IPSET_ATTR_SKBQUEUE. */
    public Integer skbQueue;
}
