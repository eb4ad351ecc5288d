package org.jptables.language;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jptables.api.MatchExtension;
import org.jptables.api.Names;
import org.jptables.api.Numbers;
import org.jptables.api.Option;
import org.jptables.api.RuleException;
import org.jptables.api.TargetExtension;
import org.jptables.kernel.extension.ExtensionRegistry;

/**
 * Reads one iptables command line the way iptables 1.8.9 does: one pass over the words, commands
 * and general options handled here, every rule option handed to the extension that declares it
 * (the header options to the implicit extensions, {@code --dport} to the match loaded last that
 * has it, loading the protocol's match on demand as iptables does for {@code -p tcp --dport 22}).
 */
public final class CommandParser {
    private static final String MAIN_SHORT = "ACDRILSMFZNXEPVhopsdjifbvwWntmxcg46";
    private static final String TAKES_ARGUMENT = "ACDRIMNEPojpsdimtcg";
    private static final String OPTIONAL_ARGUMENT = "LSFZXhwW";
    private static final String HEADER = "psdiof";
    private static final String[][] LONG = {
        {"append", "A"}, {"delete", "D"}, {"check", "C"}, {"insert", "I"}, {"replace", "R"}, {"list", "L"},
        {"list-rules", "S"}, {"flush", "F"}, {"zero", "Z"}, {"new-chain", "N"}, {"delete-chain", "X"},
        {"rename-chain", "E"}, {"policy", "P"}, {"jump", "j"}, {"table", "t"}, {"match", "m"},
        {"numeric", "n"}, {"verbose", "v"}, {"wait", "w"}, {"wait-interval", "W"}, {"exact", "x"},
        {"version", "V"}, {"help", "h"}, {"line-numbers", "0"}, {"modprobe", "M"}, {"set-counters", "c"},
        {"goto", "g"}, {"ipv4", "4"}, {"ipv6", "6"}, {"source", "s"}, {"src", "s"}, {"destination", "d"},
        {"dst", "d"}, {"protocol", "p"}, {"in-interface", "i"}, {"out-interface", "o"}, {"fragment", "f"},
    };

    private final ExtensionRegistry registry;
    private final Names names;
    private final Map<String, Object> shared;
    private final boolean restore;

    public CommandParser(ExtensionRegistry registry, Names names, Map<String, Object> shared, boolean restore) {
        this.registry = registry;
        this.names = names;
        this.shared = shared;
        this.restore = restore;
    }

    public ParsedCommand parse(List<String> args) throws ParameterException {
        return new Run(args).parse();
    }

    /** The state of one parse, as getopt's. */
    private final class Run {
        private final List<String> args;
        private int next;
        private boolean invert;
        private int options;
        private final ParsedCommand cmd = new ParsedCommand();

        Run(List<String> args) {
            this.args = args;
            cmd.context = new DraftContext(names, shared);
        }

        ParsedCommand parse() throws ParameterException {
            while (next < args.size()) {
                String word = args.get(next++);
                if (word.equals("!")) {
                    if (invert) {
                        throw new ParameterException("multiple consecutive ! not allowed");
                    }
                    invert = true;
                    continue;
                }
                if (word.startsWith("--") && word.length() > 2) {
                    longOption(word);
                } else if (word.startsWith("-") && word.length() > 1) {
                    shortOptions(word);
                } else {
                    throw new BadArgumentException(word);
                }
                if (cmd.ignored) {
                    return cmd;
                }
            }
            finish();
            return cmd;
        }

        private void shortOptions(String word) throws ParameterException {
            for (int i = 1; i < word.length(); i++) {
                char c = word.charAt(i);
                if (MAIN_SHORT.indexOf(c) < 0) {
                    throw new ParameterException("unknown option \"" + (word.length() == 2 ? word : "-" + c) + "\"");
                }
                String rest = word.substring(i + 1);
                if (TAKES_ARGUMENT.indexOf(c) >= 0) {
                    String arg;
                    if (!rest.isEmpty()) {
                        // iptables takes a header option's value as the whole word typed ("-ptcp")
                        arg = HEADER.indexOf(c) >= 0 ? word : rest;
                    } else if (next < args.size()) {
                        arg = args.get(next++);
                    } else {
                        throw new ParameterException("option \"-" + c + "\" requires an argument");
                    }
                    main(c, arg, "-" + c);
                    return;
                }
                if (OPTIONAL_ARGUMENT.indexOf(c) >= 0) {
                    main(c, rest.isEmpty() ? null : rest, "-" + c);
                    if (!rest.isEmpty()) {
                        return;
                    }
                    continue;
                }
                main(c, null, "-" + c);
            }
        }

