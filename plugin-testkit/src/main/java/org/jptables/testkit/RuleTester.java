package org.jptables.testkit;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;

import org.jptables.api.Hook;
import org.jptables.api.IpSets;
import org.jptables.api.NfacctObjects;
import org.jptables.api.Packet;
import org.jptables.api.Verdict;
import org.jptables.kernel.eval.ChainEvaluator;
import org.jptables.kernel.eval.TraversalListener;
import org.jptables.kernel.extension.ExtensionRegistry;
import org.jptables.kernel.extension.PluginLoader;
import org.jptables.kernel.model.Chain;
import org.jptables.kernel.model.KernelException;
import org.jptables.kernel.model.Ruleset;
import org.jptables.kernel.model.TableKind;
import org.jptables.kernel.packet.PacketView;
import org.jptables.language.CommandExecutor;
import org.jptables.language.CommandParser;
import org.jptables.language.ParameterException;
import org.jptables.language.ParsedCommand;
import org.jptables.language.TableMissingException;
import org.jptables.language.Tokenizer;
import org.jptables.language.names.SystemNames;

/**
 * Runs rules through the real kernel parser, listing and evaluation loop, with the extensions on
 * the test class path (the plugin under test and any plugin it is tested with). Each call starts
 * from an empty table.
 *
 * <pre>
 * RuleTester t = RuleTester.filter();
 * assertEquals("-A INPUT -p tcp -m tcp --dport 22 -j ACCEPT", t.saved("-p tcp --dport 22 -j ACCEPT"));
 * assertEquals("Port `99999' not valid", t.error("-p tcp --dport 99999"));
 * assertEquals(Verdict.ACCEPT, t.verdict("-p tcp --dport 22 -j ACCEPT", TestPackets.tcp(...).view()));
 * </pre>
 */
public final class RuleTester {
    private static final ExtensionRegistry REGISTRY = PluginLoader.load(Path.of("target", "no-plugins-dir"));
    private final String table;
    private final String chain;
    private final IpSets sets;
    private final NfacctObjects nfacct;
    private final List<String> setup;

    private RuleTester(String table, String chain) {
        this(table, chain, IpSets.NONE, NfacctObjects.NONE, List.of());
    }

    private RuleTester(String table, String chain, IpSets sets, NfacctObjects nfacct, List<String> setup) {
        this.table = table;
        this.chain = chain;
        this.sets = sets;
        this.nfacct = nfacct;
        this.setup = setup;
    }

    /** The same tester, its rules naming the sets of {@code sets} ({@link TestSets}). */
    public RuleTester with(IpSets ipSets) {
        return new RuleTester(table, chain, ipSets, nfacct, setup);
    }

    /** The same tester, its rules naming the accounting objects of {@code objects} ({@code -m nfacct}). */
    public RuleTester with(NfacctObjects objects) {
        return new RuleTester(table, chain, sets, objects, setup);
    }

    /**
     * The same tester, each of its rules loaded after these command lines ({@code "-t security -A
     * INPUT -j RATEEST --rateest-name RE1 ..."}), run on the same tables and shared state: for rules
     * that name what only another rule makes (RATEEST's estimators for {@code -m rateest}), as
     * {@code record-rules.sh}'s {@code RECORD_SETUP} made it in the recording. Keep them out of the
     * tester's own chain, whose rules the tester reads.
     */
    public RuleTester after(String... commandLines) {
        return new RuleTester(table, chain, sets, nfacct, List.of(commandLines));
    }

    /** Rules appended to filter INPUT. */
    public static RuleTester filter() {
        return new RuleTester("filter", "INPUT");
    }

    /** Rules appended to {@code chain} of {@code table} (a built-in chain). */
    public static RuleTester of(String table, String chain) {
        return new RuleTester(table, chain);
    }

    /** The registry of the extensions the test class path provides. */
    public static ExtensionRegistry registry() {
        return REGISTRY;
    }

    /** A failed rule: the exit status iptables would have and its message. */
    public record Failure(int status, String message) {
    }

    private Ruleset apply(String rule) throws ParameterException, KernelException, TableMissingException {
        Ruleset ruleset = new Ruleset();
        var names = SystemNames.fromEtc();
        var shared = new HashMap<String, Object>();
        for (String line : setup) {
            ParsedCommand before = new CommandParser(REGISTRY, names, shared, false, sets, nfacct).parse(Tokenizer.split(line));
            new CommandExecutor(names).execute(before, ruleset, new StringBuilder());
        }
        List<String> args = new ArrayList<>(List.of("-t", table, "-A", chain));
        args.addAll(Tokenizer.split(rule));
        ParsedCommand cmd = new CommandParser(REGISTRY, names, shared, false, sets, nfacct).parse(args);
        new CommandExecutor(names).execute(cmd, ruleset, new StringBuilder());
        return ruleset;
    }

