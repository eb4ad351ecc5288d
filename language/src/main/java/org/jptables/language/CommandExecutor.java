package org.jptables.language;

import java.util.List;
import org.jptables.api.Names;
import org.jptables.api.Verdict;
import org.jptables.kernel.model.Chain;
import org.jptables.kernel.model.KernelException;
import org.jptables.kernel.model.Rule;
import org.jptables.kernel.model.Ruleset;
import org.jptables.kernel.model.Table;
import org.jptables.kernel.model.TableKind;
import org.jptables.language.listing.Listing;
import org.jptables.language.listing.RuleLine;
import org.jptables.language.listing.RuleText;

/**
 * Applies one parsed command to a ruleset, as libiptc and the kernel would: the table is changed
 * on a copy and put in place only when every check passed, so a refused command changes nothing.
 */
public final class CommandExecutor {
    private final Names names;

    public CommandExecutor(Names names) {
        this.names = names;
    }

    /**
     * Runs {@code cmd}; listings are appended to {@code out}. Returns whether the ruleset changed: a
     * table a listing merely brought into being is not a change worth keeping.
     */
    public boolean execute(ParsedCommand cmd, Ruleset ruleset, StringBuilder out)
            throws ParameterException, KernelException, TableMissingException {
        TableKind kind = TableKind.named(cmd.table());
        if (kind == null) {
            throw new TableMissingException(cmd.table());
        }
        Table current = ruleset.table(kind);
        Table work = current.copy();
        boolean changed = apply(cmd, work, out);
        if (changed) {
            work.validate();
            resetPolicyCounters(cmd, work);
            ruleset.replace(work);
        }
        return changed;
    }

    /**
     * libiptc's commit leaves every built-in chain's policy counters at zero (rule counters are
     * carried over, policy counters are not), whatever the command changed: recorded on Linux after
     * -A, -D, -N, -Z and -P. Only a policy given with {@code -c} keeps the counters it was given.
     */
    private static void resetPolicyCounters(ParsedCommand cmd, Table table) {
        boolean setWithCounters = cmd.has(CommandKind.SET_POLICY) && cmd.counters() != null;
        for (Chain c : table.builtinChains()) {
            if (!(setWithCounters && c.name().equals(cmd.chain()))) {
                c.policyCounters().zero();
            }
        }
    }

    /**
     * Runs {@code cmd} on {@code table} in place, without the copy and the checks of a table
     * replace: for iptables-restore, which checks once at COMMIT.
     */
    public boolean apply(ParsedCommand cmd, Table table, StringBuilder out)
            throws ParameterException, KernelException {
        String chainName = cmd.chain();
        if (cmd.has(CommandKind.APPEND) || cmd.has(CommandKind.INSERT) || cmd.has(CommandKind.REPLACE)
                || cmd.has(CommandKind.DELETE) || cmd.has(CommandKind.CHECK)) {
            Chain jumpTarget = cmd.jumpName == null ? null : table.chain(cmd.jumpName);
            if (jumpTarget != null && jumpTarget.isBuiltin() && cmd.target == null) {
                // a jump to a built-in chain is refused by the kernel when the table is replaced
                throw new KernelException(KernelException.INVALID);
            }
            List<Rule> rules = RuleAssembler.assemble(cmd, table, names);
            boolean lookup = cmd.has(CommandKind.DELETE) || cmd.has(CommandKind.CHECK);
            Chain chain = table.chain(chainName);
            if (chain == null) {
                // libiptc reports a missing chain for -D/-C as a rule it could not find
                throw new KernelException(lookup ? KernelException.BAD_RULE : KernelException.NO_SUCH_CHAIN);
            }
            if (cmd.kernelRefusal != null) {
                throw new KernelException(lookup ? KernelException.BAD_RULE : cmd.kernelRefusal);
            }
            if (cmd.has(CommandKind.APPEND)) {
                verbosePrint(cmd, rules, table, out);
                for (Rule r : rules) {
                    table.append(chain, r);
                }
            } else if (cmd.has(CommandKind.INSERT)) {
                verbosePrint(cmd, rules, table, out);
                for (Rule r : rules) {
                    table.insert(chain, cmd.ruleNumber(), r);
                }
            } else if (cmd.has(CommandKind.REPLACE)) {
                if (rules.size() != 1) {
                    throw new ParameterException("Replacement rule does not specify a unique address");
                }
                verbosePrint(cmd, rules, table, out);
                table.replace(chain, cmd.ruleNumber(), rules.get(0));
            } else if (cmd.has(CommandKind.DELETE)) {
                verbosePrint(cmd, rules, table, out);
                for (Rule r : rules) {
                    if (table.find(chain, r) == 0) {
                        throw new KernelException(notFound(r));
                    }
                    table.deleteMatching(chain, r);
                }
            } else {
                verbosePrint(cmd, rules, table, out);
                for (Rule r : rules) {
                    if (table.find(chain, r) == 0) {
                        throw new KernelException(notFound(r));
                    }
                }
                return false;
            }
            return true;
        }
        if (cmd.has(CommandKind.DELETE_NUM)) {
            table.delete(table.existing(chainName), cmd.ruleNumber());
            return true;
        }
        if (cmd.has(CommandKind.LIST) || cmd.has(CommandKind.LIST_RULES)) {
            if (chainName != null) {
                table.existing(chainName);
            }
            if (cmd.has(CommandKind.LIST)) {
                new Listing(cmd.verbose(), cmd.numeric(), cmd.exact(), cmd.lineNumbers(), names)
                        .list(table, chainName, cmd.ruleNumber(), out);
            } else {
                listRules(table, chainName, cmd.ruleNumber(), cmd.verbose(), out);
            }
            if (cmd.has(CommandKind.ZERO)) {
                zero(table, chainName, cmd.verbose(), out);
                return true;
            }
            if (cmd.has(CommandKind.ZERO_NUM)) {
                zeroRule(table, chainName, cmd.ruleNumber());
                return true;
            }
            return false;
        }
        if (cmd.has(CommandKind.FLUSH)) {
            if (chainName == null) {
                for (Chain c : table.chains()) {
                    if (cmd.verbose()) {
                        out.append("Flushing chain `").append(c.name()).append("'\n");
                    }
                    table.flush(c);
                }
            } else {
                Chain c = table.existing(chainName);
                if (cmd.verbose()) {
                    out.append("Flushing chain `").append(c.name()).append("'\n");
                }
                table.flush(c);
            }
            return true;
        }
        if (cmd.has(CommandKind.ZERO)) {
            zero(table, chainName, cmd.verbose(), out);
            return true;
        }
        if (cmd.has(CommandKind.ZERO_NUM)) {
            zeroRule(table, chainName, cmd.ruleNumber());
            return true;
        }
        if (cmd.has(CommandKind.NEW_CHAIN)) {
            table.newChain(chainName);
            return true;
        }
        if (cmd.has(CommandKind.DELETE_CHAIN)) {
            if (chainName == null) {
                for (Chain c : table.chains()) {
                    if (!c.isBuiltin() && cmd.verbose()) {
                        out.append("Deleting chain `").append(c.name()).append("'\n");
                    }
                }
                table.deleteUserChains();
            } else {
                if (cmd.verbose()) {
                    out.append("Deleting chain `").append(chainName).append("'\n");
                }
                table.deleteChain(chainName);
            }
            return true;
        }
        if (cmd.has(CommandKind.RENAME_CHAIN)) {
            table.renameChain(chainName, cmd.newName());
            return true;
        }
        if (cmd.has(CommandKind.SET_POLICY)) {
            Chain c = table.chain(chainName);
            if (c == null || !c.isBuiltin()) {
                throw new KernelException(KernelException.BUILTIN_POLICY);
            }
            int verdict = switch (cmd.policy()) {
                case "ACCEPT" -> Verdict.ACCEPT;
                case "DROP" -> Verdict.DROP;
                default -> throw new KernelException(KernelException.BAD_POLICY);
            };
            table.setPolicy(chainName, verdict);
            // setting a policy replaces the chain's policy rule, counters included
            if (cmd.counters() != null) {
                c.policyCounters().set(cmd.counters()[0], cmd.counters()[1]);
            } else {
                c.policyCounters().zero();
            }
            return true;
        }
        return false;
    }

