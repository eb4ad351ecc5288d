package org.jptables.live.hooks;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * A {@link QueuePlan} as iptables rules: per hook point a chain of the daemon's own in that point's
 * table ({@link HookPoint#iptablesTable()}), reached from the built-in chain by a commented jump,
 * RETURNing what must pass and ending in NFQUEUE. RETURN, not ACCEPT, so that the host's rules
 * after the jump still see those packets.
 */
final class IptablesRuleset {
    /** Every table the daemon may use, in the order install changes them. */
    static final List<String> TABLES = List.of("raw", "mangle", "security");

    private IptablesRuleset() {
    }

    /** The daemon's part of each of {@link #TABLES} under {@code plan} (empty where it has none). */
    static Map<String, OwnedRules> wanted(QueuePlan plan) {
        Map<String, Map<String, List<String>>> chains = new LinkedHashMap<>();
        Map<String, List<String>> jumps = new LinkedHashMap<>();
        for (String table : TABLES) {
            chains.put(table, new LinkedHashMap<>());
            jumps.put(table, new ArrayList<>());
        }
        for (HookPoint point : plan.hooks()) {
            chains.get(point.iptablesTable()).put(point.iptablesChain(), rules(plan, point));
            jumps.get(point.iptablesTable()).add(OwnedRules.jump(point.builtinChain(), point.iptablesChain()));
        }
        Map<String, OwnedRules> wanted = new LinkedHashMap<>();
        for (String table : TABLES) {
            wanted.put(table, new OwnedRules(table, chains.get(table), jumps.get(table)));
        }
        return wanted;
    }

    /** The daemon's chain for {@code point}, in {@code iptables -S} form. */
    static List<String> rules(QueuePlan plan, HookPoint point) {
        String chain = "-A " + point.iptablesChain();
        List<String> rules = new ArrayList<>();
        if (plan.skipsLoopbackAt(point)) {
            rules.add(chain + (point.direction() == HookPoint.Direction.OUT ? " -o" : " -i") + " lo -j RETURN");
        }
        plan.ownMark().ifPresent(mark -> rules.add(chain + " -m mark --mark " + mark.iptablesText() + " -j RETURN"));
        String queue = queueTarget(plan);
        if (plan.interfaces().isEmpty()) {
            rules.add(chain + " " + queue);
        } else {
            for (String option : interfaceOptions(point)) {
                for (String name : plan.interfaces()) {
                    rules.add(chain + " " + option + " " + name + " " + queue);
                }
            }
        }
        return rules;
    }

    /**
     * NFQUEUE as iptables -S prints it. --queue-balance hashes by flow (both directions alike);
     * --queue-cpu-fanout would split connections across queues, so it is never used.
     */
    static String queueTarget(QueuePlan plan) {
        String numbers = plan.queueCount() == 1 ? "--queue-num " + plan.firstQueue()
                : "--queue-balance " + plan.firstQueue() + ":" + plan.lastQueue();
        return "-j NFQUEUE " + numbers + (plan.fail().bypass() ? " --queue-bypass" : "");
    }

    private static List<String> interfaceOptions(HookPoint point) {
        return switch (point.direction()) {
            case IN -> List.of("-i");
            case OUT -> List.of("-o");
            case BOTH -> List.of("-i", "-o");
        };
    }
}
