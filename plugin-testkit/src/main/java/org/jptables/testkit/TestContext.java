package org.jptables.testkit;

import java.util.HashMap;
import java.util.Map;
import java.util.function.Supplier;
import org.jptables.api.Names;
import org.jptables.api.RuleContext;
import org.jptables.language.names.SystemNames;

/** A {@link RuleContext} for driving one extension's builder directly in a unit test. */
public final class TestContext implements RuleContext {
    private final String table;
    private final String chain;
    private final Names names;
    private final Map<String, Object> shared = new HashMap<>();
    private int protocol;
    private boolean protocolInverted;

    public TestContext(String table, String chain, Names names) {
        this.table = table;
        this.chain = chain;
        this.names = names;
    }

    /** filter INPUT, with the host's /etc name databases. */
    public static TestContext filterInput() {
        return new TestContext("filter", "INPUT", SystemNames.fromEtc());
    }

    public static TestContext of(String table, String chain) {
        return new TestContext(table, chain, SystemNames.fromEtc());
    }

    /** The same context with {@code -p protocol} already given. */
    public TestContext withProtocol(int number) {
        declareProtocol(number, false);
        return this;
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
    }

    @Override
    public Names names() {
        return names;
    }

    @Override
    @SuppressWarnings("unchecked")
    public <T> T shared(String key, Supplier<T> factory) {
        return (T) shared.computeIfAbsent(key, k -> factory.get());
    }
}
