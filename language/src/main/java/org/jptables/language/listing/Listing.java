package org.jptables.language.listing;

import org.jptables.api.Addresses;
import org.jptables.api.ListingFormat;
import org.jptables.api.Names;
import org.jptables.api.Verdict;
import org.jptables.kernel.model.Chain;
import org.jptables.kernel.model.MatchUse;
import org.jptables.kernel.model.Rule;
import org.jptables.kernel.model.Table;

/** {@code iptables -L}: the chains of a table as iptables 1.8.9 prints them, column for column. */
public final class Listing {
    private final boolean verbose;
    private final boolean numeric;
    private final boolean exact;
    private final boolean lineNumbers;
    private final Names names;
    private final ListingFormat format;

    public Listing(boolean verbose, boolean numeric, boolean exact, boolean lineNumbers, Names names) {
        this.verbose = verbose;
        this.numeric = numeric;
        this.exact = exact;
        this.lineNumbers = lineNumbers;
        this.names = names;
        this.format = new ListingFormat(numeric, names);
    }

    /**
     * Lists {@code chainName} (or every chain when null); {@code ruleNumber} > 0 lists that rule
     * alone, without the chain header. Returns false when no chain of that name exists.
     */
    public boolean list(Table table, String chainName, int ruleNumber, StringBuilder out) {
        boolean found = false;
        for (Chain chain : table.chains()) {
            if (chainName != null && !chainName.equals(chain.name())) {
                continue;
            }
            if (found) {
                out.append('\n');
            }
            if (ruleNumber == 0) {
                header(table, chain, out);
            }
            int num = 0;
            for (Rule rule : chain.rules()) {
                num++;
                if (ruleNumber == 0 || num == ruleNumber) {
                    rule(rule, num, out);
                }
            }
            found = true;
        }
        return found;
    }

    private void header(Table table, Chain chain, StringBuilder out) {
        out.append("Chain ").append(chain.name());
        if (chain.isBuiltin()) {
            out.append(" (policy ").append(Verdict.name(chain.policy()));
            if (verbose) {
                out.append(' ').append(CounterFormat.inline(chain.policyCounters().packets(), exact)).append("packets, ");
                out.append(CounterFormat.inline(chain.policyCounters().bytes(), exact)).append("bytes");
            }
            out.append(")\n");
        } else {
            out.append(" (").append(table.references(chain)).append(" references)\n");
        }
        if (lineNumbers) {
            out.append(String.format("%-4s ", "num"));
        }
        if (verbose) {
            if (!exact) {
                out.append(String.format("%5s ", "pkts")).append(String.format("%5s ", "bytes"));
            } else {
                out.append(String.format("%8s ", "pkts")).append(String.format("%10s ", "bytes"));
            }
        }
        out.append(String.format("%-9s ", "target"));
        out.append(" prot ");
        out.append("opt");
        if (verbose) {
            out.append(String.format(" %-6s ", "in")).append(String.format("%-6s ", "out"));
        }
        out.append(String.format(" %-19s ", "source"));
        out.append(String.format(" %-19s ", "destination"));
        out.append('\n');
    }

    private void rule(Rule rule, int num, StringBuilder out) {
        HeaderFields h = HeaderFields.of(rule.matchUses());
        if (lineNumbers) {
            out.append(String.format("%-4d ", num));
        }
        if (verbose) {
            out.append(CounterFormat.column(rule.counters().packets(), exact));
            out.append(CounterFormat.column(rule.counters().bytes(), exact));
        }
        out.append(String.format("%-9s ", rule.listedTargetName()));
        out.append(h.protocolInverted ? '!' : ' ');
        out.append(String.format("%-4s ", protocolName(h.protocol)));
        out.append(h.fragmentInverted ? '!' : '-');
        out.append(h.fragment ? 'f' : '-');
        out.append(' ');
        if (verbose) {
            String any = numeric ? "*" : "any";
            out.append(String.format(" %-6s ", (h.inInverted ? "!" : "") + (h.in.isEmpty() ? any : h.in)));
            out.append(String.format("%-6s ", (h.outInverted ? "!" : "") + (h.out.isEmpty() ? any : h.out)));
        }
        out.append(h.sourceInverted ? '!' : ' ');
        out.append(String.format("%-19s ", address(h.source, h.sourceMask)));
        out.append(h.destinationInverted ? '!' : ' ');
        out.append(String.format("%-19s ", address(h.destination, h.destinationMask)));
        if (rule.isGoto()) {
            out.append("[goto] ");
        }
        for (MatchUse u : rule.matchUses()) {
            if (!u.extension().implicit()) {
                u.match().print(out, format);
            }
        }
        if (rule.target() != null) {
            rule.target().target().print(out, format);
        }
        out.append('\n');
    }

    private String protocolName(int protocol) {
        if (numeric) {
            return Integer.toString(protocol);
        }
        if (protocol != 0) {
            String name = names.protocolName(protocol);
            if (name != null) {
                return name;
            }
        }
        return Protocols.chainProtoName(protocol, Integer.toString(protocol));
    }

    private String address(int address, int mask) {
        if (mask == 0 && !numeric) {
            return "anywhere";
        }
        String text;
        if (numeric) {
            text = Addresses.format(address);
        } else {
            String host = names.hostName(address);
            if (host == null) {
                host = names.networkName(address);
            }
            text = host != null ? host : Addresses.format(address);
        }
        if (mask == -1) {
            return text;
        }
        int bits = Masks.prefixLength(mask);
        return text + "/" + (bits >= 0 ? Integer.toString(bits) : Addresses.format(mask));
    }
}
