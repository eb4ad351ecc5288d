package org.jptables.plugins.secmark;

import java.util.List;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;
import org.jptables.api.Target;
import org.jptables.api.TargetBuilder;

/**
 * SECMARK's checks in the kernel's order (secmark_tg_check): only the mangle and security tables
 * (else EINVAL), then the LSM must map the context to a secid. Without an LSM that does,
 * security_secctx_to_secid leaves the secid 0 and xt_SECMARK answers ENOENT ("unable to map
 * security context"): iptables says "No chain/target/match by that name." for every context,
 * the empty one included (recorded on Linux 6.18 with iptables-legacy 1.8.9).
 */
final class SecmarkBuilder implements TargetBuilder {
    private final RuleContext rule;

    SecmarkBuilder(RuleContext rule) {
        this.rule = rule;
    }

    /** Any text is a context to libxt_SECMARK (cut to 255 characters); only the kernel judges it. */
    @Override
    public void option(String option, List<String> args, boolean inverted) {
    }

    @Override
    public Target build() throws RuleException {
        if (!SecurityTables.allows(rule.table())) {
            throw RuleException.refusedByKernel("Invalid argument. Run `dmesg' for more information.");
        }
        // no LSM here maps a context to a secid: checkentry_lsm's -ENOENT
        throw RuleException.refusedByKernel("No chain/target/match by that name.");
    }
}
