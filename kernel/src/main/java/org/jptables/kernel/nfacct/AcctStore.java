package org.jptables.kernel.nfacct;

import java.util.ArrayList;
import java.util.List;
import org.jptables.api.NfacctObjects;

/**
 * The accounting objects of one network namespace, as nfnetlink_acct.c keeps them: a list in the
 * order the objects were added, names compared on their first {@value #NAME_MAX} - 1 characters
 * (NFACCT_NAME_MAX with its NUL), an object a rule holds refusing deletion (EBUSY). A rule's
 * lookup ({@link #findObject}) counts a reference.
 */
public final class AcctStore implements NfacctObjects {
    /** NFACCT_NAME_MAX: a name's bytes with its terminating NUL. */
    public static final int NAME_MAX = 32;

    /** An operation the kernel refuses, with its errno's text. */
    public static final class AcctException extends Exception {
        private static final long serialVersionUID = 1L;

        AcctException(String message) {
            super(message);
        }
    }

    static final String BUSY = "Device or resource busy";
    static final String NO_ENTRY = "No such file or directory";
    static final String INVALID = "Invalid argument";

    private final List<AcctObject> objects = new ArrayList<>();

    /** The name as the kernel keeps it: cut to {@link #NAME_MAX} - 1 characters. */
    public static String truncate(String name) {
        return name.length() < NAME_MAX ? name : name.substring(0, NAME_MAX - 1);
    }

    /** Adds an object with no quota (nfnl_acct_new without NLM_F_REPLACE). */
    public synchronized void add(String name) throws AcctException {
        add(name, AcctObject.QuotaMode.NONE, 0, 0, 0, false);
    }

    /**
     * Adds an object with these counters and quota, as nfnl_acct_new: an empty name is EINVAL, a
     * name in use EBUSY.
     */
    public synchronized void add(String name, AcctObject.QuotaMode mode, long quota, long packets, long bytes,
                                 boolean overquota) throws AcctException {
        String kept = truncate(name);
        if (kept.isEmpty()) {
            throw new AcctException(INVALID);
        }
        if (get(kept) != null) {
            throw new AcctException(BUSY);
        }
        objects.add(new AcctObject(kept, mode, quota, packets, bytes, overquota));
    }

    /** The object named {@code name}, or null; no reference is counted. */
    public synchronized AcctObject get(String name) {
        String kept = truncate(name);
        for (AcctObject o : objects) {
            if (o.name().equals(kept)) {
                return o;
            }
        }
        return null;
    }

    /** Deletes the object (nfnl_acct_del): ENOENT when there is none, EBUSY while a rule holds it. */
    public synchronized void delete(String name) throws AcctException {
        AcctObject o = get(name);
        if (o == null) {
            throw new AcctException(NO_ENTRY);
        }
        if (o.users() > 0) {
            throw new AcctException(BUSY);
        }
        objects.remove(o);
    }

    /** Deletes every object no rule holds; the others stay, silently (nfnl_acct_del without a name). */
    public synchronized void flush() {
        objects.removeIf(o -> o.users() == 0);
    }

    /** The objects in the order they were added. */
    public synchronized List<AcctObject> objects() {
        return List.copyOf(objects);
    }

    @Override
    public synchronized AcctObject findObject(String name) {
        AcctObject o = get(name);
        if (o != null) {
            o.hold();
        }
        return o;
    }
}
