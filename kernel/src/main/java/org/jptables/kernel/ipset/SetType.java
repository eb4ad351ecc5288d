package org.jptables.kernel.ipset;

/**
 * The set types jptables' ipset has, each at the revision the reference kernel and ipset 7.17
 * agree on, with what the kernel knows of them: dimension, features (which decide what may be
 * swapped with what), family, and the sizes its memory accounting is made of.
 *
 * <p>The sizes are those of the x86_64 kernel 6.18 the listings were recorded on: {@code base} is
 * "Size in memory" of an empty set (for hash types: struct htype, struct htable and one region
 * lock; for bitmaps: the map struct; for list:set: the list struct), {@code elementSize} and
 * {@code elementAlign} are the element struct's, which the extensions are laid out after
 * (ip_set_elem_len). hash:mac's base is derived from the struct layout: the reference kernel was
 * built without hash:mac, so it could not be recorded.
 */
public enum SetType {
    HASH_IP("hash:ip", 6, 1, Features.IP, true, 216, 4, 4),
    HASH_NET("hash:net", 7, 1, Features.IP | Features.NOMATCH, true, 456, 8, 4),
    HASH_IP_PORT("hash:ip,port", 7, 2, Features.IP | Features.PORT, true, 216, 8, 4),
    HASH_NET_PORT("hash:net,port", 8, 2, Features.IP | Features.PORT | Features.NOMATCH, true, 456, 8, 4),
    HASH_IP_PORT_IP("hash:ip,port,ip", 6, 3, Features.IP | Features.PORT | Features.IP2, true, 208, 12, 4),
    HASH_MAC("hash:mac", 1, 1, Features.MAC, false, 200, 8, 4),
    BITMAP_IP("bitmap:ip", 3, 1, Features.IP, true, 88, 0, 1),
    BITMAP_PORT("bitmap:port", 3, 1, Features.PORT, false, 72, 0, 1),
    LIST_SET("list:set", 3, 1, Features.NAME | Features.DUMP_LAST, false, 80, 48, 8);

    /** The IPSET_TYPE_* feature bits. */
    public static final class Features {
        public static final int IP = 1;
        public static final int PORT = 1 << 1;
        public static final int MAC = 1 << 2;
        public static final int IP2 = 1 << 3;
        public static final int NAME = 1 << 6;
        public static final int NOMATCH = 1 << 9;
        public static final int DUMP_LAST = 1 << 10;

        private Features() {
        }
    }

    private final String typeName;
    private final int revision;
    private final int dimension;
    private final int features;
    private final boolean inet;
    private final int base;
    private final int elementSize;
    private final int elementAlign;

    SetType(String typeName, int revision, int dimension, int features, boolean inet, int base, int elementSize,
            int elementAlign) {
        this.typeName = typeName;
        this.revision = revision;
        this.dimension = dimension;
        this.features = features;
        this.inet = inet;
        this.base = base;
        this.elementSize = elementSize;
        this.elementAlign = elementAlign;
    }

    /** The type's name, {@code "hash:ip"}. */
    public String typeName() {
        return typeName;
    }

    /** The revision sets of this type are created with. */
    public int revision() {
        return revision;
    }

    /** How many parts an element has (the kernel's IPSET_DIM_*). */
    public int dimension() {
        return dimension;
    }

    /** The IPSET_TYPE_* bits. */
    public int features() {
        return features;
    }

    /** Whether sets of the type belong to a family (inet): false for the family-neutral types. */
    public boolean hasFamily() {
        return inet;
    }

    public boolean isHash() {
        return typeName.startsWith("hash:");
    }

    /** Whether ranges of nets may be stored (nomatch, cidr book-keeping). */
    boolean storesNets() {
        return (features & Features.NOMATCH) != 0;
    }

    int baseSize() {
        return base;
    }

    int elementSize() {
        return elementSize;
    }

    int elementAlign() {
        return elementAlign;
    }

    /** The type named {@code name}, or null. */
    public static SetType named(String name) {
        for (SetType t : values()) {
            if (t.typeName.equals(name)) {
                return t;
            }
        }
        return null;
    }
}
