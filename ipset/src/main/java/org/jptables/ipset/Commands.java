package org.jptables.ipset;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jptables.kernel.ipset.CreateAttributes;
import org.jptables.kernel.ipset.SetAttributes;
import org.jptables.kernel.ipset.SetException;
import org.jptables.kernel.ipset.SetSlot;
import org.jptables.kernel.ipset.SetStore;

/**
 * The commands sent to the kernel's sets (libipset's ipset_cmd with the kernel's answers): one at
 * a time, except the additions and deletions of a restore, which go in batches per set and
 * command as libipset aggregates them, and fail at the first line the kernel refuses.
 */
final class Commands {
    /** One aggregated addition or deletion of a restore. */
    private record Pending(int line, SetAttributes element, boolean exist, TypeDef type) {
    }

    private final Session s;
    private final PrintStream out;
    private final List<Pending> pending = new ArrayList<>();
    private CommandName pendingCommand;
    private String pendingSet;
    /** -file for list and save: where their output goes instead of standard output. */
    Path outputFile;
    /** Whether a command changed the sets. */
    boolean changed;

    Commands(Session session, PrintStream out) {
        this.s = session;
        this.out = out;
    }

    /** ipset_type_get for an element command: the set's type and family from the kernel. */
    boolean loadType() {
        SetSlot slot = s.store.slot(s.data.setName);
        if (slot == null) {
            return s.report.error("The set with the given name does not exist");
        }
        TypeDef type = Types.of(slot.data().type());
        s.data.type = type;
        if (s.data.family == Data.UNSPEC) {
            s.data.family = type.kernelType.hasFamily() ? Data.INET : Data.UNSPEC;
        }
        return true;
    }

    private boolean fail(SetException e, CommandName cmd, TypeDef type) {
        return s.report.error(KernelMessages.of(e.error(), cmd, type));
    }

    /** ipset_cmd: runs (or, in a restore, queues) one parsed command; false with the report's error. */
    boolean execute(CommandName cmd, int line) {
        Data d = s.data;
        boolean exist = s.has(Session.Env.EXIST);
        try {
            if (line != 0 && (cmd == CommandName.ADD || cmd == CommandName.DEL)) {
                if (!pending.isEmpty() && !(cmd == pendingCommand && d.setName.equals(pendingSet))) {
                    if (!commit()) {
                        return false;
                    }
                }
                pendingCommand = cmd;
                pendingSet = d.setName;
                pending.add(new Pending(line, copy(d.element), exist, d.type));
                return true;
            }
            if (!commit()) {
                return false;
            }
            s.report.line = line;
            return run(cmd, exist);
        } finally {
            d.reset();
        }
    }

    private boolean run(CommandName cmd, boolean exist) {
        Data d = s.data;
        SetStore store = s.store;
        try {
            switch (cmd) {
                case CREATE -> {
                    if (d.family == Data.INET6) {
                        return s.report.error(KernelMessages.of(
                                org.jptables.kernel.ipset.SetError.INVALID_FAMILY, cmd, d.type));
                    }
                    store.create(d.setName, d.type.kernelType, createAttributes(d), exist);
                    changed = true;
                }
                case DESTROY -> {
                    store.destroy(d.setName, exist);
                    changed = true;
                }
                case FLUSH -> {
                    store.flush(d.setName);
                    changed = true;
                }
                case RENAME -> {
                    store.rename(d.setName, d.setName2);
                    changed = true;
                }
                case SWAP -> {
                    store.swap(d.setName, d.setName2);
                    changed = true;
                }
                case ADD, DEL -> {
                    store.change(d.setName, d.element, cmd == CommandName.ADD, exist);
                    changed = true;
                }
                case TEST -> {
                    String element = Elements.print(d, d.type, s.names, false);
                    if (store.test(d.setName, d.element)) {
                        if (!s.has(Session.Env.QUIET)) {
                            s.report.warn(element + " is in set " + d.setName + ".");
                        }
                    } else {
                        if (!s.has(Session.Env.QUIET)) {
                            s.report.notice(element + " is NOT in set " + d.setName + ".");
                        } else {
                            throw Outcome.custom(s, Outcome.OTHER_PROBLEM, null);
                        }
                    }
                }
                case LIST, SAVE -> {
                    return list(cmd);
                }
                default -> {
                }
            }
            return true;
        } catch (SetException e) {
            return fail(e, cmd, d.type);
        }
    }

    /** Sends the queued additions or deletions of a restore; the first refusal names its line. */
    boolean commit() {
        if (pending.isEmpty()) {
            return true;
        }
        List<Pending> batch = new ArrayList<>(pending);
        pending.clear();
        String set = pendingSet;
        CommandName cmd = pendingCommand;
        for (Pending p : batch) {
            try {
                s.store.change(set, p.element, cmd == CommandName.ADD, p.exist);
                changed = true;
            } catch (SetException e) {
                s.report.line = p.line;
                return fail(e, cmd, p.type);
            }
        }
        return true;
    }

    private boolean list(CommandName cmd) {
        if (s.mode == Session.Mode.NONE) {
            s.mode = cmd == CommandName.LIST ? Session.Mode.PLAIN : Session.Mode.SAVE;
        }
        List<SetSlot> slots;
        if (s.data.setName != null) {
            SetSlot slot = s.store.slot(s.data.setName);
            if (slot == null) {
                return s.report.error("The set with the given name does not exist");
            }
            slots = List.of(slot);
        } else {
            slots = s.store.dumpOrder();
        }
        StringBuilder text = new StringBuilder();
        new Listing(s, text).sets(slots);
        if (outputFile != null) {
            try {
                Files.writeString(outputFile, text, StandardCharsets.UTF_8);
            } catch (IOException e) {
                return s.report.error("Cannot open " + outputFile + " for writing: " + e.getMessage());
            }
        } else {
            out.print(text);
        }
        return true;
    }

    /** The create command's attributes: the type's options with the range and timeout given. */
    private static CreateAttributes createAttributes(Data d) {
        CreateAttributes c = d.create;
        SetAttributes e = d.element;
        c.ip = e.ip;
        c.ipTo = e.ipTo;
        c.cidr = d.has(Opt.CIDR) ? e.cidr : null;
        c.port = e.port;
        c.portTo = e.portTo;
        c.timeout = e.timeout;
        return c;
    }

    private static SetAttributes copy(SetAttributes a) {
        SetAttributes c = new SetAttributes();
        c.ip = a.ip;
        c.ipTo = a.ipTo;
        c.cidr = a.cidr;
        c.port = a.port;
        c.portTo = a.portTo;
        c.proto = a.proto;
        c.ip2 = a.ip2;
        c.mac = a.mac;
        c.name = a.name;
        c.nameRef = a.nameRef;
        c.before = a.before;
        c.nomatch = a.nomatch;
        c.timeout = a.timeout;
        c.packets = a.packets;
        c.bytes = a.bytes;
        c.comment = a.comment;
        c.skbMark = a.skbMark;
        c.skbPrio = a.skbPrio;
        c.skbQueue = a.skbQueue;
        return c;
    }

    /** Nothing to close: list and save write their file whole. */
    void closeOutput() {
    }
}
