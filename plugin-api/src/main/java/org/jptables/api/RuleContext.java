package org.jptables.api;

import java.util.function.Supplier;

/**
 * What an extension may know of the rule it is part of while the rule is parsed and checked.
 * Given to the builder when the extension is named in a rule.
 */
public interface RuleContext {
    /** The table of the rule: "filter", "nat", "mangle", "raw" or "security". */
    String table();

    /** The chain the rule is added to. */
    String chain();

    /** The rule's {@code -p} protocol number, 0 when none was given. Complete when build() is called. */
    int protocol();

    /** Whether the rule's protocol was given as {@code ! -p}. */
    boolean protocolInverted();

    /**
     * Declares the rule's protocol; called by the extension that owns {@code -p}, so that the
     * protocol's own match ({@code -p tcp --dport 22}) can be loaded without {@code -m tcp}.
     */
    void declareProtocol(int protocol, boolean inverted);

    /** The name databases. */
    Names names();

    /**
     * State shared by every rule that names the same key, kept as long as the ruleset (for
     * example the address lists of {@code -m recent --name}). Created on first use.
     */
    <T> T shared(String key, Supplier<T> factory);

    /**
     * The sets of ipset the rule may name ({@code -m set}, {@code -j SET}). None unless the caller
     * keeps sets.
     */
    default IpSets ipSets() {
        return IpSets.NONE;
    }

    /**
     * The accounting objects of nfnetlink_acct the rule may name ({@code -m nfacct}). None unless
     * the caller keeps them.
     */
    default NfacctObjects nfacctObjects() {
        return NfacctObjects.NONE;
    }

    /**
     * Whether the rule is read back from jptables' saved ruleset (the state file) rather than given
     * now. The kernel accepted each of those rules when it was added, while other rules held what
     * it names; read back in file order, or with only one table loaded, a rule may name what a
     * rule further on or in another table makes (an estimator of {@code -j RATEEST} for
     * {@code -m rateest}): such a reference must not refuse it.
     */
    default boolean savedRule() {
        return false;
    }

    /**
     * A warning iptables prints on standard error while still accepting the rule (for example
     * "Warning: weird character in interface ...").
     */
    default void warn(String message) {
    }

    /**
     * The rule's matches as {@code -S} prints them, one string each ({@code "-m tcp --tcp-flags
     * SYN,RST SYN"}), implicit ones ({@code -p}, {@code -s}, ...) left out. Complete when a
     * target's build() is called: for targets whose kernel check looks at the rule's other matches
     * (TCPMSS asks for a tcp match of SYN).
     */
    default java.util.List<String> savedMatches() {
        return java.util.List.of();
    }
}
