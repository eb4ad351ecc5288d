package org.jptables.kernel.classify;

/** A field a chain's rules can be indexed on: its value in a packet, unsigned, and its width. */
enum KeyField {
    SOURCE(32), DESTINATION(32), PROTOCOL(8), SOURCE_PORT(16), DESTINATION_PORT(16);

    final int bits;

    KeyField(int bits) {
        this.bits = bits;
    }

    /** The number of values the field can take. */
    long space() {
        return 1L << bits;
    }

    /** The packet's value, or -1 when it has none (the ports of a packet without ports). */
    long read(PacketKey key) {
        return switch (this) {
            case SOURCE -> key.source & 0xFFFFFFFFL;
            case DESTINATION -> key.destination & 0xFFFFFFFFL;
            case PROTOCOL -> key.protocol;
            case SOURCE_PORT -> key.sourcePort;
            case DESTINATION_PORT -> key.destinationPort;
        };
    }
}
