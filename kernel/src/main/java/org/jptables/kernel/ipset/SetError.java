package org.jptables.kernel.ipset;

/**
 * The errors the kernel's ipset answers a command with (errno values and the IPSET_ERR_* codes of
 * include/uapi/linux/netfilter/ipset). The texts the ipset tool prints for them are the tool's, not
 * the kernel's: the ipset module maps each code to its message, some depending on the command.
 */
public enum SetError {
    /** ENOENT: no set of that name. */
    NO_SUCH_SET,
    /** EEXIST on create: a set of that name exists. */
    SET_EXISTS,
    /** EBUSY: the set is being listed (swap). */
    BUSY_LISTING,
    /** IPSET_ERR_PROTOCOL: a message the kernel cannot take. */
    PROTOCOL,
    /** IPSET_ERR_FIND_TYPE: no such set type or revision. */
    FIND_TYPE,
    /** IPSET_ERR_MAX_SETS: the set list is full. */
    MAX_SETS,
    /** IPSET_ERR_BUSY: destroy of a set a rule or a list:set refers to. */
    BUSY,
    /** IPSET_ERR_EXIST_SETNAME2: rename to a name in use, or swap with a missing set. */
    EXIST_SETNAME2,
    /** IPSET_ERR_TYPE_MISMATCH: swap of sets of different features or family. */
    TYPE_MISMATCH,
    /** IPSET_ERR_EXIST: add of an element that is there, delete or test of one that is not. */
    EXIST,
    /** IPSET_ERR_INVALID_CIDR. */
    INVALID_CIDR,
    /** IPSET_ERR_INVALID_NETMASK. */
    INVALID_NETMASK,
    /** IPSET_ERR_INVALID_FAMILY. */
    INVALID_FAMILY,
    /** IPSET_ERR_TIMEOUT: a timeout given to a set without timeout support. */
    TIMEOUT,
    /** IPSET_ERR_REFERENCED: rename of a set in use. */
    REFERENCED,
    /** IPSET_ERR_COUNTER: counters given to a set without counter support. */
    COUNTER,
    /** IPSET_ERR_COMMENT: a comment given to a set without comment support. */
    COMMENT,
    /** IPSET_ERR_SKBINFO: skbinfo given to a set without skbinfo support. */
    SKBINFO,
    /** IPSET_ERR_BITMASK_NETMASK_EXCL. */
    BITMASK_NETMASK_EXCL,
    /** IPSET_ERR_BITMAP_RANGE: outside the bitmap's range. */
    BITMAP_RANGE,
    /** IPSET_ERR_BITMAP_RANGE_SIZE: a bitmap of more than 65536 elements. */
    BITMAP_RANGE_SIZE,
    /** IPSET_ERR_HASH_FULL: maxelem reached. */
    HASH_FULL,
    /** IPSET_ERR_HASH_ELEM: a zero-valued element. */
    HASH_ELEM,
    /** IPSET_ERR_INVALID_PROTO: protocol 0. */
    INVALID_PROTO,
    /** IPSET_ERR_MISSING_PROTO. */
    MISSING_PROTO,
    /** IPSET_ERR_HASH_RANGE_UNSUPPORTED. */
    HASH_RANGE_UNSUPPORTED,
    /** IPSET_ERR_HASH_RANGE: a range covering the whole address space. */
    HASH_RANGE,
    /** IPSET_ERR_NAME: a list:set member that does not exist. */
    NAME,
    /** IPSET_ERR_LOOP: a list:set as a member of a list:set. */
    LOOP,
    /** IPSET_ERR_BEFORE: before/after without a reference set. */
    BEFORE,
    /** IPSET_ERR_NAMEREF: the reference set does not exist. */
    NAMEREF,
    /** IPSET_ERR_LIST_FULL. */
    LIST_FULL,
    /** IPSET_ERR_REF_EXIST: the reference set is not in the list. */
    REF_EXIST,
    /** ENOTEMPTY: the element matched a nomatch entry (test). */
    NOMATCH,
    /** EINVAL: the packet lacks what the element needs, or a zero address where none may be. */
    INVALID,
    /** ENOMEM: a hash table larger than the kernel can allocate. */
    NO_MEMORY;

    /** The exception carrying this error. */
    public SetException exception() {
        return new SetException(this, 0);
    }
}
