package ${package};

import org.jptables.api.ListingFormat;
import org.jptables.api.Numbers;
import org.jptables.api.Packet;
import org.jptables.api.Target;
import org.jptables.api.Verdict;

/** Sets the mark and returns {@link Verdict#CONTINUE}, as the non-terminating MARK and LOG do. */
final class TagTarget implements Target {
    private final int tag;

    TagTarget(int tag) {
        this.tag = tag;
    }

    @Override
    public int apply(Packet packet) {
        packet.setMark(tag);
        return Verdict.CONTINUE;
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(" tag ").append(Numbers.hex(tag & 0xFFFFFFFFL));
    }

    @Override
    public void save(StringBuilder out) {
        out.append(' ').append(TagTargetExtension.TAG).append(' ').append(Numbers.hex(tag & 0xFFFFFFFFL));
    }
}
