package org.jptables.language;

import java.util.ArrayList;
import java.util.List;
import org.jptables.api.Match;
import org.jptables.api.MatchExtension;
import org.jptables.api.Names;
import org.jptables.api.Option;
import org.jptables.api.RuleException;
import org.jptables.api.TargetExtension;
import org.jptables.kernel.extension.ExtensionRegistry;

/**
 * The extensions a rule being parsed has loaded, seen as iptables sees them: their options merged
 * into getopt's table with the last loaded first (the target before the matches), the protocol's
 * match loaded on demand when one of its options appears, each option handed to its extension's
 * builder with libxtables' messages for a repeated or inverted one, and at the end of the line
 * each extension built and its mandatory options checked.
 */
final class RuleExtensions {
    private final ExtensionRegistry registry;
    private final Names names;
    private final ParsedCommand cmd;

    RuleExtensions(ExtensionRegistry registry, Names names, ParsedCommand cmd) {
        this.registry = registry;
        this.names = names;
        this.cmd = cmd;
    }

    /** -m NAME; a header match (-s and the like) cannot be named, as in iptables where it is no module. */
    void loadMatch(String name) throws ParameterException {
        MatchExtension ext = registry.match(name);
        if (ext == null || ext.implicit()) {
            throw new ParameterException("Couldn't load match `" + name + "':No such file or directory\n");
        }
        cmd.matches.add(new ExtensionUse(ext, ext.newBuilder(cmd.context), null));
    }

    /** -j NAME loads the target of that name if there is one; whether NAME is a user chain waits for the table. */
    void jump(String name) {
        cmd.jumpName = name;
        TargetExtension ext = registry.target(name);
        if (ext != null) {
            cmd.target = new ExtensionUse(ext, null, ext.newBuilder(cmd.context));
        }
    }

    /** The use of a header match, made on first need. */
    ExtensionUse implicitUse(MatchExtension ext) {
        for (ExtensionUse u : cmd.matches) {
            if (u.extension == ext) {
                return u;
            }
        }
        ExtensionUse use = new ExtensionUse(ext, ext.newBuilder(cmd.context), null);
        // header matches come first, as struct ipt_ip is checked before any match
        int at = 0;
        while (at < cmd.matches.size() && ((MatchExtension) cmd.matches.get(at).extension).implicit()) {
            at++;
        }
        cmd.matches.add(at, use);
        return use;
    }

    /** -h after -p PROTO and no -m: the protocol's match shows its help too. */
    void loadProtocolMatchForHelp() {
        if (cmd.matches.stream().noneMatch(u -> !((MatchExtension) u.extension).implicit())
                && cmd.context.protocolGiven) {
            MatchExtension ext = unloadedProtocolMatch();
            if (ext != null) {
                cmd.matches.add(new ExtensionUse(ext, ext.newBuilder(cmd.context), null));
            }
        }
    }

    /** {@code -p tcp --dport 22}: an option no loaded extension has loads -p's match if it has it. */
    void loadProtocolMatchOwning(String spelled) {
        MatchExtension ext = unloadedProtocolMatch();
        if (ext != null && ext.options().stream().anyMatch(o -> o.isSpelled(spelled))) {
            cmd.matches.add(new ExtensionUse(ext, ext.newBuilder(cmd.context), null));
        }
    }

    /** command_default's retry: -p's match joins the table when one of its options starts so. */
    void loadProtocolMatchWithPrefix(String spelled) {
        MatchExtension ext = unloadedProtocolMatch();
        if (ext == null) {
            return;
        }
        boolean owns = ext.options().stream().anyMatch(o -> o.name().startsWith(spelled)
                || o.aliases().stream().anyMatch(a -> a.startsWith(spelled)));
        if (owns) {
            cmd.matches.add(new ExtensionUse(ext, ext.newBuilder(cmd.context), null));
        }
    }

    /** The match named like -p's protocol, unless it is a header match, there is none, or it is loaded. */
    private MatchExtension unloadedProtocolMatch() {
        String proto = cmd.context.protocol == 0 ? null : names.protocolName(cmd.context.protocol);
        if (proto == null) {
            return null;
        }
        MatchExtension ext = registry.match(proto);
        if (ext == null || ext.implicit()) {
            return null;
        }
        for (ExtensionUse u : cmd.matches) {
            if (u.extension == ext) {
                return null;
            }
        }
        return ext;
    }

