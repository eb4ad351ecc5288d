package org.jptables.ipset;

import org.jptables.kernel.ipset.SetError;

/**
 * What the ipset tool says for each error the kernel answers (libipset's errcode.c): some
 * messages depend on the command, the type-specific ones on the set's type.
 */
final class KernelMessages {
    private KernelMessages() {
    }

    static String of(SetError error, CommandName cmd, TypeDef type) {
        return switch (error) {
            case NO_SUCH_SET -> "The set with the given name does not exist";
            case SET_EXISTS -> "Set cannot be created: set with the same name already exists";
            case BUSY_LISTING -> "Kernel error received: Device or resource busy";
            case PROTOCOL -> "Kernel error received: ipset protocol error";
            case FIND_TYPE -> "Kernel error received: set type not supported";
            case MAX_SETS -> "Kernel error received: maximal number of sets reached, cannot create more.";
            case INVALID_NETMASK -> "The value of the netmask parameter is invalid";
            case INVALID_FAMILY -> "Protocol family not supported by the set type";
            case BUSY -> "Set cannot be destroyed: it is in use by a kernel component";
            case EXIST_SETNAME2 -> cmd == CommandName.SWAP ? "Sets cannot be swapped: the second set does not exist"
                    : "Set cannot be renamed: a set with the new name already exists";
            case REFERENCED -> "Set cannot be renamed: it is in use by another system";
            case TYPE_MISMATCH -> "The sets cannot be swapped: their type does not match";
            case INVALID_CIDR -> "The value of the CIDR parameter of the IP address is invalid";
            case TIMEOUT -> "Timeout cannot be used: set was created without timeout support";
            case COUNTER -> "Packet/byte counters cannot be used: set was created without counter support";
            case COMMENT -> "Comment cannot be used: set was created without comment support";
            case SKBINFO -> "Skbinfo mapping cannot be used: set was created without skbinfo support";
            case BITMASK_NETMASK_EXCL -> "netmask and bitmask options are mutually exclusive, provide only one";
            case EXIST -> cmd == CommandName.DEL ? "Element cannot be deleted from the set: it's not added"
                    : "Element cannot be added to the set: it's already added";
            case BITMAP_RANGE -> "Element is out of the range of the set";
            case BITMAP_RANGE_SIZE -> "The range you specified exceeds the size limit of the set type";
            case HASH_FULL -> "Hash is full, cannot add more elements";
            case HASH_ELEM -> "Null-valued element, cannot be stored in a hash type of set";
            case INVALID_PROTO -> "Invalid protocol specified";
            case MISSING_PROTO -> "Protocol missing, but must be specified";
            case HASH_RANGE_UNSUPPORTED -> "Range is not supported in the \"net\" component of the element";
            case HASH_RANGE -> "Invalid range, covers the whole address space";
            case NAME -> "Set to be added/deleted/tested as element does not exist.";
            case LOOP -> "Sets with list:set type cannot be added to the set.";
            case BEFORE -> "No reference set specified.";
            case NAMEREF -> "The set to which you referred with 'before' or 'after' does not exist.";
            case LIST_FULL -> "The set is full, more elements cannot be added.";
            case REF_EXIST -> "The set to which you referred with 'before' or 'after' is not added to the set.";
            case NOMATCH -> "Kernel error received: Directory not empty";
            case INVALID -> "Kernel error received: Invalid argument";
            case NO_MEMORY -> "Kernel error received: Cannot allocate memory";
        };
    }
}
