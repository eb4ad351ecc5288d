package org.jptables.plugins.osf;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import org.jptables.api.Effects;
import org.jptables.api.Hook;
import org.jptables.api.MatchBuilder;
import org.jptables.api.RuleException;
import org.jptables.api.Verdict;
import org.jptables.kernel.host.Host;
import org.jptables.kernel.osf.OsFingerprints;
import org.jptables.kernel.packet.PacketEffects;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestContext;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;

class OsfTest {
    /** Lines of pf.os as nftables ships it, as a host would load them with nfnl_osf -f. */
    static final String PF_OS = """
            # comment
            S20:64:1:60:M*,S,T,N,W7:\tLinux:3.11-4.19::Linux 3.11 - 4.19
            S4:64:1:60:M*,S,T,N,W7:\t\tLinux:2.6::Linux 2.6 (newer, 3)
            16384:64:0:44:M*:\t\tLinux:2.0:3x:Linux 2.0.3x

            65535:128:1:48:M*,N,N,S:\t\tWindows:2000:SP4:Windows 2000 SP4, XP SP1
            %8192:128:1:48:M*,N,N,S:\t\tWindows:XP:SP1:Windows 2000 SP2, XP SP1
            65535:64:1:60:M*,N,W6,S,T:\tFreeBSD:9.0-12.0::FreeBSD 9.0 - 12.0
            T4:64:1:60:M1412,S,T,N,W0:\tLinux:2.4::Linux 2.4 (late, uncommon)
            """;
    static final Host HOST = Host.conformance().withOsFingerprints(OsFingerprints.fromPfOs(PF_OS, "test"));

    static final byte[] LINUX = options(2, 4, 0x05, 0xB4, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1, 3, 3, 7);
    static final byte[] WINDOWS = options(2, 4, 0x05, 0xB4, 1, 1, 4, 2);

    private final RuleTester filter = RuleTester.filter();

    static byte[] options(int... bytes) {
        byte[] b = new byte[bytes.length];
        for (int i = 0; i < bytes.length; i++) {
            b[i] = (byte) bytes[i];
        }
        return b;
    }

    static PacketView syn(byte[] options, int window, int ttl, boolean df, int flags, Host host) {
        TestPackets t = TestPackets.tcp("198.18.0.2", 41001, "198.18.0.1", 22).flags(flags).in("eth0");
        t.ipv4().tcpOptions(options).window(window).ttl(ttl).dontFragment(df);
        PacketView p = t.view();
        p.addressTypes(host);
        return p;
    }

    static PacketView syn(byte[] options, int window, int ttl) {
        return syn(options, window, ttl, true, TestPackets.SYN, HOST);
    }

    @Test
    void aSynIsRecognisedByItsWindowTtlSizeAndOptions() {
        assertTrue(filter.matches("-p tcp -m osf --genre Linux", syn(LINUX, 20 * 1460, 64)));
        assertFalse(filter.matches("-p tcp -m osf --genre Windows", syn(LINUX, 20 * 1460, 64)));
        assertFalse(filter.matches("-p tcp -m osf --genre linux", syn(LINUX, 20 * 1460, 64)));
        assertTrue(filter.matches("-p tcp -m osf --genre Linux", syn(LINUX, 4 * 1460, 64)));        // S4
        assertTrue(filter.matches("-p tcp -m osf --genre Windows", syn(WINDOWS, 65535, 128)));
        assertTrue(filter.matches("-p tcp -m osf --genre Windows", syn(WINDOWS, 3 * 8192, 128)));   // %8192
        assertFalse(filter.matches("-p tcp -m osf --genre Windows", syn(WINDOWS, 8191, 128)));
        assertFalse(filter.matches("-p tcp -m osf --genre Linux", syn(LINUX, 1234, 64)));
    }

    @Test
    void theWindowMayFollowTheMssOrTheSmartModemsMss() {
        byte[] mss1400 = LINUX.clone();
        mss1400[2] = 0x05;
        mss1400[3] = 0x78;
        assertTrue(filter.matches("-p tcp -m osf --genre Linux", syn(mss1400, 20 * 1400, 64)));
        assertTrue(filter.matches("-p tcp -m osf --genre Linux", syn(mss1400, 20 * 1448, 64)));
        byte[] mss1412 = LINUX.clone();
        mss1412[2] = 0x05;
        mss1412[3] = (byte) 0x84;
        assertTrue(filter.matches("-p tcp -m osf --genre Linux", syn(mss1412, 4 * (1412 + 40), 64)));   // T4
        assertFalse(filter.matches("-p tcp -m osf --genre Linux", syn(mss1412, 4 * (1412 + 41), 64)));
    }

