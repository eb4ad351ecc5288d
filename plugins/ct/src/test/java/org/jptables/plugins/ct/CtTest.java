package org.jptables.plugins.ct;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jptables.api.ConnState;
import org.jptables.api.ConntrackHelpers;
import org.jptables.api.Hook;
import org.jptables.api.Placement;
import org.jptables.api.RuleException;
import org.jptables.api.Target;
import org.jptables.api.TargetBuilder;
import org.jptables.api.Verdict;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestContext;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected texts are iptables-legacy 1.8.9's answers (see recorded.tsv for whole rules). */
class CtTest {
    private static CtTarget ct(TestContext context, String... optionsAndArgs) throws RuleException {
        TargetBuilder b = new CtExtension().newBuilder(context);
        for (int i = 0; i < optionsAndArgs.length; i++) {
            String o = optionsAndArgs[i];
            if (o.equals("--notrack")) {
                b.option(o, List.of(), false);
            } else {
                b.option(o, List.of(optionsAndArgs[++i]), false);
            }
        }
        return (CtTarget) b.build();
    }

    private static String help(String resource) throws Exception {
        try (InputStream in = CtTest.class.getResourceAsStream(resource)) {
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void helpIsIptablesText() throws Exception {
        assertEquals(help("/help-CT.txt"), new CtExtension().help());
        assertEquals(help("/help-NOTRACK.txt"), new NotrackExtension().help());
    }

    @Test
    void namesAndRevision() {
        assertEquals("CT", new CtExtension().name());
        assertEquals("CT", new CtExtension().kernelName());
        assertEquals(2, new CtExtension().revision());
        assertEquals("NOTRACK", new NotrackExtension().name());
        assertEquals("CT", new NotrackExtension().kernelName());
        assertTrue(new NotrackExtension().options().isEmpty());
    }

    @Test
    void notrackUntracksAndContinues() throws RuleException {
        for (Target t : List.of(ct(TestContext.of("raw", "PREROUTING"), "--notrack"), CtTarget.notrackAlias())) {
            PacketView p = TestPackets.udp("192.0.2.1", 5000, "198.51.100.2", 53).view();
            assertEquals(Verdict.CONTINUE, t.apply(p));
            assertEquals(ConnState.UNTRACKED, p.ctState());
            assertFalse(t.needsConnectionTracking(), "xt_CT skips nf_ct_netns_get for notrack");
        }
    }

    @Test
    void otherOptionsOnlyContinueAndNeedConntrack() throws RuleException {
        CtTarget t = ct(TestContext.of("raw", "PREROUTING").withProtocol(6), "--zone", "5", "--helper", "ftp",
                "--ctevents", "new", "--expevents", "new");
        PacketView p = TestPackets.tcp("192.0.2.1", 5000, "198.51.100.2", 21).view();
        int before = p.ctState();
        assertEquals(Verdict.CONTINUE, t.apply(p));
        assertEquals(before, p.ctState());
        assertTrue(t.needsConnectionTracking());
        assertTrue(ct(TestContext.of("raw", "OUTPUT")).needsConnectionTracking());
    }

    @Test
    void theHelperIsResolvedAtLoadTimeForTheRulesProtocol() throws RuleException {
        assertEquals(ConntrackHelpers.FTP,
                ct(TestContext.of("raw", "PREROUTING").withProtocol(6), "--helper", "ftp").helperId());
        assertEquals(ConntrackHelpers.TFTP,
                ct(TestContext.of("raw", "OUTPUT").withProtocol(17), "--helper", "tftp").helperId());
        assertEquals(ConntrackHelpers.NONE, ct(TestContext.of("raw", "PREROUTING").withProtocol(6)).helperId());
        RuleException e = org.junit.jupiter.api.Assertions.assertThrows(RuleException.class,
                () -> ct(TestContext.of("raw", "PREROUTING").withProtocol(17), "--helper", "ftp"));
        assertEquals(CtBuilder.NO_SUCH_NAME, e.getMessage().strip());
    }

    @Test
    void theTemplateCarriesZoneAndHelperForTheConnectionToBe() throws RuleException {
        PacketView p = TestPackets.tcp("192.0.2.1", 5000, "198.51.100.2", 21).view();
        ct(TestContext.of("raw", "PREROUTING").withProtocol(6), "--helper", "ftp", "--zone", "4").apply(p);
        assertEquals(ConntrackHelpers.FTP, p.template().helper());
        assertEquals(4, p.zoneId());
    }

    @Test
    void theFirstCtOrNotrackAPacketMeetsIsTheOneThatCounts() throws RuleException {
        TestContext tcp = TestContext.of("raw", "PREROUTING").withProtocol(6);
        PacketView p = TestPackets.tcp("192.0.2.1", 5000, "198.51.100.2", 21).view();
        ct(tcp, "--helper", "ftp").apply(p);
        ct(tcp, "--zone", "7").apply(p);
        CtTarget.notrackAlias().apply(p);
        assertEquals(ConntrackHelpers.FTP, p.template().helper());
        assertEquals(0, p.zoneId());
        assertFalse((p.ctState() & ConnState.UNTRACKED) != 0, "NOTRACK after CT: still tracked");

        PacketView q = TestPackets.tcp("192.0.2.1", 5000, "198.51.100.2", 21).view();
        ct(tcp, "--notrack").apply(q);
        ct(tcp, "--helper", "ftp", "--zone", "3").apply(q);
        assertEquals(ConnState.UNTRACKED, q.ctState());
        assertEquals(ConntrackHelpers.NONE, q.template().helper());
        assertEquals(0, q.zoneId());

        PacketView plain = TestPackets.tcp("192.0.2.1", 5000, "198.51.100.2", 21).view();
        ct(tcp, "--ctevents", "new").apply(plain);
        ct(tcp, "--helper", "ftp").apply(plain);
        assertEquals(ConntrackHelpers.NONE, plain.template().helper(), "a CT with no acting option is a template too");
    }

    @Test
    void placementIsRawPreroutingAndOutput() {
        for (Placement p : List.of(new CtExtension().placement(), new NotrackExtension().placement())) {
            for (Hook h : Hook.values()) {
                boolean ok = h == Hook.PREROUTING || h == Hook.OUTPUT;
                assertEquals(ok, p.allows("raw", h), h.name());
                for (String table : List.of("filter", "mangle", "nat", "security")) {
                    assertFalse(p.allows(table, h));
                }
            }
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "--zone|mark|--zone-orig|5| CT zone-orig mark",
        "--zone-orig|2|--zone-reply|3| CT zone 3",
        "--zone|3|--zone-reply|0| CT",
        "--ctevents|secmark,new,reply|--expevents|new| CT ctevents new,reply,secmark expevents new",
        "--helper|abcdefghijklmnopq|--notrack|| CT notrack helper abcdefghijklmno",
        "--timeout|abcdefgh|--notrack|| CT notrack timeout abcd",
    })
    void optionsCombineAsLibxtCt(String o1, String a1, String o2, String a2, String printed) throws RuleException {
        CtTarget t = o2.equals("--notrack") ? ct(TestContext.of("raw", "PREROUTING"), o1, a1, o2)
                : ct(TestContext.of("raw", "PREROUTING"), o1, a1, o2, a2);
        StringBuilder out = new StringBuilder();
        t.print(out, null);
        assertEquals(printed, out.toString().strip());
        StringBuilder saved = new StringBuilder();
        t.save(saved);
        assertEquals(printed.replaceFirst("^CT", "").replaceAll(" (notrack|helper|timeout|ctevents|expevents|zone)",
                " --$1"), saved.toString());
    }

    @ParameterizedTest
    @CsvSource({"0,0", "65535,65535", "0x10,16", "010,8", "' 7',7", "+7,7", "00,0"})
    void zoneNumbersAreStrtoul(String arg, int zone) throws RuleException {
        assertEquals(zone, ct(TestContext.of("raw", "PREROUTING"), "--zone", arg).zone());
    }

    @ParameterizedTest
    @CsvSource({"65536", "-1", "7x", "''", "0x", "1.5", "' mark'", "abc"})
    void badZones(String arg) {
        RuleException e = org.junit.jupiter.api.Assertions.assertThrows(RuleException.class,
                () -> ct(TestContext.of("raw", "PREROUTING"), "--zone", arg));
        assertEquals("Cannot parse " + arg + " as a zone ID", e.getMessage());
        assertFalse(e.isKernelRefusal());
    }

    @Test
    void wholeRules() {
        RuleTester raw = RuleTester.of("raw", "PREROUTING");
        PacketView dns = TestPackets.udp("192.0.2.1", 5000, "198.51.100.2", 53).view();
        assertEquals("ACCEPT", raw.verdictName("-p udp --dport 53 -j CT --notrack", dns));
        assertEquals(ConnState.UNTRACKED, dns.ctState());
        PacketView other = TestPackets.udp("192.0.2.1", 5000, "198.51.100.2", 54).view();
        int before = other.ctState();
        assertEquals("ACCEPT", raw.verdictName("-p udp --dport 53 -j NOTRACK", other));
        assertEquals(before, other.ctState());
        assertEquals("CT: option \"--zone\" can only be used once.", raw.error("-j CT --zone 1 --zone 2"));
        assertEquals("unknown option \"--zone\"", raw.error("-j NOTRACK --zone 1"));
    }

    @Test
    void listedTargetColumnOfNotrackIsCt() {
        RuleTester raw = RuleTester.of("raw", "PREROUTING");
        String listed = raw.listed("-j NOTRACK", true);
        assertTrue(listed.lines().reduce((a, b) -> b).orElseThrow().startsWith("CT "), listed);
        assertEquals("-A PREROUTING -j NOTRACK", raw.saved("-j NOTRACK"));
    }
}
