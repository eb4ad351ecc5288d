package org.jptables.ipset;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.jptables.api.Names;
import org.jptables.kernel.ipset.SetAttributes;
import org.jptables.kernel.ipset.SetSlot;
import org.jptables.kernel.ipset.SetStore;
import org.jptables.kernel.ipset.Timeouts;

/**
 * The sets as jptables' state file keeps them: ipset's save format, so a person can read them and
 * {@code sed -n 's/^#ipset //p' | ipset restore} mostly takes them, with what the kernel keeps
 * beyond a save so that the next command finds the sets exactly as the last one left them:
 *
 * <pre>
 * create NAME TYPE OPTIONS...                 as ipset save prints it (hashsize: the current one)
 * state NAME index I [gc NEXT REGION]         the set's index; its next collection, in jiffies
 * add NAME ELEMENT [EXTENSIONS] [deadline J] [at BUCKET SIZE SLOT]
 * </pre>
 *
 * A timed entry keeps its deadline as an absolute jiffy count (HZ=250) of the clock it was made on
 * (the Unix epoch, for commands and for captures' time stamps), not the seconds left, which would
 * drift by a fraction of a second at every command; expired entries the collection has not yet
 * removed are kept too. A hash entry keeps its place (bucket, bucket size, slot), so the listing
 * order and the memory after deletions are the kernel's.
 */
public final class SetState {
    /** The prefix of the sets' lines in the state file: a comment to iptables-restore. */
    public static final String PREFIX = "#ipset ";

    /** A state line that cannot be read back. */
    public static final class Corrupt extends Exception {
        private static final long serialVersionUID = 1L;
        private final int index;

        Corrupt(int index, String message) {
            super(message);
            this.index = index;
        }

        /** The 0-based index of the line among the sets' lines. */
        public int index() {
            return index;
        }
    }

    private SetState() {
    }

    /** The sets' lines, without the prefix, in the kernel's dump order. */
    public static List<String> write(SetStore store, Names names) {
        List<String> lines = new ArrayList<>();
        PrintStream nowhere = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        for (SetSlot slot : store.dumpOrder()) {
            Session s = new Session(store, names, nowhere);
            s.mode = Session.Mode.SAVE;
            s.env.add(Session.Env.LIST_HEADER);
            StringBuilder header = new StringBuilder();
            new Listing(s, header).sets(List.of(slot));
            lines.add(header.toString().stripTrailing());
            String name = slot.name();
            TypeDef type = Types.of(slot.data().type());
            StringBuilder state = new StringBuilder("state ").append(name).append(" index ").append(slot.index());
            boolean timed = store.header(slot).options().timeout != null;
            if (timed) {
                long[] gc = store.collection(slot);
                state.append(" gc ").append(gc[0]).append(' ').append(gc[1]);
            }
            lines.add(state.toString());
            for (SetStore.StoredEntry e : store.stored(slot)) {
                Data d = Listing.entryData(type, e.element());
                StringBuilder line = new StringBuilder("add ").append(name).append(' ')
                        .append(Elements.print(d, type, names, false));
                for (Keyword k : type.command(TypeDef.ADD).args()) {
                    if (k.printer == null || !d.has(k.opt)) {
                        continue;
                    }
                    line.append(' ').append(k.name);
                    if (k.takesValue) {
                        line.append(' ').append(k.printer.print(d, k.opt, names, false));
                    }
                }
                if (timed) {
                    line.append(" deadline ").append(e.deadline());
                }
                if (e.bucket() >= 0) {
                    line.append(" at ").append(e.bucket()).append(' ').append(e.bucketSize()).append(' ')
                            .append(e.slot());
                }
                lines.add(line.toString());
            }
        }
        return lines;
    }

