package org.jptables.api;

/** The five netfilter hooks of IPv4, in the kernel's numbering (NF_INET_PRE_ROUTING = 0 ...). */
public enum Hook {
    PREROUTING, INPUT, FORWARD, OUTPUT, POSTROUTING;

    /** This hook's bit in a hook mask, as the kernel's {@code 1 << NF_INET_*}. */
    public int bit() {
        return 1 << ordinal();
    }
}
