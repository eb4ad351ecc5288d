package ${package};

import java.util.List;
import org.jptables.api.Numbers;
import org.jptables.api.RuleException;
import org.jptables.api.Target;
import org.jptables.api.TargetBuilder;

/** Parses one rule's {@code --tag}. */
final class TagTargetBuilder implements TargetBuilder {
    private long tag = -1;

    @Override
    public void option(String option, List<String> args, boolean inverted) throws RuleException {
        tag = Numbers.parse(args.get(0), 0, 0xFFFFFFFFL);
        if (tag < 0) {
            throw new RuleException(TagTargetExtension.NAME + ": bad value for option \"" + option
                    + "\", or out of range (0-4294967295).");
        }
    }

    @Override
    public Target build() throws RuleException {
        if (tag < 0) {
            throw new RuleException(TagTargetExtension.NAME + ": option \"" + TagTargetExtension.TAG
                    + "\" must be specified\n");
        }
        return new TagTarget((int) tag);
    }
}
