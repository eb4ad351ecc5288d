package org.jptables.live.control;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jptables.kernel.model.Rule;
import org.jptables.kernel.model.TableKind;
import org.jptables.live.control.TestDaemon.Run;
import org.jptables.live.control.jar.PluginJar;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code jptables daemon reload}: jars dropped in become usable, a jar the live rules use cannot go. */
class PluginReloadTest {
    private static final String RULES = "*filter\n:INPUT ACCEPT [0:0]\n:FORWARD ACCEPT [0:0]\n:OUTPUT ACCEPT [0:0]\nCOMMIT\n";

    @TempDir
    Path dir;

    private static List<String> specs(TestDaemon d, String chain) {
        return d.live.ruleset().existing(TableKind.FILTER).chain(chain).rules().stream().map(Rule::spec).toList();
    }

    @Test
    void aJarTheLiveRulesUseIsNotReloadedAwayAndADroppedInJarIsUsedAfterAReload() throws Exception {
        Path plugins = Files.createDirectory(dir.resolve("plugins"));
        Path jar = PluginJar.srcquota(plugins.resolve("srcquota-1.0.0.jar"));
        try (TestDaemon d = new TestDaemon(dir, RULES, plugins, PeerPolicy::rootAnd)) {
            d.ok("-A INPUT -m srcquota --max 5 -j ACCEPT");
            d.ok("-A INPUT -p tcp -m srcquota --max 9 -j DROP");
            d.ok("-A FORWARD -m srcquota --max 1 -j ACCEPT");
            Files.delete(jar);
            assertEquals(new Run(1, "", "jptables: reload: plugin jar for match 'srcquota' is gone but 2 rules in filter"
                    + " INPUT and 1 rule in filter FORWARD use it; nothing reloaded\n"), d.cli("daemon reload"));
            // the registry in use is kept: its loaded jar still serves the next command
            d.ok("-A INPUT -m srcquota --max 6 -j ACCEPT");
            assertEquals(List.of(" -m srcquota --max 5 -j ACCEPT", " -p tcp -m srcquota --max 9 -j DROP",
                    " -m srcquota --max 6 -j ACCEPT"), specs(d, "INPUT"));

            d.ok("-F");
            Run reloaded = d.cli("daemon reload");
            assertEquals(0, reloaded.status(), reloaded.err());
            assertTrue(reloaded.out().startsWith("jptables: reload: ") && reloaded.out().endsWith(" from " + plugins
                    + " and the class path\n"), reloaded.out());
            Run gone = d.cli("-A INPUT -m srcquota --max 5 -j ACCEPT");
            assertEquals(2, gone.status());
            assertEquals(d.offline("-A INPUT -m srcquota --max 5 -j ACCEPT"), gone, "as without a daemon");

            PluginJar.srcquota(plugins.resolve("srcquota-2.0.0.jar"));
            assertEquals(2, d.cli("-A INPUT -m srcquota --max 7 -j ACCEPT").status(), "not before the reload");
            assertEquals(0, d.cli("daemon reload").status());
            d.ok("-A INPUT -m srcquota --max 7 -j ACCEPT");
            assertEquals(List.of(" -m srcquota --max 7 -j ACCEPT"), specs(d, "INPUT"));
        }
    }

    @Test
    void aReloadWithEveryUsedExtensionPresentGoesThrough() throws Exception {
        try (TestDaemon d = new TestDaemon(dir, RULES)) {
            d.ok("-A INPUT -p tcp --dport 22 -j ACCEPT");
            Run r = d.cli("daemon reload");
            assertEquals(0, r.status(), r.err());
            d.ok("-A INPUT -p tcp --dport 23 -j DROP");
            assertEquals(2, specs(d, "INPUT").size());
        }
    }
}