    @Test
    void optionsMustComeInTheFingerprintsOrder() {
        byte[] reordered = options(3, 3, 7, 2, 4, 0x05, 0xB4, 4, 2, 8, 10, 0, 0, 0, 1, 0, 0, 0, 0, 1);
        assertFalse(filter.matches("-p tcp -m osf --genre Linux", syn(reordered, 20 * 1460, 64)));
    }

    @Test
    void theTtlChecks() {
        PacketView near = syn(LINUX, 20 * 1460, 57);
        assertFalse(filter.matches("-p tcp -m osf --genre Linux", near));
        assertFalse(filter.matches("-p tcp -m osf --genre Linux --ttl 0", near));
        assertTrue(filter.matches("-p tcp -m osf --genre Linux --ttl 1", near));
        assertTrue(filter.matches("-p tcp -m osf --genre Linux --ttl 2", near));
        // above the fingerprint's TTL: only --ttl 2, even from eth0's own subnet
        PacketView above = syn(LINUX, 20 * 1460, 80);
        assertFalse(filter.matches("-p tcp -m osf --genre Linux --ttl 1", above));
        assertTrue(filter.matches("-p tcp -m osf --genre Linux --ttl 2", above));
    }

    @Test
    void theDfFlagPicksTheList() {
        byte[] mss = options(2, 4, 0x05, 0xB4);
        assertTrue(filter.matches("-p tcp -m osf --genre Linux", syn(mss, 16384, 64, false, TestPackets.SYN, HOST)));
        assertFalse(filter.matches("-p tcp -m osf --genre Linux", syn(mss, 16384, 64, true, TestPackets.SYN, HOST)));
    }

    @Test
    void onlySynsAreExamined() {
        assertFalse(filter.matches("-p tcp -m osf --genre Linux",
                syn(LINUX, 20 * 1460, 64, true, TestPackets.ACK, HOST)));
        assertTrue(filter.matches("-p tcp -m osf --genre Linux",
                syn(LINUX, 20 * 1460, 64, true, TestPackets.SYN | TestPackets.ACK, HOST)));
        // options cut off: nothing is examined, nothing dropped
        TestPackets t = TestPackets.tcp("198.18.0.2", 41001, "198.18.0.1", 22).flags(TestPackets.SYN);
        t.ipv4().tcpOptions(LINUX).window(20 * 1460).dontFragment(true);
        PacketView cut = t.truncated(50);
        cut.addressTypes(HOST);
        assertFalse(filter.matches("-p tcp -m osf --genre Linux", cut));
        assertFalse(cut.hotdropped());
    }

    @Test
    void withoutFingerprintsNothingIsRecognised() {
        PacketView p = syn(LINUX, 20 * 1460, 64, true, TestPackets.SYN, Host.conformance());
        assertFalse(filter.matches("-p tcp -m osf --genre Linux", p));
        assertFalse(filter.matches("-p tcp -m osf --genre Linux --ttl 2 --log 0", p));
    }

    @Test
    void theKernelNeverReadsTheInversion() {
        assertTrue(filter.matches("-p tcp -m osf ! --genre Linux", syn(LINUX, 20 * 1460, 64)));
        assertFalse(filter.matches("-p tcp -m osf ! --genre Linux", syn(WINDOWS, 65535, 128)));
        assertEquals(Verdict.DROP, filter.verdict("-p tcp -m osf ! --genre Linux -j DROP", syn(LINUX, 20 * 1460, 64)));
    }