    /** libiptc's words when -D or -C finds no such rule: a jump's lookup leaves its own error behind. */
    private static String notFound(Rule rule) {
        return rule.jump() != null ? KernelException.NO_SUCH_CHAIN : KernelException.BAD_RULE;
    }

    private void verbosePrint(ParsedCommand cmd, List<Rule> rules, Table table, StringBuilder out) {
        if (!cmd.verbose()) {
            return;
        }
        for (Rule r : rules) {
            out.append(RuleLine.of(r, names)).append('\n');
        }
    }

    private void zero(Table table, String chainName, boolean verbose, StringBuilder out) throws KernelException {
        if (chainName == null) {
            for (Chain c : table.chains()) {
                if (verbose) {
                    out.append("Zeroing chain `").append(c.name()).append("'\n");
                }
                table.zero(c);
            }
        } else {
            Chain c = table.existing(chainName);
            if (verbose) {
                out.append("Zeroing chain `").append(c.name()).append("'\n");
            }
            table.zero(c);
        }
    }

    private void zeroRule(Table table, String chainName, int number) throws KernelException {
        Chain c = table.existing(chainName);
        if (number < 1 || number > c.size()) {
            throw new KernelException("Index of counter too big.");
        }
        c.rules().get(number - 1).counters().zero();
    }

    /** {@code iptables -S}. */
    public static void listRules(Table table, String chainName, int ruleNumber, boolean counters, StringBuilder out) {
        if (ruleNumber == 0) {
            for (Chain c : table.chains()) {
                if (chainName != null && !chainName.equals(c.name())) {
                    continue;
                }
                if (c.isBuiltin()) {
                    out.append("-P ").append(c.name()).append(' ').append(Verdict.name(c.policy()));
                    if (counters) {
                        out.append(" -c ").append(Long.toUnsignedString(c.policyCounters().packets())).append(' ')
                                .append(Long.toUnsignedString(c.policyCounters().bytes()));
                    }
                    out.append('\n');
                } else {
                    out.append("-N ").append(c.name()).append('\n');
                }
            }
        }
        for (Chain c : table.chains()) {
            if (chainName != null && !chainName.equals(c.name())) {
                continue;
            }
            int num = 0;
            for (Rule r : c.rules()) {
                num++;
                if (ruleNumber == 0 || num == ruleNumber) {
                    out.append(counters ? RuleText.saveWithInlineCounters(c.name(), r) : RuleText.save(c.name(), r, false))
                            .append('\n');
                }
            }
        }
    }
}