        private void longOption(String word) throws ParameterException {
            String name = word.substring(2);
            String inline = null;
            int eq = name.indexOf('=');
            if (eq >= 0) {
                inline = name.substring(eq + 1);
                name = name.substring(0, eq);
            }
            String spelled = "--" + name;
            // extension options first when spelled exactly (they shadow nothing of the main set)
            if (extensionOption(spelled, inline)) {
                return;
            }
            char main = mainLong(name);
            boolean exactMain = main != 0 && isMainName(name);
            if (!exactMain) {
                // getopt_long over the merged table: a prefix must name one option of the main set
                // and the loaded extensions together; if none, iptables loads -p's match and tries again
                int extensions = prefixOwners(spelled).size();
                int mains = mainPrefixCount(name);
                if (extensions + mains == 0 && cmd.context.protocolGiven && !cmd.context.protocolInverted) {
                    loadProtocolMatchIfPrefix(spelled);
                    extensions = prefixOwners(spelled).size();
                }
                if (extensions + mains != 1) {
                    throw new ParameterException("unknown option \"" + word + "\"");
                }
                if (extensions == 1) {
                    extensionOptionByPrefix(spelled, inline);
                    return;
                }
            }
            String arg = inline;
            if (TAKES_ARGUMENT.indexOf(main) >= 0 && arg == null) {
                if (next < args.size()) {
                    arg = args.get(next++);
                } else {
                    throw new ParameterException("option \"" + word + "\" requires an argument");
                }
            }
            main(main, arg, spelled);
        }

        private boolean isMainName(String name) {
            for (String[] l : LONG) {
                if (l[0].equals(name)) {
                    return true;
                }
            }
            return false;
        }

        /** How many different main options {@code name} abbreviates (aliases of one option count once). */
        private int mainPrefixCount(String name) {
            StringBuilder seen = new StringBuilder();
            for (String[] l : LONG) {
                if (l[0].startsWith(name) && seen.indexOf(l[1]) < 0) {
                    seen.append(l[1]);
                }
            }
            return seen.length();
        }

