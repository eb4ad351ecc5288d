package org.jptables.plugins.cgroup;

import java.util.List;
import org.jptables.api.MarkValue;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;

/**
 * Reads cgroup's options as libxt_cgroup does ({@code --cgroup} an unsigned 32-bit number), then
 * checks as the kernel's cgroup_mt_check_v2 does: exactly one of the two, and a path that names a
 * cgroup of the host's cgroup v2 hierarchy (cgroup_get_from_path), each refused with EINVAL.
 */
final class CgroupBuilder implements MatchBuilder {
    private static final String EINVAL = "Invalid argument. Run `dmesg' for more information.";

    private final RuleContext rule;
    private String path;
    private boolean pathInverted;
    private long classid = -1;
    private boolean classidInverted;

    CgroupBuilder(RuleContext rule) {
        this.rule = rule;
    }

    @Override
    public void option(String option, List<String> args, boolean inverted) throws RuleException {
        if (option.equals("--path")) {
            path = args.get(0);
            pathInverted = inverted;
        } else {
            classid = MarkValue.parseU32("cgroup", option, args.get(0)) & 0xFFFFFFFFL;
            classidInverted = inverted;
        }
    }

    @Override
    public Match build() throws RuleException {
        if ((path == null) == (classid < 0)) {
            throw RuleException.refusedByKernel(EINVAL);
        }
        if (path != null) {
            if (!rule.names().cgroupExists(path)) {
                throw RuleException.refusedByKernel(EINVAL);
            }
            return CgroupPathMatch.of(path, pathInverted);
        }
        return new CgroupClassidMatch(classid, classidInverted);
    }
}
