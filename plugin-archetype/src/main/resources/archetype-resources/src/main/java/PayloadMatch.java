package ${package};

import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.Packet;

/** One rule's match: immutable, and allocation-free per packet. */
final class PayloadMatch implements Match {
    private final int minimum;
    private final boolean inverted;

    PayloadMatch(int minimum, boolean inverted) {
        this.minimum = minimum;
        this.inverted = inverted;
    }

    @Override
    public boolean matches(Packet packet) {
        int payload = packet.totalLength() - packet.headerLength();
        return (payload >= minimum) != inverted;
    }

    /** {@code -L}: for people. */
    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(" payload ").append(inverted ? "< " : ">= ").append(minimum);
    }

    /** {@code -S} and jptables-save: the options that make the rule again (the kernel writes {@code -m NAME}). */
    @Override
    public void save(StringBuilder out) {
        out.append(inverted ? " !" : "").append(' ').append(PayloadMatchExtension.MIN_PAYLOAD).append(' ').append(minimum);
    }
}