        /** The loaded extensions' options that {@code spelled} abbreviates, each option once. */
        private List<Option> prefixOwners(String spelled) {
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

        /** command_default's retry: -p's match joins the table when one of its options starts so. */
        private void loadProtocolMatchIfPrefix(String spelled) {
            String proto = cmd.context.protocol == 0 ? null : names.protocolName(cmd.context.protocol);
            MatchExtension ext = proto == null ? null : registry.match(proto);
            if (ext == null || ext.implicit()) {
                return;
            }
            for (ExtensionUse u : cmd.matches) {
                if (u.extension == ext) {
                    return;
                }
            }
            boolean owns = ext.options().stream().anyMatch(o -> o.name().startsWith(spelled)
                    || o.aliases().stream().anyMatch(a -> a.startsWith(spelled)));
            if (owns) {
                cmd.matches.add(new ExtensionUse(ext, ext.newBuilder(cmd.context), null));
            }
        }

        private char mainLong(String name) {
            char found = 0;
            int matches = 0;
            for (String[] l : LONG) {
                if (l[0].equals(name)) {
                    return l[1].charAt(0);
                }
                if (l[0].startsWith(name)) {
                    if (found != l[1].charAt(0)) {
                        matches++;
                    }
                    found = l[1].charAt(0);
                }
            }
            return matches == 1 ? found : 0;
        }

        private boolean hasArg() {
            if (next >= args.size()) {
                return false;
            }
            String w = args.get(next);
            return !w.startsWith("-") && !w.startsWith("!");
        }

        private void main(char c, String optarg, String spelled) throws ParameterException {
            switch (c) {
                case 'A' -> { addCommand(CommandKind.APPEND, 0); cmd.chain = optarg; }
                case 'C' -> { addCommand(CommandKind.CHECK, 0); cmd.chain = optarg; }
                case 'D' -> {
                    addCommand(CommandKind.DELETE, 0);
                    cmd.chain = optarg;
                    if (hasArg()) {
                        cmd.ruleNumber = ruleNumber(args.get(next++));
                        cmd.commands = CommandKind.DELETE_NUM.bit();
                    }
                }
                case 'R' -> {
                    addCommand(CommandKind.REPLACE, 0);
                    cmd.chain = optarg;
                    if (hasArg()) {
                        cmd.ruleNumber = ruleNumber(args.get(next++));
                    } else {
                        throw new ParameterException("-R requires a rule number");
                    }
                }
                case 'I' -> {
                    addCommand(CommandKind.INSERT, 0);
                    cmd.chain = optarg;
                    cmd.ruleNumber = hasArg() ? ruleNumber(args.get(next++)) : 1;
                }
                case 'L' -> {
                    addCommand(CommandKind.LIST, CommandKind.ZERO.bit() | CommandKind.ZERO_NUM.bit());
                    optionalChainAndNumber(optarg);
                }
                case 'S' -> {
                    addCommand(CommandKind.LIST_RULES, CommandKind.ZERO.bit() | CommandKind.ZERO_NUM.bit());
                    optionalChainAndNumber(optarg);
                }
                case 'F' -> {
                    addCommand(CommandKind.FLUSH, 0);
                    optionalChain(optarg);
                }
                case 'Z' -> {
                    addCommand(CommandKind.ZERO, CommandKind.LIST.bit() | CommandKind.LIST_RULES.bit());
                    optionalChain(optarg);
                    if (hasArg()) {
                        cmd.ruleNumber = ruleNumber(args.get(next++));
                        cmd.commands = (cmd.commands & ~CommandKind.ZERO.bit()) | CommandKind.ZERO_NUM.bit();
                    }
                }
                case 'N' -> {
                    checkChainName(optarg);
                    addCommand(CommandKind.NEW_CHAIN, 0);
                    cmd.chain = optarg;
                }
                case 'X' -> {
                    addCommand(CommandKind.DELETE_CHAIN, 0);
                    optionalChain(optarg);
                }
                case 'E' -> {
                    addCommand(CommandKind.RENAME_CHAIN, 0);
                    cmd.chain = optarg;
                    if (hasArg()) {
                        cmd.newName = args.get(next++);
                    } else {
                        throw new ParameterException("-E requires old-chain-name and new-chain-name");
                    }
                }
                case 'P' -> {
                    addCommand(CommandKind.SET_POLICY, 0);
                    cmd.chain = optarg;
                    if (hasArg()) {
                        cmd.policy = args.get(next++);
                    } else {
                        throw new ParameterException("-P requires a chain and a policy");
                    }
                }
                case 'h' -> {
                    cmd.help = true;
                    if (cmd.matches.stream().noneMatch(u -> !((MatchExtension) u.extension).implicit())
                            && cmd.context.protocolGiven) {
                        loadProtocolMatch();
                    }
                    // iptables prints the help at once: later words are not read
                    next = args.size();
                    invert = false;
                    return;
                }
                case 'V' -> {
                    cmd.version = true;
                    cmd.versionInverted = invert;
                    next = args.size();
                    invert = false;
                    return;
                }
                case 'j' -> {
                    setOption(OPT_JUMP, 'j');
                    jump(optarg);
                }
                case 'g' -> {
                    setOption(OPT_JUMP, 'g');
                    cmd.isGoto = true;
                    cmd.jumpName = optarg;
                }
                case 'm' -> loadMatch(optarg);
                case 'v' -> {
                    if (!cmd.verbose) {
                        setOption(OPT_VERBOSE, 'v');
                    }
                    cmd.verbose = true;
                }
                case 'n' -> { setOption(OPT_NUMERIC, 'n'); cmd.numeric = true; }
                case 'x' -> { setOption(OPT_EXPANDED, 'x'); cmd.exact = true; }
                case '0' -> { setOption(OPT_LINENUMBERS, '0'); cmd.lineNumbers = true; }
                case 't' -> {
                    if (invert) {
                        throw new ParameterException("unexpected ! flag before --table");
                    }
                    if (restore && cmd.tableGiven) {
                        throw new ParameterException("The -t option cannot be used in iptables-restore.\n");
                    }
                    cmd.table = optarg;
                    cmd.tableGiven = true;
                }
                case 'w', 'W' -> {
                    if (restore) {
                        throw new ParameterException("You cannot use `-" + c + "' from iptables-restore");
                    }
                    String value = optarg;
                    if (value == null && hasArg()) {
                        value = args.get(next++);
                    }
                    if (c == 'w' && value != null && Numbers.parse(value, 0, Integer.MAX_VALUE) < 0) {
                        throw new ParameterException("wait seconds not numeric");
                    }
                    if (c == 'W') {
                        cmd.warnings.add("Ignoring deprecated --wait-interval option.");
                    }
                }
                case 'M', '4', 'b' -> {
                    // the modprobe program, IPv4 itself, and binary output have no meaning here
                }
                case '6' -> {
                    if (restore) {
                        cmd.ignored = true;
                        return;
                    }
                    throw new ParameterException("This is the IPv4 version of iptables.");
                }
                case 'c' -> counters(optarg);
                case 'p', 's', 'd', 'i', 'o', 'f' -> header(c, optarg, spelled);
                default -> throw new ParameterException("unknown option \"" + spelled + "\"");
            }
            invert = false;
        }

        private void optionalChain(String optarg) {
            if (optarg != null) {
                cmd.chain = optarg;
            } else if (hasArg()) {
                cmd.chain = args.get(next++);
            }
        }

        private void optionalChainAndNumber(String optarg) throws ParameterException {
            optionalChain(optarg);
            if (hasArg()) {
                cmd.ruleNumber = ruleNumber(args.get(next++));
            }
        }

        private int ruleNumber(String text) throws ParameterException {
            long n = Numbers.parse(text, 1, Integer.MAX_VALUE);
            if (n < 0 || !text.chars().allMatch(Character::isDigit)) {
                throw new ParameterException("Invalid rule number `" + text + "'");
            }
            return (int) n;
        }

        private void addCommand(CommandKind kind, int others) throws ParameterException {
            if (invert) {
                throw new ParameterException("unexpected ! flag");
            }
            int clash = cmd.commands & ~others;
            if (clash != 0) {
                throw new ParameterException("Cannot use -" + kind.letter() + " with -" + letterOf(clash));
            }
            cmd.commands |= kind.bit();
        }

        private char letterOf(int commands) {
            for (CommandKind k : CommandKind.values()) {
                if ((commands & k.bit()) != 0) {
                    return k.letter();
                }
            }
            return '?';
        }

        private void checkChainName(String name) throws ParameterException {
            if (name.length() >= 29) {
                throw new ParameterException("chain name `" + name + "' too long (must be under 29 chars)");
            }
            if (name.startsWith("-") || name.startsWith("!")) {
                throw new ParameterException("chain name not allowed to start with `" + name.charAt(0) + "'");
            }
            if (registry.target(name) != null) {
                throw new ParameterException("chain name may not clash with target name");
            }
            for (int i = 0; i < name.length(); i++) {
                if (Character.isWhitespace(name.charAt(i))) {
                    throw new ParameterException("Invalid chain name `" + name + "'");
                }
            }
        }

        private void counters(String optarg) throws ParameterException {
            setOption(OPT_COUNTERS, 'c');
            String pcnt = optarg;
            String bcnt = null;
            int comma = pcnt.length() > 1 ? pcnt.indexOf(',', 1) : -1;
            if (comma >= 0) {
                bcnt = pcnt.substring(comma + 1);
                pcnt = pcnt.substring(0, comma);
            }
            if (bcnt == null && hasArg()) {
                bcnt = args.get(next++);
            }
            if (bcnt == null) {
                throw new ParameterException("-c requires packet and byte counter");
            }
            long p = scanUnsigned(pcnt);
            if (p < 0) {
                throw new ParameterException("-c packet counter not numeric");
            }
            long b = scanUnsigned(bcnt);
            if (b < 0) {
                throw new ParameterException("-c byte counter not numeric");
            }
            cmd.counters = new long[] {p, b};
        }

        /** sscanf("%llu"): leading digits are enough. */
        private long scanUnsigned(String text) {
            int i = 0;
            while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
                i++;
            }
            int start = i;
            while (i < text.length() && Character.isDigit(text.charAt(i))) {
                i++;
            }
            if (i == start) {
                return -1;
            }
            try {
                return Long.parseUnsignedLong(text.substring(start, i));
            } catch (NumberFormatException e) {
                return -1;
            }
        }