    @Test
    void logLinesAsTheKernelWritesThem() {
        // window 6000 with MSS 1500 fits Linux 2.6 (S4 * 1500) and Linux 2.4 (T4 * (1460 + 40))
        byte[] mss1500 = LINUX.clone();
        mss1500[2] = 0x05;
        mss1500[3] = (byte) 0xDC;
        assertEquals(List.of("Linux [2.6:] : 198.18.0.2:41001 -> 198.18.0.1:22 hops=0\n",
                        "Linux [2.4:] : 198.18.0.2:41001 -> 198.18.0.1:22 hops=0\n"),
                logged("-p tcp -m osf --genre Nothing --log 0", syn(mss1500, 6000, 64), true));
        assertEquals(List.of("Linux [2.6:] : 198.18.0.2:41001 -> 198.18.0.1:22 hops=0\n"),
                logged("-p tcp -m osf --genre Nothing --log 1", syn(mss1500, 6000, 64), true));
        assertEquals(List.of("Linux [3.11-4.19:] : 198.18.0.2:41001 -> 198.18.0.1:22 hops=-16\n"),
                logged("-p tcp -m osf --genre Linux --ttl 2 --log 2", syn(LINUX, 20 * 1460, 80), true));
        // an unknown SYN is logged at every level, and does not match
        for (int level = 0; level <= 2; level++) {
            assertEquals(List.of("Remote OS is not known: 198.18.0.2:41001 -> 198.18.0.1:22\n"),
                    logged("-p tcp -m osf --genre Linux --log " + level, syn(LINUX, 1234, 64), false));
        }
        assertEquals(List.of(), logged("-p tcp -m osf --genre Linux", syn(LINUX, 1234, 64), false));
        assertEquals(List.of(), logged("-p tcp -m osf --genre Linux --log 0",
                syn(LINUX, 1234, 64, true, TestPackets.ACK, HOST), false));
    }

    /** The log prefixes the rule writes for the packet (level notice, NF_LOG_DEFAULT_MASK), and its match. */
    private List<String> logged(String rule, PacketView p, boolean matches) {
        List<String> lines = new ArrayList<>();
        p.effects(new PacketEffects() {
            @Override
            public void reject(PacketView packet, int icmpCode) {
            }

            @Override
            public void log(PacketView packet, int level, String prefix, int flags) {
                assertEquals(5, level);
                assertEquals(Effects.LOG_TCP_SEQUENCE | Effects.LOG_TCP_OPTIONS | Effects.LOG_IP_OPTIONS
                        | Effects.LOG_UID, flags);
                lines.add(prefix);
            }

            @Override
            public void nat(PacketView packet, int kind, int minAddress, int maxAddress, int minPort, int maxPort,
                            int flags) {
            }
        });
        assertEquals(matches, filter.matches(rule, p));
        p.effects(PacketEffects.NONE);
        return lines;
    }

    @Test
    void savesListsAndRefusesAsIptables() {
        assertEquals("-A INPUT -p tcp -m osf ! --genre Linux --ttl 2 --log 1",
                filter.saved("-p tcp -m osf --log 1 ! --genre Linux --ttl 2"));
        assertTrue(filter.listed("-p tcp -m osf ! --genre Linux", true).endsWith(" OS fingerprint match ! Linux"));
        assertEquals("Invalid argument. Run `dmesg' for more information.",
                RuleTester.of("filter", "OUTPUT").failure("-p tcp -m osf --genre Linux").message().strip()
                        .replaceFirst("^.*?: ", ""));
        assertEquals("osf: option \"--genre\" must be specified", filter.error("-p tcp -m osf --ttl 1"));
    }

    @Test
    void buildsWithoutTheParser() throws RuleException {
        MatchBuilder b = new OsfExtension().newBuilder(TestContext.filterInput().withProtocol(6));
        b.option("--genre", List.of("a".repeat(40)), true);
        b.option("--ttl", List.of("0x1"), false);
        assertEquals(new OsfMatch("a".repeat(31), true, 1, OsfMatch.UNSET), b.build());
    }

    @Test
    void helpIsIptables() throws Exception {
        try (InputStream in = OsfTest.class.getResourceAsStream("/help-osf.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), new OsfExtension().help());
        }
    }

    @Test
    void sideEffectFreeOnlyWithoutLog() {
        boolean[] declared = new boolean[2];
        new OsfMatch("Linux", false, OsfMatch.UNSET, OsfMatch.UNSET).declare(freeRecorder(declared, 0));
        new OsfMatch("Linux", false, OsfMatch.UNSET, OsfMatch.LOG_FIRST).declare(freeRecorder(declared, 1));
        assertTrue(declared[0]);
        assertFalse(declared[1]);
    }

    private static org.jptables.api.Constraints freeRecorder(boolean[] declared, int slot) {
        return (org.jptables.api.Constraints) java.lang.reflect.Proxy.newProxyInstance(
                OsfTest.class.getClassLoader(), new Class<?>[] {org.jptables.api.Constraints.class},
                (proxy, method, args) -> {
                    if (method.getName().equals("sideEffectFree")) {
                        declared[slot] = true;
                    }
                    return null;
                });
    }

    @Test
    void onlyWhereXtOsfMayRun() {
        assertTrue(new OsfExtension().placement().allows("mangle", Hook.PREROUTING));
        assertFalse(new OsfExtension().placement().allows("mangle", Hook.POSTROUTING));
    }
}
