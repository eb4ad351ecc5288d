package org.jptables.kernel.extension;

import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jptables.api.Extension;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.TargetExtension;

/**
 * Every match and target the kernel can use, by name and alias. Filled once at start from the
 * plugins; lookups by name happen only while rules are parsed, never per packet.
 */
public final class ExtensionRegistry {
    private final Map<String, MatchExtension> matches = new LinkedHashMap<>();
    private final Map<String, TargetExtension> targets = new LinkedHashMap<>();
    private final Map<String, MatchExtension> implicitByOption = new HashMap<>();
    private final Map<Extension, String> origins = new HashMap<>();
    private final List<String> warnings = new ArrayList<>();

    /**
     * A registry of the given extensions; {@code origin} names where each came from (a jar), for
     * the error when two provide the same name.
     */
    public static ExtensionRegistry of(Collection<? extends MatchExtension> matchExtensions,
                                       Collection<? extends TargetExtension> targetExtensions,
                                       Map<? extends Extension, String> origin) {
        ExtensionRegistry r = new ExtensionRegistry();
        origin.forEach(r.origins::put);
        for (MatchExtension m : matchExtensions) {
            r.add(r.matches, m, "match");
            if (m.implicit()) {
                for (Option o : m.options()) {
                    r.implicitByOption.put(o.name(), m);
                    for (String alias : o.aliases()) {
                        r.implicitByOption.put(alias, m);
                    }
                }
            }
        }
        for (TargetExtension t : targetExtensions) {
            r.add(r.targets, t, "target");
        }
        return r;
    }

    private <T extends Extension> void add(Map<String, T> into, T ext, String kind) {
        List<String> names = new ArrayList<>();
        names.add(ext.name());
        names.addAll(ext.aliases());
        for (String name : names) {
            T previous = into.get(name);
            if (previous != null && previous != ext) {
                throw new DuplicateExtensionException(kind + " `" + name + "' is provided by both "
                        + origin(previous) + " and " + origin(ext));
            }
            into.put(name, ext);
        }
    }

    /** One-line problems with plugin jars that were left out ("x.jar: reason"). */
    public List<String> warnings() {
        return warnings;
    }

    /** Where an extension came from: its plugin jar, or "the class path". */
    public String origin(Extension ext) {
        return origins.getOrDefault(ext, "class path");
    }

    public MatchExtension match(String name) {
        return matches.get(name);
    }

    public TargetExtension target(String name) {
        return targets.get(name);
    }

    /** The implicit match whose option this is ({@code -s}, {@code --source}), or null. */
    public MatchExtension implicitFor(String option) {
        return implicitByOption.get(option);
    }

    /** Implicit matches, in the order found. */
    public List<MatchExtension> implicitMatches() {
        return matches.values().stream().filter(MatchExtension::implicit).distinct().toList();
    }

    public Collection<MatchExtension> matches() {
        return matches.values().stream().distinct().toList();
    }

    public Collection<TargetExtension> targets() {
        return targets.values().stream().distinct().toList();
    }
}
