package org.jptables.commands;

import java.io.IOException;
import java.io.UncheckedIOException;
import org.jptables.api.IpSet;
import org.jptables.api.IpSets;
import org.jptables.api.NfacctObject;
import org.jptables.api.NfacctObjects;
import org.jptables.commands.state.StateStore;

/**
 * The state's sets and accounting objects as the iptables command line sees them: the command is parsed before the
 * ruleset is read, so the first rule that names a set takes the state's lock and reads the sets
 * then; the command goes on under that lock ({@link #store}), and the rule's handle is the very set
 * that is written back. The accounting objects of {@code -m nfacct} come the same way. A command naming no set reads no state before it must (help, version).
 */
final class StateSets implements IpSets, NfacctObjects, AutoCloseable {
    private final Settings settings;
    private final Session session;
    private StateStore store;

    StateSets(Settings settings, Session session) {
        this.settings = settings;
        this.session = session;
    }

    @Override
    public IpSet find(String name) {
        try {
            store().loadSets(session.sets, session.nfacct, session.names);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return session.sets.find(name);
    }

    /** The accounting object, read with the sets under the state's lock as {@link #find} reads the sets. */
    @Override
    public NfacctObject findObject(String name) {
        try {
            store().loadSets(session.sets, session.nfacct, session.names);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return session.nfacct.findObject(name);
    }

    /** The locked state, opened now unless a set was looked up already. */
    StateStore store() throws IOException {
        if (store == null) {
            store = StateStore.open(settings.state(), settings.initial());
        }
        return store;
    }

    @Override
    public void close() {
        if (store != null) {
            store.close();
        }
    }
}
