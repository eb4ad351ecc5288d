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
 * Every match and target the kernel can use, by name and alias. Filled at start from the plugins,
 * or, where the plugins directory has an up-to-date {@link PluginIndex}, jar by jar on the first
 * lookup of a name the jar provides; lookups by name happen only while rules are parsed, never per
 * packet.
 */
public final class ExtensionRegistry {
    private final Map<String, MatchExtension> matches = new LinkedHashMap<>();
    private final Map<String, TargetExtension> targets = new LinkedHashMap<>();
    private final Map<String, MatchExtension> implicitByOption = new HashMap<>();
    private final Map<Extension, String> origins = new HashMap<>();
    private final Map<Extension, String> jars = new HashMap<>();
    private LazyPlugins lazy;
    private final List<String> warnings = new ArrayList<>();

    /**
     * A registry of the given extensions; {@code origin} names where each came from (a jar), for
     * the error when two provide the same name.
     */
    public static ExtensionRegistry of(Collection<? extends MatchExtension> matchExtensions,
                                       Collection<? extends TargetExtension> targetExtensions,
                                       Map<? extends Extension, String> origin) {
        return of(matchExtensions, targetExtensions, origin, Map.of());
    }

    /** As {@link #of(Collection, Collection, Map)}, with the jar file each plugin extension came from. */
    public static ExtensionRegistry of(Collection<? extends MatchExtension> matchExtensions,
                                       Collection<? extends TargetExtension> targetExtensions,
                                       Map<? extends Extension, String> origin,
                                       Map<? extends Extension, String> jar) {
        ExtensionRegistry r = new ExtensionRegistry();
        origin.forEach(r.origins::put);
        jar.forEach(r.jars::put);
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

    /** Adds the extensions of one plugin jar, loaded after the registry was made. */
    void addJar(Collection<? extends MatchExtension> matchExtensions,
                Collection<? extends TargetExtension> targetExtensions, String origin, String jar) {
        for (MatchExtension m : matchExtensions) {
            origins.put(m, origin);
            jars.put(m, jar);
            add(matches, m, "match");
            if (m.implicit()) {
                for (Option o : m.options()) {
                    implicitByOption.put(o.name(), m);
                    for (String alias : o.aliases()) {
                        implicitByOption.put(alias, m);
                    }
                }
            }
        }
        for (TargetExtension t : targetExtensions) {
            origins.put(t, origin);
            jars.put(t, jar);
            add(targets, t, "target");
        }
    }

    /** From now on, names not found are looked up in {@code source}, which loads their jar. */
    void lazy(LazyPlugins source) {
        this.lazy = source;
    }

    /** The plugin jar (file name) an extension came from, or null for the class path. */
    public String jarOf(Extension ext) {
        return jars.get(ext);
    }

    /** The plugin jars (file names) loaded so far. */
    public java.util.Set<String> loadedJars() {
        return new java.util.TreeSet<>(jars.values());
    }

    /** Whether jars are loaded on demand (an up-to-date plugins.index) rather than all at start. */
    public boolean onDemand() {
        return lazy != null;
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
        MatchExtension m = matches.get(name);
        if (m == null && lazy != null && lazy.load("match", name, this)) {
            m = matches.get(name);
        }
        return m;
    }

    public TargetExtension target(String name) {
        TargetExtension t = targets.get(name);
        if (t == null && lazy != null && lazy.load("target", name, this)) {
            t = targets.get(name);
        }
        return t;
    }

    /** The implicit match whose option this is ({@code -s}, {@code --source}), or null. */
    public MatchExtension implicitFor(String option) {
        return implicitByOption.get(option);
    }

    /** Implicit matches, in the order found. */
    public List<MatchExtension> implicitMatches() {
        return matches.values().stream().filter(MatchExtension::implicit).distinct().toList();
    }

    /** Every match, every jar loaded first. */
    public Collection<MatchExtension> matches() {
        if (lazy != null) {
            lazy.loadAll(this);
        }
        return matches.values().stream().distinct().toList();
    }

    /** Every target, every jar loaded first. */
    public Collection<TargetExtension> targets() {
        if (lazy != null) {
            lazy.loadAll(this);
        }
        return targets.values().stream().distinct().toList();
    }
}
