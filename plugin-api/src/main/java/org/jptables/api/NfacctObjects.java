package org.jptables.api;

/**
 * The accounting objects of nfnetlink_acct ({@code nfacct add NAME}), as a rule sees them while it
 * is loaded ({@link RuleContext#nfacctObjects()}). A rule resolves the object it names once, here,
 * and keeps the handle, as xt_nfacct's checkentry does.
 */
public interface NfacctObjects {
    /** No objects at all: every name is unknown. */
    NfacctObjects NONE = name -> null;

    /**
     * The object named {@code name} (the kernel compares at most its first 31 characters), or
     * null when there is none. Each call counts one more reference to the object, which keeps it
     * from being deleted ({@code nfacct delete} answers "Device or resource busy").
     */
    NfacctObject findObject(String name);
}
