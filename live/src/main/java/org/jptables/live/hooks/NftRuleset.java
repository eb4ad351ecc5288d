package org.jptables.live.hooks;

import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A {@link QueuePlan} as an nft script: one table of the daemon's own with a base chain per hook
 * point, so that the whole of it is replaced or removed in one transaction without a look at the
 * host's tables. A queue verdict ends the packet's walk through this table only: the daemon's
 * accept sends it on to the next base chain of that hook (the host's own tables), never back here.
 */
final class NftRuleset {
    static final String DEFAULT_TABLE = "jptables_daemon";
    private static final Pattern TABLE_NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_]{0,62}");

    private final String table;
    private final Function<QueuePlan, String> queueStatement;

    NftRuleset(String table) {
        this(table, NftRuleset::queueStatement);
    }

    /**
     * With another queue statement: for kernels whose nf_tables lacks the queue expression, where
     * tests still check the table's life (install, replace, remove) on the real kernel.
     */
    NftRuleset(String table, Function<QueuePlan, String> queueStatement) {
        if (!TABLE_NAME.matcher(table).matches()) {
            throw new IllegalArgumentException("nft table name '" + table + "': letters, digits and _ only");
        }
        this.table = table;
        this.queueStatement = queueStatement;
    }

    String table() {
        return table;
    }

    /** "ip jptables_daemon", as nft's commands name the table. */
    String qualifiedTable() {
        return "ip " + table;
    }

    /**
     * Replaces the table whole in one transaction: the add makes the delete safe when there is none,
     * and between the delete and the new table no packet sees the table missing.
     */
    String replace(QueuePlan plan) {
        StringBuilder s = new StringBuilder(removal());
        s.append("table ").append(qualifiedTable()).append(" {\n");
        for (HookPoint point : plan.hooks()) {
            s.append("\tchain ").append(point.nftChain()).append(" {\n");
            s.append("\t\ttype filter hook ").append(point.nftHook()).append(" priority ").append(point.nftPriority())
                    .append("; policy accept;\n");
            for (String rule : rules(plan, point)) {
                s.append("\t\t").append(rule).append('\n');
            }
            s.append("\t}\n");
        }
        return s.append("}\n").toString();
    }

    /** Removes the table if it is there, and succeeds if it is not. */
    String removal() {
        return "add table " + qualifiedTable() + "\ndelete table " + qualifiedTable() + "\n";
    }

    /** A table that only {@code nft --check} sees: does this kernel take a queue rule at all? */
    String probe() {
        return "table ip " + table + "_probe {\n\tchain prerouting {\n\t\ttype filter hook prerouting priority -300;"
                + " policy accept;\n\t\tqueue num 0 bypass\n\t}\n}\n";
    }

    /** The rules of {@code point}'s base chain, in order. */
    List<String> rules(QueuePlan plan, HookPoint point) {
        List<String> rules = new ArrayList<>();
        if (plan.skipsLoopbackAt(point)) {
            rules.add((point == HookPoint.POSTROUTING ? "oifname" : "iifname") + " \"lo\" accept");
        }
        plan.ownMark().ifPresent(mark -> rules.add(mark.fullMask()
                ? "meta mark " + PacketMark.hex(mark.value()) + " accept"
                : "meta mark & " + PacketMark.hex(mark.mask()) + " == " + PacketMark.hex(mark.value()) + " accept"));
        String queue = queueStatement.apply(plan);
        if (plan.interfaces().isEmpty()) {
            rules.add(queue);
        } else {
            for (String keyword : interfaceKeywords(point)) {
                for (String name : plan.interfaces()) {
                    rules.add(keyword + " \"" + nftInterface(name) + "\" " + queue);
                }
            }
        }
        return rules;
    }

    /**
     * nft's queue statement in the syntax every nft release takes: {@code queue num A-B} hashes a
     * range by flow (CPU fan-out would need the fanout flag, which would split a connection), and
     * bypass lets packets pass while no program is bound to the queue.
     */
    static String queueStatement(QueuePlan plan) {
        String numbers = plan.queueCount() == 1 ? String.valueOf(plan.firstQueue())
                : plan.firstQueue() + "-" + plan.lastQueue();
        return "queue num " + numbers + (plan.fail().bypass() ? " bypass" : "");
    }

    private static List<String> interfaceKeywords(HookPoint point) {
        return switch (point.direction()) {
            case IN -> List.of("iifname");
            case OUT -> List.of("oifname");
            case BOTH -> List.of("iifname", "oifname");
        };
    }

    /** iptables' trailing '+' wildcard is nft's trailing '*'. */
    private static String nftInterface(String name) {
        return name.endsWith("+") ? name.substring(0, name.length() - 1) + "*" : name;
    }
}
