package org.jptables.commands;

import java.util.Map;
import java.util.TreeMap;
import org.jptables.api.Extension;
import org.jptables.api.MatchExtension;
import org.jptables.api.TargetExtension;
import org.jptables.kernel.extension.ExtensionRegistry;

/** {@code jptables --list-plugins}: each jar and the matches and targets it provides. */
final class PluginList {
    private PluginList() {
    }

    static String describe(ExtensionRegistry registry) {
        Map<String, StringBuilder> byOrigin = new TreeMap<>();
        for (MatchExtension m : registry.matches()) {
            line(byOrigin, registry, m, m.implicit() ? "header match" : "match");
        }
        for (TargetExtension t : registry.targets()) {
            line(byOrigin, registry, t, "target");
        }
        StringBuilder out = new StringBuilder();
        byOrigin.forEach((origin, text) -> out.append(origin).append('\n').append(text));
        return out.toString();
    }

    private static void line(Map<String, StringBuilder> byOrigin, ExtensionRegistry registry, Extension e, String kind) {
        byOrigin.computeIfAbsent(registry.origin(e), k -> new StringBuilder())
                .append("  ").append(kind).append(' ').append(e.name());
        if (!e.aliases().isEmpty()) {
            byOrigin.get(registry.origin(e)).append(" (").append(String.join(", ", e.aliases())).append(')');
        }
        byOrigin.get(registry.origin(e)).append(" revision ").append(e.revision()).append('\n');
    }
}
