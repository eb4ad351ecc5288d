package org.jptables.kernel.path;

/** What finally became of a packet. */
public enum Fate {
    /** Delivered to a local socket (passed INPUT). */
    ACCEPT,
    /** Dropped by a rule, a policy, or a hotdropping match. */
    DROP,
    /** Forwarded or sent out of an interface. */
    FORWARDED,
    /** Sent by the host and passed OUTPUT and POSTROUTING. */
    SENT
}
