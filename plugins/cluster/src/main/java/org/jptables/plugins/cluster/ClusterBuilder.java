package org.jptables.plugins.cluster;

import java.util.List;
import org.jptables.api.MarkValue;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.RuleException;

/**
 * libxt_cluster's parsing: each option an XTTYPE_UINT32 with its range (the nodemask shares the
 * node's 1-32, as 1.8.9 has it); {@code --cluster-local-node N} becomes the mask {@code 1 << (N-1)}
 * and the last of node and nodemask sets it. Then cluster_check (x6_fcheck) with its messages, and
 * libxtables' final check in option-table order: total nodes required, node and nodemask
 * exclusive, hash seed required.
 */
final class ClusterBuilder implements MatchBuilder {
    private static final long NODES_MAX = 32;

    private boolean totalGiven;
    private boolean nodeGiven;
    private boolean maskGiven;
    private boolean seedGiven;
    private int totalNodes;
    private int nodeMask;
    private int seed;
    private boolean inverted;

    @Override
    public void option(String option, List<String> args, boolean inverted) throws RuleException {
        String arg = args.get(0);
        switch (option) {
            case "--cluster-total-nodes" -> {
                totalNodes = (int) number(option, arg, 1, NODES_MAX);
                totalGiven = true;
            }
            case "--cluster-local-node" -> {
                nodeMask = 1 << (number(option, arg, 1, NODES_MAX) - 1);
                nodeGiven = true;
                this.inverted |= inverted;
            }
            case "--cluster-local-nodemask" -> {
                nodeMask = (int) number(option, arg, 1, NODES_MAX);
                maskGiven = true;
                this.inverted |= inverted;
            }
            default -> {
                seed = (int) number(option, arg, 0, 0xFFFFFFFFL);
                seedGiven = true;
            }
        }
    }

    @Override
    public Match build() throws RuleException {
        long limit = 1L << totalNodes;
        if (totalGiven && nodeGiven && seedGiven) {
            if ((nodeMask & 0xFFFFFFFFL) >= limit) {
                throw new RuleException("cluster match: `--cluster-local-node' must be <= `--cluster-total-nodes'");
            }
        } else if (totalGiven && maskGiven && seedGiven) {
            if ((nodeMask & 0xFFFFFFFFL) >= limit) {
                throw new RuleException("cluster match: `--cluster-local-nodemask' too big for `--cluster-total-nodes'");
            }
        } else if (!nodeGiven && !maskGiven) {
            throw new RuleException("cluster match: `--cluster-local-node' or`--cluster-local-nodemask' is missing");
        }
        if (!totalGiven) {
            throw new RuleException("cluster: option \"--cluster-total-nodes\" must be specified\n");
        }
        if (nodeGiven && maskGiven) {
            throw new RuleException("cluster: option \"--cluster-local-node\" cannot be used together with "
                    + "\"--cluster-local-nodemask\".\n");
        }
        if (!seedGiven) {
            throw new RuleException("cluster: option \"--cluster-hash-seed\" must be specified\n");
        }
        return new ClusterMatch(nodeMask, totalNodes, seed, inverted);
    }

    /** xtables_strtoui over the whole argument, within [min, max], or iptables' message. */
    private static long number(String option, String arg, long min, long max) throws RuleException {
        long[] n = MarkValue.number(arg, 0);
        if (n == null || n[1] != arg.length() || n[0] < min || n[0] > max) {
            throw new RuleException("cluster: bad value for option \"" + option + "\", or out of range (" + min + "-"
                    + max + ").\n");
        }
        return n[0];
    }
}
