package org.jptables.language;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jptables.api.IpSets;
import org.jptables.api.MatchExtension;
import org.jptables.api.Names;
import org.jptables.api.NfacctObjects;
import org.jptables.api.RuleContext;
import org.jptables.api.Numbers;
import org.jptables.api.Option;
import org.jptables.kernel.extension.ExtensionRegistry;

/**
 * Reads one iptables command line the way iptables 1.8.9 does: one pass over the words, commands
 * and general options handled here, every rule option handed to the extension that declares it
 * (the header options to the implicit extensions, {@code --dport} to the match loaded last that
 * has it, loading the protocol's match on demand as iptables does for {@code -p tcp --dport 22}).
 *
 * <p>The pass itself is here: splitting the words into options as getopt_long does, the ! that
 * applies to the next option, and the general options. The commands and their words are
 * {@link CommandOptions}', the loaded extensions {@link RuleExtensions}', the option table
 * {@link MainOptionTable}'s.
 */
public final class CommandParser {
    private final ExtensionRegistry registry;
    private final Names names;
    private final Map<String, Object> shared;
    private final boolean restore;
    private final IpSets sets;
    private final NfacctObjects nfacct;
    private boolean savedRules;

    public CommandParser(ExtensionRegistry registry, Names names, Map<String, Object> shared, boolean restore) {
        this(registry, names, shared, restore, IpSets.NONE);
    }

    /** A parser whose rules may name the sets of {@code sets} ({@code -m set}, {@code -j SET}). */
    public CommandParser(ExtensionRegistry registry, Names names, Map<String, Object> shared, boolean restore,
                         IpSets sets) {
        this(registry, names, shared, restore, sets, NfacctObjects.NONE);
    }

    /**
     * A parser whose rules may name the sets of {@code sets} and the accounting objects of
     * {@code nfacct} ({@code -m nfacct}).
     */
    public CommandParser(ExtensionRegistry registry, Names names, Map<String, Object> shared, boolean restore,
                         IpSets sets, NfacctObjects nfacct) {
        this.registry = registry;
        this.names = names;
        this.shared = shared;
        this.restore = restore;
        this.sets = sets;
        this.nfacct = nfacct;
    }

    /**
     * The same parser for the rules of jptables' own saved ruleset ({@link RuleContext#savedRule}):
     * rules the kernel accepted one command at a time, which may name what a rule further on makes.
     */
    public CommandParser forSavedRules() {
        CommandParser p = new CommandParser(registry, names, shared, restore, sets, nfacct);
        p.savedRules = true;
        return p;
    }

    /** The sets this parser's rules may name. */
    public IpSets sets() {
        return sets;
    }

    /** The accounting objects this parser's rules may name. */
    public NfacctObjects nfacctObjects() {
        return nfacct;
    }

    public ParsedCommand parse(List<String> args) throws ParameterException {
        return new Run(args).parse();
    }

    /** The state of one parse, as getopt's. */
    private final class Run {
        private final Words words;
        private boolean invert;
        /** Words followed a "--": getopt left them, and iptables refuses them. */
        private boolean unknownArguments;
        /** The general options given, as {@link GeneralOptions}' bits. */
        private int options;
        private final ParsedCommand cmd = new ParsedCommand();
        private final CommandOptions commands;
        private final RuleExtensions extensions;

        Run(List<String> args) {
            this.words = new Words(args);
            cmd.context = new DraftContext(names, shared, sets, nfacct, savedRules);
            this.commands = new CommandOptions(cmd, words, registry);
            this.extensions = new RuleExtensions(registry, names, cmd);
        }

