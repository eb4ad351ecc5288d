package org.jptables.language;

import java.util.Map;
import java.util.function.Supplier;
import org.jptables.api.IpSets;
import org.jptables.api.Names;
import org.jptables.api.NfacctObjects;
import org.jptables.api.RuleContext;

/** The {@link RuleContext} of a rule being parsed; table and chain are known once the line is read. */
final class DraftContext implements RuleContext {
    String table = "filter";
    String chain = "";
    int protocol;
    boolean protocolInverted;
    boolean protocolGiven;
    private final Names names;
    private final Map<String, Object> shared;
    final java.util.List<String> warnings = new java.util.ArrayList<>();
    /** The rule's matches as -S prints them, set before the target is built. */
    java.util.List<String> savedMatches = java.util.List.of();

    private final IpSets sets;
    private final NfacctObjects nfacct;

    private final boolean savedRule;

    DraftContext(Names names, Map<String, Object> shared, IpSets sets, NfacctObjects nfacct, boolean savedRule) {
        this.savedRule = savedRule;
        this.names = names;
        this.shared = shared;
        this.sets = sets;
        this.nfacct = nfacct;
    }

    @Override
    public IpSets ipSets() {
        return sets;
    }

    @Override
    public NfacctObjects nfacctObjects() {
        return nfacct;
    }

    @Override
    public boolean savedRule() {
        return savedRule;
    }

    @Override
    public String table() {
        return table;
    }

    @Override
    public String chain() {
        return chain;
    }

    @Override
    public int protocol() {
        return protocol;
    }

    @Override
    public boolean protocolInverted() {
        return protocolInverted;
    }

    @Override
    public void declareProtocol(int number, boolean inverted) {
        this.protocol = number;
        this.protocolInverted = inverted;
        this.protocolGiven = true;
    }

    @Override
    public java.util.List<String> savedMatches() {
        return savedMatches;
    }

    @Override
    public void warn(String message) {
        warnings.add(message);
    }

    @Override
    public Names names() {
        return names;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T shared(String key, Supplier<T> factory) {
        synchronized (shared) {
            return (T) shared.computeIfAbsent(key, k -> factory.get());
        }
    }
}
