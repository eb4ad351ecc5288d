package org.jptables.plugins.ipheader;

import org.jptables.api.Constraints;
import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.api.RuleHeader;
import org.jptables.api.StateScope;

/**
 * One rule's IP header fields, compared as the kernel's ip_packet_match does: the protocol
 * (0 is any), the masked source and destination, and the fragment flag (a packet is a fragment
 * when its offset is not zero), each with its inversion. It prints and saves nothing: the
 * kernel renders the header from {@link #describe}.
 */
final class HeaderMatch implements Match {
    private final boolean protocolGiven;
    private final int protocol;
    private final boolean protocolInverted;
    private final AddressField source;
    private final AddressField destination;
    private final boolean fragment;
    private final boolean fragmentInverted;

    HeaderMatch(boolean protocolGiven, int protocol, boolean protocolInverted, AddressField source,
                AddressField destination, boolean fragment, boolean fragmentInverted) {
        this.protocolGiven = protocolGiven;
        this.protocol = protocol;
        this.protocolInverted = protocolInverted;
        this.source = source;
        this.destination = destination;
        this.fragment = fragment;
        this.fragmentInverted = fragmentInverted;
    }

    @Override
    public boolean matches(Packet packet) {
        if (!source.matches(packet.source()) || !destination.matches(packet.destination())) {
            return false;
        }
        if (protocol != 0 && ((packet.protocol() != protocol) != protocolInverted)) {
            return false;
        }
        return !fragment || ((packet.fragmentOffset() != 0) != fragmentInverted);
    }

    /** ip_packet_match reads only the header: pure; protocol and addresses are its constraints. */
    @Override
    public void declare(Constraints constraints) {
        constraints.sideEffectFree();
        if (!fragment) {
            constraints.complete();
        }
        if (protocol != 0) {
            constraints.protocol(protocol, protocolInverted);
        }
        if (source.given()) {
            constraints.sourceMasked(bytes(source.address()), bytes(source.mask()), source.inverted());
        }
        if (destination.given()) {
            constraints.destinationMasked(bytes(destination.address()), bytes(destination.mask()), destination.inverted());
        }
    }

    private static byte[] bytes(int address) {
        return new byte[] {(byte) (address >>> 24), (byte) (address >>> 16), (byte) (address >>> 8), (byte) address};
    }

    @Override
    public void describe(RuleHeader header) {
        if (protocolGiven) {
            header.protocol(protocol, protocolInverted);
        }
        if (source.given()) {
            header.source(source.address(), source.mask(), source.inverted());
        }
        if (destination.given()) {
            header.destination(destination.address(), destination.mask(), destination.inverted());
        }
        if (fragment) {
            header.fragment(fragmentInverted);
        }
    }

    /** It reads only the packet, its metadata and the host: no state of its own. */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
