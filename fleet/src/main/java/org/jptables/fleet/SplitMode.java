package org.jptables.fleet;

/**
 * How a host's captures are replayed: {@link #HOST}, one task runs them all, in order (always
 * exact); {@link #CONNECTION}, split in byte ranges and keyed by conversation, which is exact only
 * when the ruleset keeps no state shared between connections ({@code ConnectionSplitting});
 * {@link #AUTO}, by connection where that is exact and the host is big enough to gain from it.
 */
public enum SplitMode {
    AUTO, HOST, CONNECTION
}
