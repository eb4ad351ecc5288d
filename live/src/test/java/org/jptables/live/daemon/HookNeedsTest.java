package org.jptables.live.daemon;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import org.jptables.kernel.extension.ExtensionRegistry;
import org.jptables.kernel.extension.PluginLoader;
import org.jptables.kernel.model.Ruleset;
import org.jptables.language.CommandParser;
import org.jptables.language.RestoreReader;
import org.jptables.language.names.SystemNames;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which rulesets make the daemon queue at POSTROUTING too. */
class HookNeedsTest {
    private static ExtensionRegistry registry;

    @BeforeAll
    static void plugins(@TempDir Path dir) {
        registry = PluginLoader.load(dir.resolve("no-plugins"));
    }

    private static Ruleset rules(String text) throws Exception {
        var names = SystemNames.fromEtc();
        Ruleset ruleset = new Ruleset();
        new RestoreReader(new CommandParser(registry, names, new HashMap<>(), true), names, false, false, false, null)
                .restore(List.of(text.split("\n")), ruleset);
        return ruleset;
    }

    @Test
    void filteringAloneCrossesTheDaemonOnce() throws Exception {
        assertFalse(HookNeeds.rewritesAfterRouting(rules("""
                *filter
                :INPUT ACCEPT [0:0]
                :FORWARD ACCEPT [0:0]
                -A INPUT -p tcp --dport 22 -j ACCEPT
                -A FORWARD -j REJECT
                -A FORWARD -j LOG
                COMMIT
                """)));
    }

    @Test
    void natAManglingTargetOrMangleRulesNeedPostrouting() throws Exception {
        assertTrue(HookNeeds.rewritesAfterRouting(rules("*nat\n:POSTROUTING ACCEPT [0:0]\nCOMMIT\n")));
        assertTrue(HookNeeds.rewritesAfterRouting(rules("""
                *mangle
                :FORWARD ACCEPT [0:0]
                -A FORWARD -j MARK --set-mark 1
                COMMIT
                """)));
        assertFalse(HookNeeds.rewritesAfterRouting(rules("""
                *mangle
                :PREROUTING ACCEPT [0:0]
                -A PREROUTING -j MARK --set-mark 1
                COMMIT
                """)), "PREROUTING's changes go back with the first verdict");
    }
}
