package org.jptables.live.control;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.jptables.commands.Session;
import org.jptables.commands.control.ControlResponse;
import org.jptables.kernel.extension.DuplicateExtensionException;
import org.jptables.kernel.extension.ExtensionRegistry;
import org.jptables.kernel.model.Chain;
import org.jptables.kernel.model.MatchUse;
import org.jptables.kernel.model.Rule;
import org.jptables.kernel.model.Ruleset;
import org.jptables.kernel.model.Table;

/**
 * {@code jptables daemon reload}: the plugins directory indexed and loaded anew, so that the next
 * commands can use a jar dropped in since the start. Refused, with the old registry kept, while the
 * live ruleset uses an extension the directory no longer provides. The live rules keep the
 * extensions they were made with until a command makes their table anew.
 */
final class PluginReload {
    private final Path plugins;
    private final LiveRuleset live;

    PluginReload(Path plugins, LiveRuleset live) {
        this.plugins = plugins;
        this.live = live;
    }

    ControlResponse run() {
        ExtensionRegistry fresh;
        try {
            fresh = Session.reindex(plugins);
        } catch (DuplicateExtensionException e) {
            return ControlResponse.failure(1, "jptables: reload: " + e.getMessage() + "; nothing reloaded");
        }
        // the rules of a live ruleset never change (a command replaces it whole, and commands wait for
        // this one): walked outside the lock the packets wait for
        Map<String, Map<String, Integer>> uses = uses(live.exclusive(live::current));
        StringBuilder refusal = new StringBuilder();
        try {
            for (Map.Entry<String, Map<String, Integer>> use : uses.entrySet()) {
                String[] kindAndName = use.getKey().split(" ", 2);
                boolean present = kindAndName[0].equals("match") ? fresh.match(kindAndName[1]) != null
                        : fresh.target(kindAndName[1]) != null;
                if (!present) {
                    refusal.append("jptables: reload: plugin jar for ").append(kindAndName[0]).append(" '")
                            .append(kindAndName[1]).append("' is gone but ").append(places(use.getValue()))
                            .append("; nothing reloaded\n");
                }
            }
        } catch (DuplicateExtensionException e) {
            // a jar loaded on demand by the lookups above
            refusal.append("jptables: reload: ").append(e.getMessage()).append("; nothing reloaded\n");
        }
        StringBuilder warnings = new StringBuilder();
        for (String warning : fresh.warnings()) {
            warnings.append("jptables: warning: plugin ").append(warning).append('\n');
        }
        if (!refusal.isEmpty()) {
            return new ControlResponse(1, new byte[0], (warnings.toString() + refusal).getBytes(StandardCharsets.UTF_8));
        }
        Session.useRegistry(plugins, fresh);
        String done = "jptables: reload: " + fresh.matches().size() + " matches and " + fresh.targets().size()
                + " targets from " + plugins + " and the class path\n";
        return new ControlResponse(0, done.getBytes(StandardCharsets.UTF_8),
                warnings.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** "match NAME" and "target NAME" to the number of rules using it in each "table chain", in ruleset order. */
    private static Map<String, Map<String, Integer>> uses(Ruleset ruleset) {
        Map<String, Map<String, Integer>> uses = new TreeMap<>();
        for (Table t : ruleset.tables()) {
            for (Chain c : t.chains()) {
                String place = t.name() + " " + c.name();
                for (Rule r : c.rules()) {
                    for (MatchUse m : r.matchUses()) {
                        count(uses, "match " + m.extension().name(), place);
                    }
                    if (r.target() != null) {
                        count(uses, "target " + r.target().extension().name(), place);
                    }
                }
            }
        }
        return uses;
    }

    private static void count(Map<String, Map<String, Integer>> uses, String extension, String place) {
        uses.computeIfAbsent(extension, k -> new LinkedHashMap<>()).merge(place, 1, Integer::sum);
    }

    /** "2 rules in filter INPUT use it", "1 rule in filter INPUT and 3 rules in nat OUTPUT use it". */
    private static String places(Map<String, Integer> counts) {
        List<String> parts = new ArrayList<>();
        counts.forEach((place, n) -> parts.add(n + (n == 1 ? " rule in " : " rules in ") + place));
        String joined = parts.size() == 1 ? parts.get(0)
                : String.join(", ", parts.subList(0, parts.size() - 1)) + " and " + parts.get(parts.size() - 1);
        boolean one = parts.size() == 1 && counts.values().iterator().next() == 1;
        return joined + (one ? " uses it" : " use it");
    }
}