        // iptables' option bits, for "multiple -x flags" and the command/option table
        static final int OPT_NUMERIC = 1;
        static final int OPT_SOURCE = 1 << 1;
        static final int OPT_DESTINATION = 1 << 2;
        static final int OPT_PROTOCOL = 1 << 3;
        static final int OPT_JUMP = 1 << 4;
        static final int OPT_VERBOSE = 1 << 5;
        static final int OPT_EXPANDED = 1 << 6;
        static final int OPT_VIANAMEIN = 1 << 7;
        static final int OPT_VIANAMEOUT = 1 << 8;
        static final int OPT_LINENUMBERS = 1 << 9;
        static final int OPT_COUNTERS = 1 << 10;
        static final int OPT_FRAGMENT = 1 << 11;
        static final String OPT_LETTERS = "nsdpjvxio0cf";

        private void setOption(int option, char letter) throws ParameterException {
            if ((options & option) != 0) {
                throw new ParameterException("multiple -" + letter + " flags not allowed");
            }
            options |= option;
            if (invert && "sdpiof".indexOf(letter) < 0) {
                throw new ParameterException("cannot have ! before -" + letter);
            }
        }

        private void header(char c, String optarg, String spelled) throws ParameterException {
            int bit = switch (c) {
                case 'p' -> OPT_PROTOCOL;
                case 's' -> OPT_SOURCE;
                case 'd' -> OPT_DESTINATION;
                case 'i' -> OPT_VIANAMEIN;
                case 'o' -> OPT_VIANAMEOUT;
                default -> OPT_FRAGMENT;
            };
            setOption(bit, c);
            MatchExtension ext = registry.implicitFor("-" + c);
            if (ext == null) {
                throw new ParameterException("unknown option \"" + spelled + "\"");
            }
            ExtensionUse use = implicitUse(ext);
            Option option = use.option("-" + c);
            List<String> values = new ArrayList<>();
            if (optarg != null) {
                values.add(optarg);
            }
            handOver(use, option, values);
        }

