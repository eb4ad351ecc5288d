package org.jptables.commands.state;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.ZonedDateTime;
import java.util.List;
import java.util.ArrayList;
import org.jptables.api.Names;
import org.jptables.ipset.SetState;
import org.jptables.kernel.ipset.SetStore;
import org.jptables.kernel.nfacct.AcctStore;
import org.jptables.kernel.model.Ruleset;
import org.jptables.kernel.model.Table;
import org.jptables.kernel.model.TableKind;
import org.jptables.language.CommandParser;
import org.jptables.language.RestoreException;
import org.jptables.language.RestoreReader;
import org.jptables.language.SaveWriter;

/**
 * The ruleset kept between invocations, in iptables-save -c format (so it is readable, and
 * restorable with iptables-restore -c as it is), with the sets of ipset first, on comment lines of
 * their own ({@link SetState}), and the accounting objects of nfacct ({@link NfacctState}) likewise:
 * they are part of the kernel's state as the rules are, and a rule
 * naming a set can only be loaded once the set exists. A command holds an exclusive lock on
 * {@code FILE.lock} from reading to writing, so two concurrent commands never lose an update;
 * writing goes to a temporary file renamed over the state, so a crash never leaves half a file.
 */
public final class StateStore implements AutoCloseable {
    private final Path file;
    private final Path initial;
    /** After {@link #loadTable}: the file's tables in order, as text; the loaded one is written anew. */
    private List<Section> sections;
    private TableKind loadedTable;
    private final FileChannel lockChannel;
    private final FileLock lock;
    /** The sets' lines as the file (or the initial ruleset) had them, prefix included. */
    private List<String> setLines = List.of();
    /** The sets the rules were loaded with, once loaded; written back instead of {@link #setLines}. */
    private SetStore sets;
    private Names setNames;
    /** The accounting objects' lines as the file had them, prefix included. */
    private List<String> acctLines = List.of();
    /** The accounting objects the rules were loaded with, once loaded; written back instead of {@link #acctLines}. */
    private AcctStore acct;

    private StateStore(Path file, Path initial, FileChannel lockChannel, FileLock lock) {
        this.file = file;
        this.initial = initial;
        this.lockChannel = lockChannel;
        this.lock = lock;
    }

    /** Takes the lock of {@code file}, waiting for another command to finish with it; no initial ruleset. */
    public static StateStore open(Path file) throws IOException {
        return open(file, null);
    }

    /**
     * Takes the lock of {@code file}, waiting for another command to finish with it. Until the file
     * exists, {@link #load} gives the ruleset of {@code initial} (null: empty tables).
     */
    public static StateStore open(Path file, Path initial) throws IOException {
        Path parent = file.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        Path lockFile = file.resolveSibling(file.getFileName() + ".lock");
        FileChannel channel = FileChannel.open(lockFile, StandardOpenOption.CREATE, StandardOpenOption.WRITE);
        try {
            return new StateStore(file, initial, channel, channel.lock());
        } catch (IOException | RuntimeException e) {
            channel.close();
            throw e;
        }
    }

    public Path file() {
        return file;
    }

    public boolean exists() {
        return Files.exists(file);
    }

