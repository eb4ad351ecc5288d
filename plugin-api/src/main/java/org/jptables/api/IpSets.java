package org.jptables.api;

/**
 * The sets of ipset, as a rule sees them while it is loaded ({@link RuleContext#ipSets()}). A rule
 * resolves each set it names once, here, and keeps the handle.
 */
public interface IpSets {
    /** No sets at all: every name is unknown. */
    IpSets NONE = name -> null;

    /**
     * The set named {@code name}, or null when there is none. Each call counts one more reference
     * to the set (the kernel's ip_set_nfnl_get_byindex at a rule's checkentry), which
     * {@code ipset list} shows and which keeps the set from being destroyed or renamed.
     */
    IpSet find(String name);
}