        private ExtensionUse implicitUse(MatchExtension ext) {
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

        private void loadMatch(String name) throws ParameterException {
            if (invert) {
                throw new ParameterException("unexpected ! flag before --match");
            }
            MatchExtension ext = registry.match(name);
            if (ext == null || ext.implicit()) {
                throw new ParameterException("Couldn't load match `" + name + "':No such file or directory\n");
            }
            cmd.matches.add(new ExtensionUse(ext, ext.newBuilder(cmd.context), null));
        }

        private void loadProtocolMatch() {
            String proto = cmd.context.protocol == 0 ? null : names.protocolName(cmd.context.protocol);
            if (proto == null) {
                return;
            }
            MatchExtension ext = registry.match(proto);
            if (ext != null && !ext.implicit()) {
                for (ExtensionUse u : cmd.matches) {
                    if (u.extension == ext) {
                        return;
                    }
                }
                cmd.matches.add(new ExtensionUse(ext, ext.newBuilder(cmd.context), null));
            }
        }

        private void jump(String name) {
            cmd.jumpName = name;
            TargetExtension ext = registry.target(name);
            if (ext != null) {
                cmd.target = new ExtensionUse(ext, null, ext.newBuilder(cmd.context));
            }
        }

        /** Extension options, the most recently loaded extension first, as getopt's merged table. */
        private boolean extensionOption(String spelled, String inline) throws ParameterException {
            ExtensionUse owner = owner(spelled, false);
            if (owner == null && cmd.context.protocolGiven && !cmd.context.protocolInverted
                    && registry.implicitFor(spelled) == null) {
                loadProtocolMatchIfOwns(spelled);
                owner = owner(spelled, false);
            }
            if (owner == null) {
                MatchExtension implicit = registry.implicitFor(spelled);
                if (implicit != null) {
                    Option o = implicit.options().stream().filter(x -> x.isSpelled(spelled)).findFirst().orElseThrow();
                    char letter = o.name().length() == 2 ? o.name().charAt(1) : 0;
                    if (letter != 0 && HEADER.indexOf(letter) >= 0) {
                        String arg = inline == null ? null : "--" + spelled.substring(2) + "=" + inline;
                        if (o.arguments() > 0 && arg == null) {
                            if (next >= args.size()) {
                                throw new ParameterException("option \"" + spelled + "\" requires an argument");
                            }
                            arg = args.get(next++);
                        }
                        header(letter, arg, spelled);
                        invert = false;
                        return true;
                    }
                    owner = implicitUse(implicit);
                }
            }
            if (owner == null) {
                return false;
            }
            takeOption(owner, owner.option(spelled), spelled, inline);
            return true;
        }

        private boolean extensionOptionByPrefix(String spelled, String inline) throws ParameterException {
            ExtensionUse owner = owner(spelled, true);
            if (owner == null) {
                return false;
            }
            Option o = null;
            for (Option x : owner.extension.options()) {
                if (x.name().startsWith(spelled) || x.aliases().stream().anyMatch(a -> a.startsWith(spelled))) {
                    o = x;
                    break;
                }
            }
            takeOption(owner, o, spelled, inline);
            return true;
        }

        private void loadProtocolMatchIfOwns(String spelled) {
            String proto = cmd.context.protocol == 0 ? null : names.protocolName(cmd.context.protocol);
            if (proto == null) {
                return;
            }
            MatchExtension ext = registry.match(proto);
            if (ext == null || ext.implicit()) {
                return;
            }
            for (ExtensionUse u : cmd.matches) {
                if (u.extension == ext) {
                    return;
                }
            }
            if (ext.options().stream().anyMatch(o -> o.isSpelled(spelled))) {
                cmd.matches.add(new ExtensionUse(ext, ext.newBuilder(cmd.context), null));
            }
        }

        private ExtensionUse owner(String spelled, boolean prefix) {
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

        private void takeOption(ExtensionUse use, Option option, String spelled, String inline)
                throws ParameterException {
            List<String> values = new ArrayList<>();
            if (option.arguments() > 0) {
                if (inline != null) {
                    values.add(inline);
                } else if (next < args.size()) {
                    values.add(args.get(next++));
                } else {
                    throw new ParameterException("option \"" + spelled + "\" requires an argument");
                }
                for (int i = 1; i < option.arguments(); i++) {
                    if (next >= args.size() || args.get(next).startsWith("-") || args.get(next).equals("!")) {
                        // libxt_tcp's own words, the one option of two arguments among the extensions
                        throw new ParameterException(option.name() + " requires two args.");
                    }
                    values.add(args.get(next++));
                }
            }
            handOver(use, option, values);
            invert = false;
        }

        private void handOver(ExtensionUse use, Option option, List<String> values) throws ParameterException {
            String label = use.extension.name();
            boolean header = option.name().length() == 2;
            if (invert && !option.mayInvert()) {
                throw new ParameterException(header ? "cannot have ! before " + option.name()
                        : label + ": option \"" + option.name() + "\" cannot be inverted.\n");
            }
            if (option.once() && !use.seen.add(option.name())) {
                throw new ParameterException(header ? "multiple " + option.name() + " flags not allowed"
                        : label + ": option \"" + option.name() + "\" can only be used once.\n");
            }
            use.seen.add(option.name());
            try {
                if (use.matchBuilder != null) {
                    use.matchBuilder.option(option.name(), values, invert);
                } else {
                    use.targetBuilder.option(option.name(), values, invert);
                }
            } catch (RuleException e) {
                throw new ParameterException(e.getMessage());
            }
        }

        private void finish() throws ParameterException {
            if (cmd.help || cmd.version) {
                return;
            }
            if (invert) {
                throw new ParameterException("nothing appropriate following !");
            }
            if (cmd.commands == 0) {
                throw new ParameterException("no command specified");
            }
            if ("nat".equals(cmd.table) && ("DROP".equals(cmd.policy) || "DROP".equals(cmd.jumpName))) {
                throw new ParameterException(
                        "\nThe \"nat\" table is not intended for filtering, the use of DROP is therefore inhibited.\n\n");
            }
            cmd.context.table = cmd.table;
            cmd.context.chain = cmd.chain == null ? "" : cmd.chain;
            // as xtables_option_mfcall: each extension's final check, then its mandatory options
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
            genericOptionCheck();
            if (cmd.has(CommandKind.APPEND) || cmd.has(CommandKind.DELETE) || cmd.has(CommandKind.CHECK)
                    || cmd.has(CommandKind.INSERT) || cmd.has(CommandKind.REPLACE)) {
                if (("PREROUTING".equals(cmd.chain) || "INPUT".equals(cmd.chain)) && (options & OPT_VIANAMEOUT) != 0) {
                    throw new ParameterException("Can't use -o with " + cmd.chain + "\n");
                }
                if (("POSTROUTING".equals(cmd.chain) || "OUTPUT".equals(cmd.chain)) && (options & OPT_VIANAMEIN) != 0) {
                    throw new ParameterException("Can't use -i with " + cmd.chain + "\n");
                }
            }
        }

        /** The matches built so far as -S prints them, for a target that looks at them. */
        private List<String> savedMatches() {
            List<String> saved = new java.util.ArrayList<>();
            for (ExtensionUse u : cmd.matches) {
                if (u.builtMatches == null || u.extension instanceof org.jptables.api.MatchExtension m && m.implicit()) {
                    continue;
                }
                for (org.jptables.api.Match m : u.builtMatches) {
                    StringBuilder out = new StringBuilder("-m ").append(u.extension.name());
                    m.save(out);
                    saved.add(out.toString());
                }
            }
            return List.copyOf(saved);
        }

        private void refused(RuleException e) throws ParameterException {
            if (!e.isKernelRefusal()) {
                throw new ParameterException(e.getMessage());
            }
            if (cmd.kernelRefusal == null) {
                cmd.kernelRefusal = e.getMessage();
            }
        }

        private void mandatory(ExtensionUse u) throws ParameterException {
            for (Option o : u.extension.options()) {
                if (o.required() && !u.seen.contains(o.name())) {
                    throw new ParameterException(u.extension.name() + ": option \"" + o.name() + "\" must be specified\n");
                }
            }
        }

        /** iptables' table of which general options each command allows. */
        private void genericOptionCheck() throws ParameterException {
            // rows follow CommandKind order; columns OPT_LETTERS; 'x' illegal
            String[] table = {
                "x     x  x  ", // INSERT
                "x     x  xx ", // DELETE
                "xxxxx xxxxxx", // DELETE_NUM
                "x     x  x  ", // REPLACE
                "x     x  x  ", // APPEND
                " xxxx  xx xx", // LIST
                "xxxxx xxxxxx", // FLUSH
                "xxxxx xxxxxx", // ZERO
                "xxxxx xxxxxx", // NEW_CHAIN
                "xxxxx xxxxxx", // DELETE_CHAIN
                "xxxxx xxxx x", // SET_POLICY
                "xxxxx xxxxxx", // RENAME_CHAIN
                "xxxxx xxxxxx", // LIST_RULES
                "xxxxx xxxxxx", // ZERO_NUM
                "x     x  xx ", // CHECK
            };
            for (int i = 0; i < OPT_LETTERS.length(); i++) {
                if ((options & (1 << i)) == 0) {
                    continue;
                }
                int legal = 0;
                for (CommandKind k : CommandKind.values()) {
                    if ((cmd.commands & k.bit()) == 0) {
                        continue;
                    }
                    if (table[k.ordinal()].charAt(i) != 'x') {
                        legal = 1;
                    } else if (legal == 0) {
                        legal = -1;
                    }
                }
                if (legal == -1) {
                    char letter = OPT_LETTERS.charAt(i);
                    throw new ParameterException("Illegal option `-" + letter + "' with this command");
                }
            }
        }
    }
}
