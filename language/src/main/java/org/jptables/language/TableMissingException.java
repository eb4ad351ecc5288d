package org.jptables.language;

/** {@code -t} names no table: iptables' VERSION_PROBLEM, exit 3. */
public final class TableMissingException extends Exception {
    private static final long serialVersionUID = 1L;

    public TableMissingException(String table) {
        super("can't initialize iptables table `" + table + "': Table does not exist (do you need to insmod?)");
    }
}
