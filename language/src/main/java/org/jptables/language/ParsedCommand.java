package org.jptables.language;

import java.util.ArrayList;
import java.util.List;
import org.jptables.api.Extension;
import org.jptables.api.MatchExtension;

/** One iptables command line, read but not yet applied. */
public final class ParsedCommand {
    int commands;
    String chain;
    int ruleNumber;
    String newName;
    String policy;
    String table = "filter";
    boolean tableGiven;
    boolean verbose;
    boolean numeric;
    boolean exact;
    boolean lineNumbers;
    boolean help;
    boolean version;
    boolean versionInverted;
    long[] counters;
    /** Set when {@code -6} appears in a restore file: the line is skipped. */
    boolean ignored;

    final List<ExtensionUse> matches = new ArrayList<>();
    ExtensionUse target;
    String jumpName;
    boolean isGoto;
    DraftContext context;
    /** Warnings iptables prints on standard error before acting. */
    final List<String> warnings = new ArrayList<>();

    public List<String> warnings() {
        List<String> all = new ArrayList<>(context == null ? List.of() : context.warnings);
        all.addAll(warnings);
        return all;
    }

    /** The kernel's refusal of an extension's options, reported when the rule reaches a table. */
    String kernelRefusal;

    public boolean has(CommandKind kind) {
        return (commands & kind.bit()) != 0;
    }

    public boolean isOnly(CommandKind kind) {
        return commands == kind.bit();
    }

    public int commands() {
        return commands;
    }

    public String chain() {
        return chain;
    }

    public int ruleNumber() {
        return ruleNumber;
    }

    public String newName() {
        return newName;
    }

    public String policy() {
        return policy;
    }

    public String table() {
        return table;
    }

    public boolean tableGiven() {
        return tableGiven;
    }

    public boolean verbose() {
        return verbose;
    }

    public boolean numeric() {
        return numeric;
    }

    public boolean exact() {
        return exact;
    }

    public boolean lineNumbers() {
        return lineNumbers;
    }

    public boolean help() {
        return help;
    }

    public boolean version() {
        return version;
    }

    public boolean versionInverted() {
        return versionInverted;
    }

    public boolean ignored() {
        return ignored;
    }

    /** {@code -c PKTS BYTES}, or null. */
    public long[] counters() {
        return counters;
    }

    /** The names of the extensions the rule loaded, for {@code -m NAME -h}. */
    public List<Extension> extensionsForHelp() {
        List<Extension> list = new ArrayList<>();
        if (target != null) {
            list.add(target.extension);
        }
        for (int i = matches.size() - 1; i >= 0; i--) {
            ExtensionUse m = matches.get(i);
            if (!((MatchExtension) m.extension).implicit()) {
                list.add(m.extension);
            }
        }
        return list;
    }
}
