package org.jptables.plugins.secmark;

import java.util.List;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;
import org.jptables.api.TargetBuilder;
import org.jptables.api.TargetExtension;

/**
 * {@code -j SECMARK --selctx CONTEXT} (xt_SECMARK revision 1, the one iptables 1.8.9 chooses):
 * the packet's security mark from an SELinux context. xt_SECMARK asks the LSM for the context's
 * secid when the rule is added; this kernel has no LSM that maps contexts (no SELinux, no SMACK),
 * so the kernel refuses every such rule, as recorded (see {@link SecmarkBuilder}).
 */
@org.pf4j.Extension
public final class SecmarkExtension implements TargetExtension {
    static final String HELP = "SECMARK target options:\n"
            + "  --selctx value                     Set the SELinux security context\n";

    private static final List<Option> OPTIONS = List.of(Option.withArgument("--selctx").mandatory());

    @Override
    public String name() {
        return "SECMARK";
    }

    @Override
    public int revision() {
        return 1;
    }

    @Override
    public List<Option> options() {
        return OPTIONS;
    }

    @Override
    public String help() {
        return HELP;
    }

    @Override
    public TargetBuilder newBuilder(RuleContext rule) {
        return new SecmarkBuilder(rule);
    }
}