    /** Puts the sets of the state's lines (without the prefix) into an empty {@code store}. */
    public static void read(List<String> lines, SetStore store, Names names) throws Corrupt {
        ByteArrayOutputStream errors = new ByteArrayOutputStream();
        PrintStream err = new PrintStream(errors, true, StandardCharsets.UTF_8);
        IpsetTool tool = new IpsetTool(store, names, new ByteArrayInputStream(new byte[0]),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8), err, Path.of("."));
        Session quiet = new Session(store, names, err);
        for (int i = 0; i < lines.size(); i++) {
            String text = lines.get(i).strip();
            if (text.isEmpty()) {
                continue;
            }
            List<String> words;
            try {
                words = new Restore(tool, quiet, null).words(text);
            } catch (Outcome o) {
                throw new Corrupt(i, "unreadable line: " + text);
            }
            switch (words.get(0)) {
                case "create" -> {
                    errors.reset();
                    int status = tool.run(words);
                    if (status != 0) {
                        throw new Corrupt(i, errors.toString(StandardCharsets.UTF_8).strip());
                    }
                }
                case "state" -> state(i, words, store);
                case "add" -> entry(i, words, store, names, err);
                default -> throw new Corrupt(i, "unknown line: " + text);
            }
        }
    }

    private static void state(int i, List<String> w, SetStore store) throws Corrupt {
        try {
            SetSlot slot = store.slot(w.get(1));
            if (slot == null || !w.get(2).equals("index") || !store.moveTo(w.get(1), Integer.parseInt(w.get(3)))) {
                throw new Corrupt(i, "bad set state: " + String.join(" ", w));
            }
            if (w.size() >= 7 && w.get(4).equals("gc")) {
                store.collection(store.slot(w.get(1)), Long.parseLong(w.get(5)), Integer.parseInt(w.get(6)));
            }
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            throw new Corrupt(i, "bad set state: " + String.join(" ", w));
        }
    }

    private static void entry(int i, List<String> w, SetStore store, Names names, PrintStream err) throws Corrupt {
        String text = String.join(" ", w);
        if (w.size() < 3) {
            throw new Corrupt(i, "bad entry: " + text);
        }
        SetSlot slot = store.slot(w.get(1));
        if (slot == null) {
            throw new Corrupt(i, "entry of a set that does not exist: " + text);
        }
        TypeDef type = Types.of(slot.data().type());
        Session s = new Session(store, names, err);
        s.env.add(Session.Env.QUIET);
        s.data.type = type;
        s.data.family = type.kernelType.hasFamily() ? Data.INET : Data.UNSPEC;
        if (!Elements.parse(s, type, w.get(2))) {
            throw new Corrupt(i, s.report.text().strip());
        }
        long deadline = Timeouts.PERMANENT;
        int bucket = -1;
        int size = 0;
        int place = -1;
        try {
            for (int k = 3; k < w.size(); k++) {
                String word = w.get(k);
                if (word.equals("deadline")) {
                    deadline = Long.parseLong(w.get(++k));
                    continue;
                }
                if (word.equals("at")) {
                    bucket = Integer.parseInt(w.get(++k));
                    size = Integer.parseInt(w.get(++k));
                    place = Integer.parseInt(w.get(++k));
                    continue;
                }
                Keyword found = null;
                for (Keyword kw : type.command(TypeDef.ADD).args()) {
                    if (kw.matches(word)) {
                        found = kw;
                    }
                }
                if (found == null) {
                    throw new Corrupt(i, "unknown option " + word + ": " + text);
                }
                String value = found.takesValue ? w.get(++k) : word;
                if (!found.parser.parse(s, found.opt, value)) {
                    throw new Corrupt(i, s.report.text().strip());
                }
            }
        } catch (NumberFormatException | IndexOutOfBoundsException e) {
            throw new Corrupt(i, "bad entry: " + text);
        }
        SetAttributes a = s.data.element;
        a.timeout = null;
        if (!store.restore(slot, new SetStore.StoredEntry(a, deadline, bucket, size, place))) {
            throw new Corrupt(i, "entry does not fit its set: " + text);
        }
    }
}
