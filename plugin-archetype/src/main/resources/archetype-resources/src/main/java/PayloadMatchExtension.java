package ${package};

import java.util.List;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;

/**
 * {@code -m ${matchName} [!] --min-payload N}: IPv4 packets carrying at least {@code N} bytes after
 * their IPv4 header. PF4J finds this class through its {@code @Extension} annotation; one instance
 * serves every rule, the rule's own values live in the {@link PayloadMatch} its builder makes.
 */
@org.pf4j.Extension
public final class PayloadMatchExtension implements MatchExtension {
    static final String NAME = "${matchName}";
    static final String MIN_PAYLOAD = "--min-payload";

    /** The options as data: the kernel checks "!", repetition and presence from these. */
    private static final List<Option> OPTIONS = List.of(Option.withArgument(MIN_PAYLOAD).invertible().mandatory());

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
        return NAME + " match options:\n[!] --min-payload n      match packets with at least n bytes after the IPv4 header\n";
    }

    @Override
    public MatchBuilder newBuilder(RuleContext rule) {
        return new PayloadMatchBuilder();
    }
}
