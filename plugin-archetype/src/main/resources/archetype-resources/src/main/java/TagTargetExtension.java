package ${package};

import java.util.List;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;
import org.jptables.api.TargetBuilder;
import org.jptables.api.TargetExtension;

/** {@code -j ${targetName} --tag N}: sets the packet mark to {@code N} and goes on with the next rule. */
@org.pf4j.Extension
public final class TagTargetExtension implements TargetExtension {
    static final String NAME = "${targetName}";
    static final String TAG = "--tag";

    private static final List<Option> OPTIONS = List.of(Option.withArgument(TAG).mandatory());

    @Override
    public String name() {
        return NAME;
    }

    @Override
    public List<Option> options() {
        return OPTIONS;
    }

    @Override
    public String help() {
        return NAME + " target options:\n  --tag value               set the packet mark to value\n";
    }

    @Override
    public TargetBuilder newBuilder(RuleContext rule) {
        return new TagTargetBuilder();
    }
}
