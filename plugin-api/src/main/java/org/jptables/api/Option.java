package org.jptables.api;

import java.util.List;

/**
 * One command-line option of an extension, declared as data (as iptables' {@code xt_option_entry}).
 * The kernel's single parser uses these declarations to split a rule into options, to check
 * {@code !} and repetition, and to report iptables' own messages; the extension only interprets
 * the arguments.
 *
 * @param name       the spelling on the command line, with its dashes: {@code "--dport"}, {@code "-s"}
 * @param aliases    other spellings of the same option ({@code "--destination-port"})
 * @param arguments  how many words follow the option (0, 1, or 2 as {@code --tcp-flags MASK COMP})
 * @param mayInvert  whether {@code !} may stand before the option
 * @param once       whether a second use is refused ("option ... can only be used once")
 * @param required   whether the rule is refused without it ("option ... must be specified")
 * @param takesOptionalArgument whether a flag takes the next word as its argument when there is one that
 *                   does not begin with {@code -} or {@code !} (see {@link #optionalArgument()})
 */
public record Option(String name, List<String> aliases, int arguments, boolean mayInvert, boolean once,
                     boolean required, boolean takesOptionalArgument) {

    public Option {
        aliases = List.copyOf(aliases);
        if (arguments < 0 || arguments > 2) {
            throw new IllegalArgumentException("an option takes 0, 1 or 2 arguments: " + name);
        }
        if (takesOptionalArgument && arguments != 0) {
            throw new IllegalArgumentException("only a flag takes an optional argument: " + name);
        }
    }

    /** An option without an optional argument. */
    public Option(String name, List<String> aliases, int arguments, boolean mayInvert, boolean once,
                  boolean required) {
        this(name, aliases, arguments, mayInvert, once, required, false);
    }

    /** An option with one argument, usable once, not invertible. */
    public static Option withArgument(String name) {
        return new Option(name, List.of(), 1, false, true, false);
    }

    /** An option without argument (a flag), usable once, not invertible. */
    public static Option flag(String name) {
        return new Option(name, List.of(), 0, false, true, false);
    }

    /** The same option, allowing {@code !} before it. */
    public Option invertible() {
        return new Option(name, aliases, arguments, true, once, required, takesOptionalArgument);
    }

    /** The same option, allowed more than once in a rule. */
    public Option repeatable() {
        return new Option(name, aliases, arguments, mayInvert, false, required, takesOptionalArgument);
    }

    /** The same option, required in every rule that uses the extension. */
    public Option mandatory() {
        return new Option(name, aliases, arguments, mayInvert, once, true, takesOptionalArgument);
    }

    /** The same option with another argument count. */
    public Option arguments(int count) {
        return new Option(name, aliases, count, mayInvert, once, required, takesOptionalArgument);
    }

    /**
     * The same flag, taking the next word as its argument when one follows that does not begin
     * with {@code -} or {@code !}; otherwise the builder gets an empty {@code args}. This is not
     * getopt's {@code optional_argument}: iptables' old-style parsers (libxt_rateest's
     * {@code --rateest-bps [value]}) declare such options without argument and read
     * {@code argv[optind]} themselves, so {@code --x=VALUE} is getopt's "doesn't allow an argument"
     * ({@code unknown option "--x=VALUE"}), and {@code --x -5} leaves {@code -5} to be read as options.
     */
    public Option optionalArgument() {
        if (arguments != 0) {
            throw new IllegalArgumentException("only a flag takes an optional argument: " + name);
        }
        return new Option(name, aliases, 0, mayInvert, once, required, true);
    }

    /** The same option, also spelled {@code alias}. */
    public Option alias(String alias) {
        var all = new java.util.ArrayList<>(aliases);
        all.add(alias);
        return new Option(name, all, arguments, mayInvert, once, required, takesOptionalArgument);
    }

    /** Whether {@code word} names this option. */
    public boolean isSpelled(String word) {
        return name.equals(word) || aliases.contains(word);
    }
}
