package org.jptables.kernel.packet;

/**
 * Carries out what targets ask of a packet (reject, log, NAT). The packet path installs the real
 * one; outside it (listing tests, the plugin testkit) effects are recorded as requests only.
 */
public interface PacketEffects {
    void reject(PacketView packet, int icmpCode);

    void log(PacketView packet, int level, String prefix, int flags);

    void nat(PacketView packet, int kind, int minAddress, int maxAddress, int minPort, int maxPort, int flags);

    /** NFLOG: a copy of the packet for nfnetlink_log group {@code group}; nothing where no one listens. */
    default void nflog(PacketView packet, int group, String prefix, long size) {
    }

    /** TEE: a copy of the packet for {@code gateway} (by {@code device} when not null); see Packet#duplicate. */
    default void duplicate(PacketView packet, int gateway, String device) {
    }

    /**
     * A packet the host sends while handling {@code packet} (SYNPROXY's segments): the first
     * {@code length} bytes of {@code ip}, to be copied now; see Packet#sendFromHost.
     */
    default void sendFromHost(PacketView packet, byte[] ip, int length, int conntrackKind) {
    }

    /** Effects that do nothing: a packet evaluated outside the packet path. */
    PacketEffects NONE = new PacketEffects() {
        @Override
        public void reject(PacketView packet, int icmpCode) {
        }

        @Override
        public void log(PacketView packet, int level, String prefix, int flags) {
        }

        @Override
        public void nat(PacketView packet, int kind, int minAddress, int maxAddress, int minPort, int maxPort, int flags) {
        }
    };
}