        ParsedCommand parse() throws ParameterException {
            while (words.hasMore()) {
                String word = words.take();
                if (word.equals("!")) {
                    if (invert) {
                        throw new ParameterException("multiple consecutive ! not allowed");
                    }
                    invert = true;
                    continue;
                }
                if (word.equals("--")) {
                    // getopt stops at "--"; iptables refuses whatever follows it
                    unknownArguments = words.hasMore();
                    break;
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
                if (!MainOptionTable.isShort(c)) {
                    // iptables names argv[optind - 1]: getopt moves optind past a word only at its
                    // last letter, so an unknown letter inside "-8bit" names the word before it
                    String named = i == word.length() - 1 ? word : words.previous();
                    throw new ParameterException("unknown option \"" + (named == null ? word : named) + "\"");
                }
                String rest = word.substring(i + 1);
                if (MainOptionTable.takesArgument(c)) {
                    String arg;
                    if (!rest.isEmpty()) {
                        // iptables takes a header option's value as the whole word typed ("-ptcp")
                        arg = MainOptionTable.isHeader(c) ? word : rest;
                    } else if (words.hasMore()) {
                        arg = words.take();
                    } else {
                        throw new ParameterException("option \"-" + c + "\" requires an argument");
                    }
                    main(c, arg, "-" + c);
                    return;
                }
                if (MainOptionTable.mayTakeArgument(c)) {
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
            char main = MainOptionTable.letterOf(name);
            boolean exactMain = main != 0 && MainOptionTable.isLongName(name);
            if (!exactMain) {
                // getopt_long over the merged table: a prefix must name one option of the main set
                // and the loaded extensions together; if none, iptables loads -p's match and tries again
                int owners = extensions.prefixOwners(spelled).size();
                int mains = MainOptionTable.prefixCount(name);
                if (owners + mains == 0 && cmd.context.protocolGiven && !cmd.context.protocolInverted) {
                    extensions.loadProtocolMatchWithPrefix(spelled);
                    owners = extensions.prefixOwners(spelled).size();
                }
                if (owners + mains != 1) {
                    throw new ParameterException("unknown option \"" + word + "\"");
                }
                if (owners == 1) {
                    extensionOptionByPrefix(spelled, inline);
                    return;
                }
            }
            String arg = inline;
            if (MainOptionTable.takesArgument(main) && arg == null) {
                if (words.hasMore()) {
                    arg = words.take();
                } else {
                    throw new ParameterException("option \"" + word + "\" requires an argument");
                }
            }
            main(main, arg, spelled);
        }

        /** One option of the main table, {@code spelled} as typed for the messages. */
        private void main(char c, String optarg, String spelled) throws ParameterException {
            if (CommandOptions.isCommand(c)) {
                commands.take(c, optarg, invert);
                invert = false;
                return;
            }
            switch (c) {
                case 'h' -> {
                    cmd.help = true;
                    extensions.loadProtocolMatchForHelp();
                    // iptables prints the help at once: later words are not read
                    words.skipRest();
                    invert = false;
                    return;
                }
                case 'V' -> {
                    cmd.version = true;
                    cmd.versionInverted = invert;
                    words.skipRest();
                    invert = false;
                    return;
                }
                case 'j' -> {
                    setOption(GeneralOptions.JUMP, 'j');
                    extensions.jump(optarg);
                }
                case 'g' -> {
                    setOption(GeneralOptions.JUMP, 'g');
                    cmd.isGoto = true;
                    cmd.jumpName = optarg;
                }
                case 'm' -> {
                    if (invert) {
                        throw new ParameterException("unexpected ! flag before --match");
                    }
                    extensions.loadMatch(optarg);
                }
                case 'v' -> {
                    if (!cmd.verbose) {
                        setOption(GeneralOptions.VERBOSE, 'v');
                    }
                    cmd.verbose = true;
                }
                case 'n' -> { setOption(GeneralOptions.NUMERIC, 'n'); cmd.numeric = true; }
                case 'x' -> { setOption(GeneralOptions.EXPANDED, 'x'); cmd.exact = true; }
                case '0' -> { setOption(GeneralOptions.LINENUMBERS, '0'); cmd.lineNumbers = true; }
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
                    if (value == null && words.argumentFollows()) {
                        value = words.take();
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

        /** -c PKTS BYTES, or -c PKTS,BYTES in one word. */
        private void counters(String optarg) throws ParameterException {
            setOption(GeneralOptions.COUNTERS, 'c');
            String pcnt = optarg;
            String bcnt = null;
            int comma = pcnt.length() > 1 ? pcnt.indexOf(',', 1) : -1;
            if (comma >= 0) {
                bcnt = pcnt.substring(comma + 1);
                pcnt = pcnt.substring(0, comma);
            }
            if (bcnt == null && words.argumentFollows()) {
                bcnt = words.take();
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
        private static long scanUnsigned(String text) {
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

        /** set_option: each general option once, and only the header options after a !. */
        private void setOption(int option, char letter) throws ParameterException {
            if ((options & option) != 0) {
                throw new ParameterException("multiple -" + letter + " flags not allowed");
            }
            options |= option;
            if (invert && "sdpiof".indexOf(letter) < 0) {
                throw new ParameterException("cannot have ! before -" + letter);
            }
        }

        /** -p, -s, -d, -i, -o, -f: general options for iptables, options of the implicit extensions here. */
        private void header(char c, String optarg, String spelled) throws ParameterException {
            int bit = switch (c) {
                case 'p' -> GeneralOptions.PROTOCOL;
                case 's' -> GeneralOptions.SOURCE;
                case 'd' -> GeneralOptions.DESTINATION;
                case 'i' -> GeneralOptions.VIANAMEIN;
                case 'o' -> GeneralOptions.VIANAMEOUT;
                default -> GeneralOptions.FRAGMENT;
            };
            setOption(bit, c);
            MatchExtension ext = registry.implicitFor("-" + c);
            if (ext == null) {
                throw new ParameterException("unknown option \"" + spelled + "\"");
            }
            ExtensionUse use = extensions.implicitUse(ext);
            Option option = use.option("-" + c);
            List<String> values = new ArrayList<>();
            if (optarg != null) {
                values.add(optarg);
            }
            extensions.handOver(use, option, values, invert);
        }

        /** Extension options, the most recently loaded extension first, as getopt's merged table. */
        private boolean extensionOption(String spelled, String inline) throws ParameterException {
            ExtensionUse owner = extensions.owner(spelled, false);
            if (owner == null && cmd.context.protocolGiven && !cmd.context.protocolInverted
                    && registry.implicitFor(spelled) == null) {
                extensions.loadProtocolMatchOwning(spelled);
                owner = extensions.owner(spelled, false);
            }
            if (owner == null) {
                MatchExtension implicit = registry.implicitFor(spelled);
                if (implicit != null) {
                    Option o = implicit.options().stream().filter(x -> x.isSpelled(spelled)).findFirst().orElseThrow();
                    char letter = o.name().length() == 2 ? o.name().charAt(1) : 0;
                    if (letter != 0 && MainOptionTable.isHeader(letter)) {
                        // --source and the like name -s, -d, -p...: the header path, as the letter would
                        String arg = inline == null ? null : "--" + spelled.substring(2) + "=" + inline;
                        if (o.arguments() > 0 && arg == null) {
                            if (!words.hasMore()) {
                                throw new ParameterException("option \"" + spelled + "\" requires an argument");
                            }
                            arg = words.take();
                        }
                        header(letter, arg, spelled);
                        invert = false;
                        return true;
                    }
                    owner = extensions.implicitUse(implicit);
                }
            }
            if (owner == null) {
                return false;
            }
            takeOption(owner, owner.option(spelled), spelled, inline);
            return true;
        }

        private boolean extensionOptionByPrefix(String spelled, String inline) throws ParameterException {
            ExtensionUse owner = extensions.owner(spelled, true);
            if (owner == null) {
                return false;
            }
            takeOption(owner, RuleExtensions.optionByPrefix(owner, spelled), spelled, inline);
            return true;
        }

        /** An extension option's arguments: the inline one or the next word, then any further words. */
        private void takeOption(ExtensionUse use, Option option, String spelled, String inline)
                throws ParameterException {
            List<String> values = new ArrayList<>();
            if (option.arguments() == 0 && inline != null) {
                // getopt_long: "option '--x' doesn't allow an argument", which iptables reports
                // with the word as typed
                throw new ParameterException("unknown option \"" + spelled + "=" + inline + "\"");
            }
            if (option.takesOptionalArgument() && words.argumentFollows()) {
                // the extension reads argv[optind] itself when it is not an option or a !
                values.add(words.take());
            }
            if (option.arguments() > 0) {
                if (inline != null) {
                    values.add(inline);
                } else if (words.hasMore()) {
                    values.add(words.take());
                } else {
                    throw new ParameterException("option \"" + spelled + "\" requires an argument");
                }
                for (int i = 1; i < option.arguments(); i++) {
                    if (!words.hasMore() || words.peek().startsWith("-") || words.peek().startsWith("!")) {
                        // the extensions' own words: libxt_tcp and libxt_set end their sentence,
                        // libxt_sctp does not
                        String end = switch (option.name()) {
                            case "--tcp-flags", "--match-set", "--set", "--add-set", "--del-set", "--map-set" -> ".";
                            default -> "";
                        };
                        // libxt_set's deprecated --set falls through to --match-set's words
                        String said = option.name().equals("--set") ? "--match-set" : option.name();
                        throw new ParameterException(said + " requires two args" + end);
                    }
                    values.add(words.take());
                }
            }
            extensions.handOver(use, option, values, invert);
            invert = false;
        }

        private void checkNatDrop() throws ParameterException {
            if ("nat".equals(cmd.table) && ("DROP".equals(cmd.policy) || "DROP".equals(cmd.jumpName))) {
                throw new ParameterException(
                        "\nThe \"nat\" table is not intended for filtering, the use of DROP is therefore inhibited.\n\n");
            }
        }

        private void finish() throws ParameterException {
            if (cmd.help || cmd.version) {
                return;
            }
            // do_parse's order after the getopt loop: the nat table's DROP, the extensions' final
            // checks, words after "--", a missing command, a dangling !
            checkNatDrop();
            if (cmd.commands != 0) {
                cmd.context.table = cmd.table;
                cmd.context.chain = cmd.chain == null ? "" : cmd.chain;
                extensions.build();
            }
            if (unknownArguments) {
                throw new ParameterException("unknown arguments found on commandline");
            }
            if (cmd.commands == 0) {
                throw new ParameterException("no command specified");
            }
            if (invert) {
                throw new ParameterException("nothing appropriate following !");
            }
            GeneralOptions.checkAllowed(options, cmd.commands);
            if (cmd.has(CommandKind.APPEND) || cmd.has(CommandKind.DELETE) || cmd.has(CommandKind.CHECK)
                    || cmd.has(CommandKind.INSERT) || cmd.has(CommandKind.REPLACE)) {
                if (("PREROUTING".equals(cmd.chain) || "INPUT".equals(cmd.chain))
                        && (options & GeneralOptions.VIANAMEOUT) != 0) {
                    throw new ParameterException("Can't use -o with " + cmd.chain + "\n");
                }
                if (("POSTROUTING".equals(cmd.chain) || "OUTPUT".equals(cmd.chain))
                        && (options & GeneralOptions.VIANAMEIN) != 0) {
                    throw new ParameterException("Can't use -i with " + cmd.chain + "\n");
                }
            }
        }
    }
}