    /** The stored ruleset; while there is none yet, the initial ruleset (or empty tables). */
    public Ruleset load(CommandParser parser, Names names) throws IOException {
        Ruleset ruleset = new Ruleset();
        boolean stored = Files.exists(file);
        Path source = stored ? file : initial;
        if (source == null) {
            loadSets(List.of(), setsOf(parser), names, "no state");
            loadAcct(List.of(), acctOf(parser), "no state");
            return ruleset;
        }
        List<String> lines;
        try {
            lines = Files.readAllLines(source, StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            throw new IOException("initial ruleset " + source + ": No such file or directory", e);
        }
        loadSets(lines, setsOf(parser), names, (stored ? "state file " : "initial ruleset ") + source);
        loadAcct(lines, acctOf(parser), (stored ? "state file " : "initial ruleset ") + source);
        try {
            new RestoreReader(parser.forSavedRules(), names, true, false, false, null).restore(lines, ruleset);
        } catch (RestoreException e) {
            throw new IOException((stored ? "state file " : "initial ruleset ") + source + " is corrupt at line "
                    + e.line() + ": " + e.getMessage(), e);
        }
        return ruleset;
    }

    /**
     * Only the stored sets, into {@code target}: for a command whose rules are parsed before the
     * ruleset is loaded, or come from elsewhere (a replay's rules file), but name the state's sets.
     * Once per store: a later {@link #load} or {@link #loadTable} keeps these sets.
     */
    public void loadSets(SetStore target, Names names) throws IOException {
        loadSets(target, null, names);
    }

    /**
     * {@link #loadSets(SetStore, Names)} and the stored accounting objects into {@code acctTarget}
     * (null: none are loaded), for rules that may name both.
     */
    public void loadSets(SetStore target, AcctStore acctTarget, Names names) throws IOException {
        boolean stored = Files.exists(file);
        Path source = stored ? file : initial;
        List<String> lines = source == null || !Files.exists(source) ? List.of()
                : Files.readAllLines(source, StandardCharsets.UTF_8);
        loadSets(lines, target, names, (stored ? "state file " : "initial ruleset ") + source);
        loadAcct(lines, acctTarget, (stored ? "state file " : "initial ruleset ") + source);
    }

    /**
     * The stored ruleset with only {@code kind}'s table parsed, as iptables reads only the table a
     * command names: a 15,000-line nat table costs nothing to a command on the filter table. The
     * other tables are kept as text and written back unchanged by {@link #store}.
     */
    public Ruleset loadTable(CommandParser parser, Names names, TableKind kind) throws IOException {
        if (!Files.exists(file)) {
            return load(parser, names);
        }
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        loadSets(lines, setsOf(parser), names, "state file " + file);
        loadAcct(lines, acctOf(parser), "state file " + file);
        sections = Section.split(lines);
        loadedTable = kind;
        Ruleset ruleset = new Ruleset();
        for (Section section : sections) {
            if (section.table().equals(kind.tableName())) {
                try {
                    new RestoreReader(parser.forSavedRules(), names, true, false, false, null).restore(section.lines(), ruleset);
                } catch (RestoreException e) {
                    throw new IOException("state file " + file + " is corrupt at line " + (section.first() + e.line() - 1)
                            + ": " + e.getMessage(), e);
                }
            }
        }
        return ruleset;
    }

    /** The parser's set store, or null when its sets are not the kernel's (then nothing is loaded). */
    private static SetStore setsOf(CommandParser parser) {
        return parser.sets() instanceof SetStore s ? s : null;
    }

    /** The parser's accounting objects, or null when they are not the kernel's (then nothing is loaded). */
    private static AcctStore acctOf(CommandParser parser) {
        return parser.nfacctObjects() instanceof AcctStore a ? a : null;
    }

    /**
     * Fills {@code target} from the accounting objects' lines, before any rule is parsed; once per
     * store. Without a target the lines are kept to be written back as they are.
     */
    private void loadAcct(List<String> lines, AcctStore target, String where) throws IOException {
        if (acct != null) {
            return;
        }
        List<String> bare = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(NfacctState.PREFIX)) {
                mine.add(lines.get(i));
                bare.add(lines.get(i).substring(NfacctState.PREFIX.length()));
                at.add(i + 1);
            }
        }
        acctLines = List.copyOf(mine);
        if (target == null) {
            return;
        }
        try {
            NfacctState.read(bare, target);
        } catch (NfacctState.Corrupt e) {
            throw new IOException(where + " is corrupt at line " + at.get(e.index()) + ": " + e.getMessage(), e);
        }
        acct = target;
    }

    /**
     * Fills {@code target} from the sets' lines, before any rule is parsed; once per store. Without
     * a target the lines are kept to be written back as they are.
     */
    private void loadSets(List<String> lines, SetStore target, Names names, String where) throws IOException {
        if (sets != null) {
            return;
        }
        List<String> bare = new ArrayList<>();
        List<Integer> at = new ArrayList<>();
        List<String> mine = new ArrayList<>();
        for (int i = 0; i < lines.size(); i++) {
            if (lines.get(i).startsWith(SetState.PREFIX)) {
                mine.add(lines.get(i));
                bare.add(lines.get(i).substring(SetState.PREFIX.length()));
                at.add(i + 1);
            }
        }
        setLines = List.copyOf(mine);
        if (target == null) {
            return;
        }
        try {
            SetState.read(bare, target, names);
        } catch (SetState.Corrupt e) {
            throw new IOException(where + " is corrupt at line " + at.get(e.index()) + ": " + e.getMessage(), e);
        }
        sets = target;
        setNames = names;
    }

    /**
     * Writes {@code liveSets} and {@code liveAcct} as they are now with the next {@link #store},
     * without reading the file's own: for a process that loaded them long before and has kept them
     * changing since (the live daemon writing its counters back as it stops). Reading them again
     * into the same stores would meet every set and object already there.
     */
    public void adopt(SetStore liveSets, AcctStore liveAcct, Names names) {
        sets = liveSets;
        setNames = names;
        acct = liveAcct;
    }

    /** The sets' lines to write: the loaded sets as they are now, else the lines as they were. */
    private void writeSets(StringBuilder out) {
        if (sets != null) {
            for (String l : SetState.write(sets, setNames)) {
                out.append(SetState.PREFIX).append(l).append('\n');
            }
        } else {
            setLines.forEach(l -> out.append(l).append('\n'));
        }
        if (acct != null) {
            for (String l : NfacctState.write(acct)) {
                out.append(NfacctState.PREFIX).append(l).append('\n');
            }
        } else {
            acctLines.forEach(l -> out.append(l).append('\n'));
        }
    }

    /**
     * Writes the sets and accounting objects anew and every table as the file had it (the ipset
     * and nfacct tools, which change only those); before any state exists, the initial ruleset's tables are written as they were.
     */
    public void storeSets() throws IOException {
        Path source = Files.exists(file) ? file : initial;
        List<String> lines = source == null ? List.of() : Files.readAllLines(source, StandardCharsets.UTF_8);
        StringBuilder out = new StringBuilder();
        writeSets(out);
        for (String l : lines) {
            if (!l.startsWith(SetState.PREFIX) && !l.startsWith(NfacctState.PREFIX)) {
                out.append(l).append('\n');
            }
        }
        replace(out);
    }

    /** Writes the ruleset atomically (after {@link #loadTable}: that table anew, the others as they were). */
    public void store(Ruleset ruleset) throws IOException {
        StringBuilder out = new StringBuilder();
        writeSets(out);
        String date = SaveWriter.date(ZonedDateTime.now());
        if (sections == null) {
            for (Table t : ruleset.tables()) {
                SaveWriter.write(t, true, date, "1.8.9", true, out);
            }
        } else {
            boolean written = false;
            for (Section section : sections) {
                if (section.table().equals(loadedTable.tableName())) {
                    written = true;
                    if (ruleset.existing(loadedTable) != null) {
                        SaveWriter.write(ruleset.existing(loadedTable), true, date, "1.8.9", true, out);
                    }
                } else {
                    section.lines().forEach(l -> out.append(l).append('\n'));
                }
            }
            if (!written && ruleset.existing(loadedTable) != null) {
                SaveWriter.write(ruleset.existing(loadedTable), true, date, "1.8.9", true, out);
            }
        }
        replace(out);
    }

    /** The file replaced by {@code out}: a temporary file renamed over it, so no half file is ever seen. */
    private void replace(StringBuilder out) throws IOException {
        Path tmp = file.resolveSibling(file.getFileName() + ".tmp" + ProcessHandle.current().pid());
        Files.writeString(tmp, out, StandardCharsets.UTF_8);
        try {
            Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
        } catch (AtomicMoveNotSupportedException e) {
            Files.move(tmp, file, StandardCopyOption.REPLACE_EXISTING);
        }
    }

    @Override
    public void close() {
        try {
            lock.release();
            lockChannel.close();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
