package org.jptables.plugins.cluster;

import java.util.List;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;

/**
 * {@code -m cluster --cluster-total-nodes N [!] --cluster-local-node N | [!] --cluster-local-nodemask M
 * --cluster-hash-seed S} (xt_cluster): share connections among the nodes of a cluster that all see
 * the same frames, each node taking those whose original source hashes to it.
 */
@org.pf4j.Extension
public final class ClusterExtension implements MatchExtension {
    static final String HELP = "cluster match options:\n"
            + "  --cluster-total-nodes <num>\t\tSet number of total nodes in cluster\n"
            + "  [!] --cluster-local-node <num>\tSet the local node number\n"
            + "  [!] --cluster-local-nodemask <num>\tSet the local node mask\n"
            + "  --cluster-hash-seed <num>\t\tSet seed value of the Jenkins hash\n";

    // mandatory options are reported by ClusterBuilder, after cluster_check as libxtables does
    private static final List<Option> OPTIONS = List.of(
            Option.withArgument("--cluster-total-nodes"),
            Option.withArgument("--cluster-local-node").invertible(),
            Option.withArgument("--cluster-local-nodemask").invertible(),
            Option.withArgument("--cluster-hash-seed"));

    @Override
    public String name() {
        return "cluster";
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
    public MatchBuilder newBuilder(RuleContext rule) {
        return new ClusterBuilder();
    }
}
