package org.jptables.api;

/**
 * One accounting object of nfnetlink_acct as a rule holds it: found by name once, when the rule is
 * loaded ({@link NfacctObjects#findObject}), then given every packet the rule's match sees.
 */
public interface NfacctObject {
    /** The object's name, as {@code iptables -S} prints it. */
    String name();

    /**
     * Counts the packet (one packet, its {@link Packet#totalLength()} in bytes) and answers as
     * xt_nfacct's match does: true for an object without a quota, else whether the counter the
     * quota is on has gone past it. Allocates nothing; safe from many threads.
     */
    boolean account(Packet packet);
}
