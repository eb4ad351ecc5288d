package org.jptables.live.hooks;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The daemon's part of one iptables table, in {@code iptables -S} lines: its chains (named
 * JPTABLES-DAEMON-*) with their rules, and the rules of the built-in chains that jump to them
 * (commented "jptables-daemon"). Read from a listing, or wanted by a plan; {@link #transition}
 * gives the iptables-restore section that turns one into another in one commit of the table.
 */
record OwnedRules(String table, Map<String, List<String>> chains, List<String> jumps) {
    static final String CHAIN_PREFIX = "JPTABLES-DAEMON-";
    static final String COMMENT = "jptables-daemon";

    OwnedRules {
        Map<String, List<String>> copy = new LinkedHashMap<>();
        chains.forEach((name, rules) -> copy.put(name, List.copyOf(rules)));
        chains = Collections.unmodifiableMap(copy);
        jumps = List.copyOf(jumps);
    }

    static OwnedRules none(String table) {
        return new OwnedRules(table, Map.of(), List.of());
    }

    /** The daemon's part of {@code iptables -t table -S}'s output; everything else is the host's. */
    static OwnedRules parse(String table, String listing) {
        Map<String, List<String>> chains = new LinkedHashMap<>();
        List<String> jumps = new ArrayList<>();
        for (String line : listing.lines().map(String::strip).toList()) {
            String[] words = line.split("\\s+");
            if (words.length >= 2 && words[0].equals("-N") && words[1].startsWith(CHAIN_PREFIX)) {
                chains.computeIfAbsent(words[1], k -> new ArrayList<>());
            } else if (words.length >= 2 && words[0].equals("-A")) {
                if (words[1].startsWith(CHAIN_PREFIX)) {
                    chains.computeIfAbsent(words[1], k -> new ArrayList<>()).add(line);
                } else if (commentedOurs(words)) {
                    jumps.add(line);
                }
            }
        }
        return new OwnedRules(table, chains, jumps);
    }

    private static boolean commentedOurs(String[] words) {
        for (int i = 0; i + 1 < words.length; i++) {
            if (words[i].equals("--comment") && words[i + 1].replace("\"", "").equals(COMMENT)) {
                return true;
            }
        }
        return false;
    }

    boolean isEmpty() {
        return chains.isEmpty() && jumps.isEmpty();
    }

    /** The jump from {@code builtin} to the daemon's {@code chain}, as {@code iptables -S} prints it. */
    static String jump(String builtin, String chain) {
        return "-A " + builtin + " -m comment --comment " + COMMENT + " -j " + chain;
    }

    /**
     * The iptables-restore --noflush section that turns this (the table now) into {@code wanted}:
     * the wanted chains declared (which creates them, or empties them when they exist) and filled,
     * jumps no longer wanted deleted and new ones appended (at the end of the built-in chain: the
     * host's rules there still run first, since the daemon's verdict ends the walk of this table),
     * then chains no longer wanted emptied and deleted. The table commits it whole or not at all.
     */
    String transition(OwnedRules wanted) {
        StringBuilder s = new StringBuilder("*").append(table).append('\n');
        for (String chain : wanted.chains.keySet()) {
            s.append(':').append(chain).append(" - [0:0]\n");
        }
        for (List<String> rules : wanted.chains.values()) {
            for (String rule : rules) {
                s.append(rule).append('\n');
            }
        }
        List<String> unmatched = new ArrayList<>(jumps);
        List<String> added = new ArrayList<>();
        for (String jump : wanted.jumps) {
            if (!unmatched.remove(jump)) {
                added.add(jump);
            }
        }
        for (String stale : unmatched) {
            s.append("-D").append(stale.substring(2)).append('\n');
        }
        for (String jump : added) {
            s.append(jump).append('\n');
        }
        for (String chain : chains.keySet()) {
            if (!wanted.chains.containsKey(chain)) {
                s.append("-F ").append(chain).append('\n').append("-X ").append(chain).append('\n');
            }
        }
        return s.append("COMMIT\n").toString();
    }

    /** The lines, jumps first, as describe() shows them. */
    List<String> lines() {
        List<String> lines = new ArrayList<>(jumps);
        chains.keySet().forEach(chain -> lines.add("-N " + chain));
        chains.values().forEach(lines::addAll);
        return lines;
    }
}