    /**
     * The extension whose option {@code spelled} names exactly, or abbreviates when {@code prefix},
     * searched as getopt searches the merged table: the target, then the matches from the last loaded.
     */
    ExtensionUse owner(String spelled, boolean prefix) {
        List<ExtensionUse> order = new ArrayList<>();
        if (cmd.target != null) {
            order.add(cmd.target);
        }
        for (int i = cmd.matches.size() - 1; i >= 0; i--) {
            order.add(cmd.matches.get(i));
        }
        for (ExtensionUse u : order) {
            for (Option o : u.extension.options()) {
                boolean byPrefix = o.name().startsWith(spelled) && o.name().startsWith("--")
                        || o.aliases().stream().anyMatch(a -> a.startsWith(spelled) && a.startsWith("--"));
                if (prefix ? byPrefix : o.isSpelled(spelled)) {
                    return u;
                }
            }
        }
        return null;
    }

    /** The first option of {@code owner} that {@code spelled} abbreviates. */
    static Option optionByPrefix(ExtensionUse owner, String spelled) {
        for (Option x : owner.extension.options()) {
            if (x.name().startsWith(spelled) || x.aliases().stream().anyMatch(a -> a.startsWith(spelled))) {
                return x;
            }
        }
        return null;
    }

    /** The loaded extensions' options that {@code spelled} abbreviates, each option once. */
    List<Option> prefixOwners(String spelled) {
        List<Option> found = new ArrayList<>();
        List<ExtensionUse> uses = new ArrayList<>(cmd.matches);
        if (cmd.target != null) {
            uses.add(cmd.target);
        }
        for (ExtensionUse u : uses) {
            if (u.extension instanceof MatchExtension m && m.implicit()) {
                continue; // -s, -i and the like are main options in iptables' table
            }
            for (Option o : u.extension.options()) {
                boolean hit = o.name().startsWith("--") && o.name().startsWith(spelled);
                for (String alias : o.aliases()) {
                    hit |= alias.startsWith("--") && alias.startsWith(spelled);
                }
                if (hit && !found.contains(o)) {
                    found.add(o);
                }
            }
        }
        return found;
    }

    /** Gives {@code option}'s values to its extension, refusing a ! or a repeat the option does not take. */
    void handOver(ExtensionUse use, Option option, List<String> values, boolean invert) throws ParameterException {
        String label = use.extension.name();
        boolean header = option.name().length() == 2;
        // a repeat first, then the !: xtables_option_parse's order, and iptables' set_option's
        if (option.once() && !use.seen.add(option.name())) {
            throw new ParameterException(header ? "multiple " + option.name() + " flags not allowed"
                    : label + ": option \"" + option.name() + "\" can only be used once.\n");
        }
        if (invert && !option.mayInvert()) {
            throw new ParameterException(header ? "cannot have ! before " + option.name()
                    : label + ": option \"" + option.name() + "\" cannot be inverted.\n");
        }
        use.seen.add(option.name());
        try {
            if (use.matchBuilder != null) {
                use.matchBuilder.option(option.name(), values, invert);
            } else {
                use.targetBuilder.option(option.name(), values, invert);
            }
        } catch (RuleException e) {
            throw new ParameterException(e.getMessage(), cmd.context.warnings);
        }
    }

    /**
     * At the end of the line, as xtables_option_mfcall: each extension's final check, then its
     * mandatory options; the target last, once it can see the matches as -S prints them.
     */
    void build() throws ParameterException {
        for (ExtensionUse u : cmd.matches) {
            try {
                u.builtMatches = u.matchBuilder.buildAll();
            } catch (RuleException e) {
                refused(e);
            }
            mandatory(u);
        }
        if (cmd.target != null) {
            cmd.context.savedMatches = savedMatches();
            try {
                cmd.target.builtTarget = cmd.target.targetBuilder.build();
            } catch (RuleException e) {
                refused(e);
            }
            mandatory(cmd.target);
        }
    }

    /** The matches built so far as -S prints them, for a target that looks at them. */
    private List<String> savedMatches() {
        List<String> saved = new ArrayList<>();
        for (ExtensionUse u : cmd.matches) {
            if (u.builtMatches == null || u.extension instanceof MatchExtension m && m.implicit()) {
                continue;
            }
            for (Match m : u.builtMatches) {
                StringBuilder out = new StringBuilder("-m ").append(u.extension.name());
                m.save(out);
                saved.add(out.toString());
            }
        }
        return List.copyOf(saved);
    }

    /** A refusal the kernel would make waits for the rule to reach a table; any other ends the parse. */
    private void refused(RuleException e) throws ParameterException {
        if (!e.isKernelRefusal()) {
            throw new ParameterException(e.getMessage(), cmd.context.warnings);
        }
        if (cmd.kernelRefusal == null) {
            cmd.kernelRefusal = e.getMessage();
        }
    }

    private static void mandatory(ExtensionUse u) throws ParameterException {
        for (Option o : u.extension.options()) {
            if (o.required() && !u.seen.contains(o.name())) {
                throw new ParameterException(u.extension.name() + ": option \"" + o.name() + "\" must be specified\n");
            }
        }
    }
}