    private Ruleset applyOrFail(String rule) {
        try {
            return apply(rule);
        } catch (ParameterException | KernelException | TableMissingException e) {
            throw new AssertionError("rule `" + rule + "' was refused: " + e.getMessage(), e);
        }
    }

    /** The rule as {@code iptables -S} prints it ({@code -A CHAIN ...}), one line per rule it made. */
    public String saved(String rule) {
        Ruleset rs = applyOrFail(rule);
        StringBuilder out = new StringBuilder();
        CommandExecutor.listRules(rs.table(TableKind.named(table)), chain, 0, false, out);
        return out.toString().lines().filter(l -> l.startsWith("-A ")).reduce((a, b) -> a + "\n" + b).orElse("");
    }

    /** The rule's line of {@code iptables -L} (numeric with {@code -n}), without the chain header. */
    public String listed(String rule, boolean numeric) {
        Ruleset rs = applyOrFail(rule);
        StringBuilder out = new StringBuilder();
        new org.jptables.language.listing.Listing(false, numeric, false, false, SystemNames.fromEtc())
                .list(rs.table(TableKind.named(table)), chain, 1, out);
        String text = out.toString();
        return text.endsWith("\n") ? text.substring(0, text.length() - 1) : text;
    }

    /**
     * The message iptables prints for a refused rule, without the program prefix and without the
     * blank line iptables prints after some messages; fails if the rule is accepted.
     */
    public String error(String rule) {
        return failure(rule).message().stripTrailing();
    }

    /** The refusal of a rule, with iptables' exit status (2 for a bad command, 1 for the kernel's refusal). */
    public Failure failure(String rule) {
        try {
            apply(rule);
        } catch (ParameterException e) {
            return new Failure(2, e.getMessage());
        } catch (KernelException e) {
            return new Failure(1, e.getMessage());
        } catch (TableMissingException e) {
            return new Failure(3, e.getMessage());
        }
        throw new AssertionError("rule `" + rule + "' was accepted");
    }

    /**
     * The verdict of a chain holding only this rule for {@code packet} (the policy, ACCEPT, when the
     * rule does not decide). The packet's hook is set to the chain's. {@code packet} is one of
     * {@link TestPackets}: {@code view()} or {@code truncated(n)}, declared as the API's
     * {@link Packet} or as the kernel's {@code PacketView}.
     */
    public int verdict(String rule, Packet packet) {
        PacketView view = kernelView(packet);
        Ruleset rs = applyOrFail(rule);
        Chain c = rs.table(TableKind.named(table)).chain(chain);
        view.hook(Hook.valueOf(chain));
        view.clearHotdrop();
        return new ChainEvaluator().evaluate(c, view, TraversalListener.NONE);
    }

    /** Whether every match of the rule matches {@code packet} (its counter would rise). */
    public boolean matches(String rule, Packet packet) {
        PacketView view = kernelView(packet);
        Ruleset rs = applyOrFail(rule);
        Chain c = rs.table(TableKind.named(table)).chain(chain);
        view.hook(Hook.valueOf(chain));
        view.clearHotdrop();
        new ChainEvaluator().evaluate(c, view, TraversalListener.NONE);
        return c.rules().get(0).counters().packets() == 1;
    }

    /** {@link #verdict(String, Packet)}, kept for tests compiled against the kernel's type. */
    public int verdict(String rule, PacketView packet) {
        return verdict(rule, (Packet) packet);
    }

    /** {@link #matches(String, Packet)}, kept for tests compiled against the kernel's type. */
    public boolean matches(String rule, PacketView packet) {
        return matches(rule, (Packet) packet);
    }

    /** {@link #verdictName(String, Packet)}, kept for tests compiled against the kernel's type. */
    public String verdictName(String rule, PacketView packet) {
        return verdictName(rule, (Packet) packet);
    }

    /** The kernel evaluates its own packets only: the views {@link TestPackets} hands out. */
    private static PacketView kernelView(Packet packet) {
        if (packet instanceof PacketView view) {
            return view;
        }
        throw new IllegalArgumentException("the testkit runs rules on packets of TestPackets (view(), truncated(n)), not on a "
                + (packet == null ? "null packet" : packet.getClass().getName()));
    }

    /** {@link Verdict#name} of {@link #verdict}, for readable assertions. */
    public String verdictName(String rule, Packet packet) {
        return Verdict.name(verdict(rule, packet));
    }

}
