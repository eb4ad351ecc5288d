package org.jptables.plugins.cgroup;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jptables.api.Hook;
import org.jptables.api.MatchBuilder;
import org.jptables.api.Names;
import org.jptables.api.RuleException;
import org.jptables.kernel.packet.LocalSocket;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestContext;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** The match decides as xt_cgroup's cgroup_mt_v2; listings and messages are in RecordedRulesTest. */
class CgroupTest {
    private static PacketView sent(LocalSocket socket) {
        return TestPackets.udp("198.18.0.1", 40000, "198.18.1.2", 53).hook(Hook.OUTPUT).view().socket(socket);
    }

    private static final LocalSocket WEB = LocalSocket.of(33, 33).inCgroup("/system.slice/nginx.service", 0x10001);

    /** Rows: the path the match is built for (as the kernel walks it), then whether it holds for WEB's socket. */
    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "/                            | true",
        "''                           | true",
        "/system.slice                | true",
        "system.slice                 | true",
        "//system.slice/              | true",
        "/system.slice/nginx.service  | true",
        "/system.slice/nginx          | false",
        "/system.slic                 | false",
        "/user.slice                  | false",
        "/system.slice/nginx.service/x | false",
    })
    void aPathMatchesItsCgroupAndEveryOneBelow(String path, boolean below) {
        CgroupPathMatch match = CgroupPathMatch.of(path, false);
        assertEquals(below, match.matches(sent(WEB)));
        assertEquals(!below, CgroupPathMatch.of(path, true).matches(sent(WEB)));
    }

    @Test
    void withoutAFullSocketNothingMatchesInvertedOrNot() {
        for (LocalSocket none : List.of(LocalSocket.NONE, LocalSocket.ROOT_LISTENER_REQUEST)) {
            assertEquals(false, CgroupPathMatch.of("/", false).matches(sent(none)));
            assertEquals(false, CgroupPathMatch.of("/", true).matches(sent(none)));
            assertEquals(false, new CgroupClassidMatch(0, false).matches(sent(none)));
            assertEquals(false, new CgroupClassidMatch(0, true).matches(sent(none)));
        }
        // a packet that arrived has no socket in the model (no early demux)
        PacketView arrived = TestPackets.tcp("198.18.0.2", 40000, "198.18.0.1", 22).in("eth0").hook(Hook.INPUT).view();
        assertEquals(false, RuleTester.of("mangle", "INPUT").matches("-m cgroup ! --cgroup 5", arrived));
    }

    @Test
    void theKernelsControlSocketsAreTheRootsWithClassZero() {
        assertEquals(true, CgroupPathMatch.of("/", false).matches(sent(LocalSocket.KERNEL)));
        assertEquals(false, CgroupPathMatch.of("/system.slice", false).matches(sent(LocalSocket.KERNEL)));
        assertEquals(true, new CgroupClassidMatch(0, false).matches(sent(LocalSocket.KERNEL)));
    }

    @Test
    void classids() {
        RuleTester output = RuleTester.of("mangle", "OUTPUT");
        assertEquals(true, output.matches("-m cgroup --cgroup 65537", sent(WEB)));
        assertEquals(false, output.matches("-m cgroup ! --cgroup 0x10001", sent(WEB)));
        assertEquals(true, output.matches("-m cgroup ! --cgroup 0", sent(WEB)));
        assertEquals(true, output.matches("-m cgroup --cgroup 0", sent(LocalSocket.ROOT)));
        assertEquals(true, output.matches("-m cgroup --path /", sent(WEB)));
    }

    @Test
    void aPathMustNameACgroupOfTheHostWhenTheRuleIsAdded() throws Exception {
        Names base = TestContext.filterInput().names();
        Names hierarchy = (Names) java.lang.reflect.Proxy.newProxyInstance(Names.class.getClassLoader(),
                new Class<?>[] {Names.class}, (proxy, method, args) -> method.getName().equals("cgroupExists")
                        ? List.of("/", "/system.slice").contains("/" + String.join("/",
                                java.util.Arrays.stream(((String) args[0]).split("/")).filter(c -> !c.isEmpty()).toList()))
                        : method.invoke(base, args));
        MatchBuilder ok = new CgroupExtension().newBuilder(new TestContext("mangle", "OUTPUT", hierarchy));
        ok.option("--path", List.of("system.slice/"), false);
        assertEquals(CgroupPathMatch.of("system.slice/", false), ok.build());
        MatchBuilder missing = new CgroupExtension().newBuilder(new TestContext("mangle", "OUTPUT", hierarchy));
        missing.option("--path", List.of("/user.slice"), false);
        RuleException e = assertThrows(RuleException.class, missing::build);
        assertEquals("Invalid argument. Run `dmesg' for more information.", e.getMessage());
        // names that know no cgroups know the root alone
        Names none = new Names() {
            public String serviceName(int port, String protocol) { return null; }
            public int servicePort(String name, String protocol) { return -1; }
            public String protocolName(int number) { return null; }
            public int protocolNumber(String name) { return -1; }
            public String hostName(int address) { return null; }
            public String networkName(int address) { return null; }
            public int[] hostAddresses(String name) { return new int[0]; }
        };
        assertEquals(true, none.cgroupExists("//"));
        assertEquals(false, none.cgroupExists("/a"));
    }

    @Test
    void help() throws Exception {
        try (InputStream in = CgroupTest.class.getResourceAsStream("/help-cgroup.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), new CgroupExtension().help());
        }
    }
}
