package org.jptables.commands.state;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import org.jptables.commands.Cli;
import org.jptables.kernel.extension.PluginLoader;
import org.jptables.kernel.ipset.SetStore;
import org.jptables.kernel.nfacct.AcctStore;
import org.jptables.kernel.model.Ruleset;
import org.jptables.kernel.model.TableKind;
import org.jptables.language.CommandParser;
import org.jptables.language.names.SystemNames;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A command reads only its table; the others go back to the file exactly as they were. */
class StateStoreTest {
    @TempDir
    Path dir;

    private final SystemNames names = SystemNames.fromEtc();

    private CommandParser parser() {
        return new CommandParser(PluginLoader.load(dir.resolve("no-plugins")), names, new HashMap<>(), true);
    }

    /**
     * The live daemon loads the state once and writes it back as it stops: the sets and accounting
     * objects its rules used all along, with their counts then, not read again from the file (that
     * met every object already there: "Device or resource busy", and the counters were lost).
     */
    @Test
    void storesKeptSinceLoadingAreWrittenAsTheyAreNow() throws Exception {
        Path file = dir.resolve("state.rules");
        Files.writeString(file, "#nfacct 0 0 - 0 0 web\n*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n"
                + ":OUTPUT ACCEPT [0:0]\n-A INPUT -p 6 -j ACCEPT\nCOMMIT\n");
        SetStore sets = new SetStore();
        AcctStore acct = new AcctStore();
        CommandParser parser = new CommandParser(PluginLoader.load(dir.resolve("no-plugins")), names, new HashMap<>(),
                true, sets, acct);
        Ruleset ruleset;
        try (StateStore store = StateStore.open(file)) {
            ruleset = store.load(parser, names);
        }
        acct.delete("web");
        acct.add("web", org.jptables.kernel.nfacct.AcctObject.QuotaMode.NONE, 0, 7, 700, false);
        try (StateStore store = StateStore.open(file)) {
            store.adopt(sets, acct, names);
            store.store(ruleset);
        }
        List<String> after = Files.readAllLines(file);
        assertEquals("#nfacct 7 700 - 0 0 web", after.get(0));
        assertTrue(after.contains("[0:0] -A INPUT -p tcp -j ACCEPT"), String.join("\n", after));
    }

    @Test
    void theOtherTablesAreWrittenBackAsTheyWere() throws IOException {
        Cli cli = new Cli(dir);
        cli.ok("-t nat -N KUBE-SVC");
        cli.ok("-t nat -A KUBE-SVC -s 192.0.2.1 -j ACCEPT");
        cli.ok("-A INPUT -p 6 -j ACCEPT");
        cli.ok("-t mangle -P PREROUTING ACCEPT");
        Path file = dir.resolve("state.rules");
        List<String> before = Files.readAllLines(file);
        List<Section> sections = Section.split(before);
        assertEquals(List.of("nat", "filter", "mangle"), sections.stream().map(Section::table).toList());
        assertEquals(before, sections.stream().flatMap(s -> s.lines().stream()).toList(), "nothing lost in the split");

        try (StateStore store = StateStore.open(file)) {
            Ruleset ruleset = store.loadTable(parser(), names, TableKind.FILTER);
            assertNull(ruleset.existing(TableKind.NAT), "nat was not parsed");
            ruleset.table(TableKind.FILTER).builtinChains().get(0).policyCounters().zero();
            store.store(ruleset);
        }
        List<String> after = Files.readAllLines(file);
        List<Section> again = Section.split(after);
        assertEquals(sections.get(0).lines(), again.get(0).lines(), "nat byte for byte");
        assertEquals(sections.get(2).lines(), again.get(2).lines(), "mangle byte for byte");
        assertTrue(cli.ok("-t nat -S").contains("-A KUBE-SVC -s 192.0.2.1/32 -j ACCEPT"));
        cli.ok("-t raw -P OUTPUT ACCEPT");
        assertEquals(List.of("nat", "filter", "mangle", "raw"),
                Section.split(Files.readAllLines(file)).stream().map(Section::table).toList(), "a new table goes last");
    }

    @Test
    void aCorruptTableIsReportedWithItsLineInTheFile() throws IOException {
        Path file = dir.resolve("state.rules");
        Files.writeString(file, "*nat\n:PREROUTING ACCEPT [0:0]\nCOMMIT\n*filter\n:INPUT ACCEPT [0:0]\n-A INPUT --bogus\nCOMMIT\n");
        try (StateStore store = StateStore.open(file)) {
            IOException e = assertThrows(IOException.class, () -> store.loadTable(parser(), names, TableKind.FILTER));
            assertTrue(e.getMessage().startsWith("state file " + file + " is corrupt at line 6: "), e.getMessage());
            store.loadTable(parser(), names, TableKind.NAT);
        }
    }
}
