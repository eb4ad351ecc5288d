package org.jptables.language;

import org.jptables.api.Numbers;
import org.jptables.kernel.extension.ExtensionRegistry;

/**
 * iptables' commands (-A, -D, -L, -N, -P...) and the words that follow them: the chain, a rule
 * number, a new name or a policy, read off the line as iptables does (a following word that does
 * not look like an option is the command's), and the rule that only combinations such as -L -Z
 * may share a line.
 */
final class CommandOptions {
    private final ParsedCommand cmd;
    private final Words words;
    private final ExtensionRegistry registry;

    CommandOptions(ParsedCommand cmd, Words words, ExtensionRegistry registry) {
        this.cmd = cmd;
        this.words = words;
        this.registry = registry;
    }

    static boolean isCommand(char c) {
        return "ACDRILSFZNXEP".indexOf(c) >= 0;
    }

    /** Command {@code c} with its argument; {@code invert}: a ! came before it, which no command takes. */
    void take(char c, String optarg, boolean invert) throws ParameterException {
        switch (c) {
            case 'A' -> { add(CommandKind.APPEND, 0, invert); cmd.chain = optarg; }
            case 'C' -> { add(CommandKind.CHECK, 0, invert); cmd.chain = optarg; }
            case 'D' -> {
                add(CommandKind.DELETE, 0, invert);
                cmd.chain = optarg;
                if (words.argumentFollows()) {
                    cmd.ruleNumber = ruleNumber(words.take());
                    cmd.commands = CommandKind.DELETE_NUM.bit();
                }
            }
            case 'R' -> {
                add(CommandKind.REPLACE, 0, invert);
                cmd.chain = optarg;
                if (words.argumentFollows()) {
                    cmd.ruleNumber = ruleNumber(words.take());
                } else {
                    throw new ParameterException("-R requires a rule number");
                }
            }
            case 'I' -> {
                add(CommandKind.INSERT, 0, invert);
                cmd.chain = optarg;
                cmd.ruleNumber = words.argumentFollows() ? ruleNumber(words.take()) : 1;
            }
            case 'L' -> {
                add(CommandKind.LIST, CommandKind.ZERO.bit() | CommandKind.ZERO_NUM.bit(), invert);
                optionalChainAndNumber(optarg);
            }
            case 'S' -> {
                add(CommandKind.LIST_RULES, CommandKind.ZERO.bit() | CommandKind.ZERO_NUM.bit(), invert);
                optionalChainAndNumber(optarg);
            }
            case 'F' -> {
                add(CommandKind.FLUSH, 0, invert);
                optionalChain(optarg);
            }
            case 'Z' -> {
                add(CommandKind.ZERO, CommandKind.LIST.bit() | CommandKind.LIST_RULES.bit(), invert);
                optionalChain(optarg);
                if (words.argumentFollows()) {
                    cmd.ruleNumber = ruleNumber(words.take());
                    cmd.commands = (cmd.commands & ~CommandKind.ZERO.bit()) | CommandKind.ZERO_NUM.bit();
                }
            }
            case 'N' -> {
                checkChainName(optarg);
                add(CommandKind.NEW_CHAIN, 0, invert);
                cmd.chain = optarg;
            }
            case 'X' -> {
                add(CommandKind.DELETE_CHAIN, 0, invert);
                optionalChain(optarg);
            }
            case 'E' -> {
                add(CommandKind.RENAME_CHAIN, 0, invert);
                cmd.chain = optarg;
                if (words.argumentFollows()) {
                    cmd.newName = words.take();
                } else {
                    throw new ParameterException("-E requires old-chain-name and new-chain-name");
                }
            }
            case 'P' -> {
                add(CommandKind.SET_POLICY, 0, invert);
                cmd.chain = optarg;
                if (words.argumentFollows()) {
                    cmd.policy = words.take();
                } else {
                    throw new ParameterException("-P requires a chain and a policy");
                }
            }
            default -> throw new IllegalArgumentException("not a command: " + c);
        }
    }

    private void optionalChain(String optarg) {
        if (optarg != null) {
            cmd.chain = optarg;
        } else if (words.argumentFollows()) {
            cmd.chain = words.take();
        }
    }

    private void optionalChainAndNumber(String optarg) throws ParameterException {
        optionalChain(optarg);
        if (words.argumentFollows()) {
            cmd.ruleNumber = ruleNumber(words.take());
        }
    }

    private static int ruleNumber(String text) throws ParameterException {
        long n = Numbers.parse(text, 1, Integer.MAX_VALUE);
        if (n < 0 || !text.chars().allMatch(Character::isDigit)) {
            throw new ParameterException("Invalid rule number `" + text + "'");
        }
        return (int) n;
    }

    /** add_command: {@code others} are the commands this one may join. */
    private void add(CommandKind kind, int others, boolean invert) throws ParameterException {
        if (invert) {
            throw new ParameterException("unexpected ! flag");
        }
        int clash = cmd.commands & ~others;
        if (clash != 0) {
            throw new ParameterException("Cannot use -" + kind.letter() + " with -" + letterOf(clash));
        }
        cmd.commands |= kind.bit();
    }

    private static char letterOf(int commands) {
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
}
