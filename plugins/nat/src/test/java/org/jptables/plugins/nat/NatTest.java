package org.jptables.plugins.nat;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.jptables.api.Addresses;
import org.jptables.api.Effects;
import org.jptables.api.Hook;
import org.jptables.api.ListingFormat;
import org.jptables.api.Placement;
import org.jptables.api.RuleException;
import org.jptables.api.TargetBuilder;
import org.jptables.api.TargetExtension;
import org.jptables.api.Verdict;
import org.jptables.kernel.packet.PacketEffects;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.TestContext;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Expected texts are iptables-legacy 1.8.9's answers for the same rules. */
class NatTest {
    private static TargetExtension extension(NatKind kind) {
        return switch (kind) {
            case DNAT -> new DnatExtension();
            case SNAT -> new SnatExtension();
            case MASQUERADE -> new MasqueradeExtension();
            case REDIRECT -> new RedirectExtension();
        };
    }

    /** A target of {@code kind} in a rule of {@code -p protocol} (0: none) from option words. */
    private static NatTarget target(NatKind kind, int protocol, String... words) throws RuleException {
        TestContext context = TestContext.of("nat", "PREROUTING");
        if (protocol != 0) {
            context.withProtocol(protocol);
        }
        TargetBuilder b = extension(kind).newBuilder(context);
        for (int i = 0; i < words.length; i++) {
            if (words[i].startsWith("--to-")) {
                b.option(words[i], List.of(words[++i]), false);
            } else {
                b.option(words[i], List.of(), false);
            }
        }
        return (NatTarget) b.build();
    }

    private static String error(NatKind kind, int protocol, String... words) {
        return assertThrows(RuleException.class, () -> target(kind, protocol, words)).getMessage();
    }

    private static String printed(NatTarget t) {
        StringBuilder sb = new StringBuilder();
        t.print(sb, new ListingFormat(false, null));
        return sb.toString();
    }

    private static String saved(NatTarget t) {
        StringBuilder sb = new StringBuilder();
        t.save(sb);
        return sb.toString();
    }

    @Test
    void dnatRangeAccessors() throws RuleException {
        NatTarget t = target(NatKind.DNAT, 6, "--to-destination", "1.1.1.1-1.1.1.10:1025-65535", "--random",
                "--persistent");
        NatRange r = t.range();
        assertEquals(Addresses.parse("1.1.1.1"), r.minAddress());
        assertEquals(Addresses.parse("1.1.1.10"), r.maxAddress());
        assertEquals(1025, r.minPort());
        assertEquals(65535, r.maxPort());
        assertTrue(r.mapsAddresses());
        assertTrue(r.mapsPorts());
        assertEquals(Effects.NAT_MAP_IPS | Effects.NAT_PROTO_SPECIFIED | Effects.NAT_RANDOM | Effects.NAT_PERSISTENT,
                r.flags());
        assertEquals(" to:1.1.1.1-1.1.1.10:1025-65535 random persistent", printed(t));
        assertEquals(" --to-destination 1.1.1.1-1.1.1.10:1025-65535 --random --persistent", saved(t));
        assertEquals(NatKind.DNAT, t.kind());
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', ignoreLeadingAndTrailingWhitespace = false, value = {
        "DNAT|6|198.18.1.2:80| to:198.18.1.2:80| --to-destination 198.18.1.2:80",
        "DNAT|6|:80| to::80| --to-destination :80",
        "DNAT|6|1.1.1.1:80-80| to:1.1.1.1:80| --to-destination 1.1.1.1:80",
        "DNAT|6|1.1.1.1:1000-2000/3000| to:1.1.1.1:1000-2000/3000| --to-destination 1.1.1.1:1000-2000/3000",
        "DNAT|6|1.1.1.1:10-20/ftp| to:1.1.1.1:10-20/21| --to-destination 1.1.1.1:10-20/21",
        "DNAT|6|1.1.1.1:10-20/5x| to:1.1.1.1:10-20/5| --to-destination 1.1.1.1:10-20/5",
        "DNAT|6|1.1.1.1:ssh| to:1.1.1.1:22| --to-destination 1.1.1.1:22",
        "DNAT|6|1.1.1.1:0x50| to:1.1.1.1:80| --to-destination 1.1.1.1:80",
        "DNAT|6|1.1.1.1:+10-+20| to:1.1.1.1:10-20| --to-destination 1.1.1.1:10-20",
        "DNAT|0|1.1.1.10-1.1.1.1| to:1.1.1.10-1.1.1.1| --to-destination 1.1.1.10-1.1.1.1",
        "DNAT|1|1.1.1.1:10| to:1.1.1.1:10| --to-destination 1.1.1.1:10",
        "SNAT|17|10.0.0.1-10.0.0.9:1000-2000| to:10.0.0.1-10.0.0.9:1000-2000| --to-source 10.0.0.1-10.0.0.9:1000-2000",
        "SNAT|6|1.1.1.1:10-20/5| to:1.1.1.1:10-20/0| --to-source 1.1.1.1:10-20/0",
        "SNAT|6|:80| to::80| --to-source :80",
        "MASQUERADE|6|20000-30000| masq ports: 20000-30000| --to-ports 20000-30000",
        "MASQUERADE|132|1000-2000/5| masq ports: 1000-2000/0| --to-ports 1000-2000/0",
        "REDIRECT|6|8118| redir ports 8118| --to-ports 8118",
        "REDIRECT|17|0-0| redir ports 0| --to-ports 0",
        "REDIRECT|33|ftp-data| redir ports 20| --to-ports 20",
    })
    void rangesAsIptablesShowsThem(NatKind kind, int protocol, String arg, String listed, String savedForm)
            throws RuleException {
        NatTarget t = target(kind, protocol, kind.rangeOption(), arg);
        assertEquals(listed, printed(t));
        assertEquals(savedForm, saved(t));
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
        "DNAT|0|1.1.1.1:1025-65535|Need TCP, UDP, SCTP or DCCP with port specification",
        "DNAT|47|1.1.1.1:10|Need TCP, UDP, SCTP or DCCP with port specification",
        "DNAT|0|1.1.1.1:|Need TCP, UDP, SCTP or DCCP with port specification",
        "DNAT|6|1.1.1.1:|Port `' not valid",
        "DNAT|6|1.1.1.1-1.1.1.10:1025-65536|Port `65536' not valid",
        "DNAT|6|1.1.1.1:1000-2000/0|Port `0' not valid",
        "DNAT|6|1.1.1.1:1000-2000/65536|Port `65536' not valid",
        "DNAT|6|1.1.1.1:echo-ssh|Port `echo-ssh' not valid",
        "DNAT|6|1.1.1.1:2000-1000|Port range `1000' funky",
        "DNAT|6|1.1.1.1:10x|Garbage after port value: `x'",
        "DNAT|6|1.1.1.1:10-20x|Garbage after port range: `x'",
        "DNAT|6|1.1.1.1:10/5|Garbage after port value: `/5'",
        "DNAT|6|1.1.1.1:10:20|Bad IP address \"1.1.1.1:10:20\"",
        "DNAT|6|1.1.1.1:-5|Port `-5' not valid",
        "DNAT|6|1.1.1.1:10-|Port `' not valid",
        "DNAT|6|1.1.1.1:10-ssh|Port `ssh' not valid",
        "DNAT|0|1.1.1|Bad IP address \"1.1.1\"",
        "DNAT|0|01.1.1.1|Bad IP address \"01.1.1.1\"",
        "DNAT|0|1.1.1.256|Bad IP address \"1.1.1.256\"",
        "DNAT|0|localhost|Bad IP address \"localhost\"",
        "DNAT|0|''|Bad IP address \"\"",
        "DNAT|6|1.1.1.1-:10|Bad IP address \"\"",
        "DNAT|0|1.1.1.1-1.1.1.2-1.1.1.3|Bad IP address \"1.1.1.2-1.1.1.3\"",
        "DNAT|0|[1.1.1.1]:80|Invalid address format",
        // ports are read before addresses
        "DNAT|6|foo:99999|Port `99999' not valid",
        "MASQUERADE|6|1.1.1.1:80|Garbage after port value: `.1.1.1:80'",
        "MASQUERADE|6|10:20|Invalid port:port syntax - use dash",
        "MASQUERADE|0|1024|Need TCP, UDP, SCTP or DCCP with port specification",
        "REDIRECT|6|42-1234/567|Shifted portmap ranges not supported with this kernel",
        "REDIRECT|6|ftp-ssh|Port `ftp-ssh' not valid",
    })
    void refusedRanges(NatKind kind, int protocol, String arg, String message) {
        assertEquals(message, error(kind, protocol, kind.rangeOption(), arg));
    }

    @Test
    void flagsWithoutRange() throws RuleException {
        NatTarget m = target(NatKind.MASQUERADE, 0, "--random-fully", "--random");
        assertEquals(" random random-fully", printed(m));
        assertEquals(" --random --random-fully", saved(m));
        assertFalse(m.range().mapsPorts());
        NatTarget r = target(NatKind.REDIRECT, 0);
        assertEquals("", printed(r));
        assertEquals("", saved(r));
        NatTarget s = target(NatKind.SNAT, 0, "--to-source", "1.1.1.1", "--persistent", "--random-fully", "--random");
        assertEquals(" --to-source 1.1.1.1 --random --random-fully --persistent", saved(s));
        assertEquals(" to:1.1.1.1 random random-fully persistent", printed(s));
    }

    @Test
    void optionsPerTarget() {
        assertEquals(List.of("--to-destination", "--random", "--persistent"), names(NatKind.DNAT));
        assertEquals(List.of("--to-source", "--random", "--random-fully", "--persistent"), names(NatKind.SNAT));
        assertEquals(List.of("--to-ports", "--random", "--random-fully"), names(NatKind.MASQUERADE));
        assertEquals(List.of("--to-ports", "--random"), names(NatKind.REDIRECT));
        assertTrue(new DnatExtension().options().get(0).required());
        assertTrue(new SnatExtension().options().get(0).required());
        assertFalse(new MasqueradeExtension().options().get(0).required());
        assertFalse(new RedirectExtension().options().get(0).required());
        assertEquals(2, new DnatExtension().revision());
    }

    private static List<String> names(NatKind kind) {
        List<String> all = new ArrayList<>();
        extension(kind).options().forEach(o -> all.add(o.name()));
        return all;
    }

    @Test
    void placements() {
        assertPlacement(new DnatExtension().placement(), Hook.PREROUTING, Hook.OUTPUT);
        assertPlacement(new SnatExtension().placement(), Hook.POSTROUTING, Hook.INPUT);
        assertPlacement(new MasqueradeExtension().placement(), Hook.POSTROUTING);
        assertPlacement(new RedirectExtension().placement(), Hook.PREROUTING, Hook.OUTPUT);
    }

    private static void assertPlacement(Placement p, Hook... allowed) {
        List<Hook> ok = List.of(allowed);
        for (Hook h : Hook.values()) {
            assertEquals(ok.contains(h), p.allows("nat", h), h.name());
            assertFalse(p.allows("filter", h));
            assertFalse(p.allows("mangle", h));
        }
    }

    @Test
    void applyBindsAndAccepts() throws RuleException {
        int[] seen = new int[7];
        PacketView p = TestPackets.tcp("192.0.2.1", 5000, "198.51.100.2", 80).view();
        p.effects(new PacketEffects() {
            @Override
            public void reject(PacketView packet, int icmpCode) {
            }

            @Override
            public void log(PacketView packet, int level, String prefix, int flags) {
            }

            @Override
            public void nat(PacketView packet, int kind, int minAddress, int maxAddress, int minPort, int maxPort,
                            int flags) {
                seen[0]++;
                seen[1] = kind;
                seen[2] = minAddress;
                seen[3] = maxAddress;
                seen[4] = minPort;
                seen[5] = maxPort;
                seen[6] = flags;
            }
        });
        NatTarget t = target(NatKind.DNAT, 6, "--to-destination", "10.0.0.1-10.0.0.2:8080-8081/9000", "--random");
        assertEquals(Verdict.ACCEPT, t.apply(p));
        assertEquals(1, seen[0]);
        assertEquals(Effects.DNAT, seen[1]);
        assertEquals(Addresses.parse("10.0.0.1"), seen[2]);
        assertEquals(Addresses.parse("10.0.0.2"), seen[3]);
        assertEquals(8080, seen[4]);
        assertEquals(8081, seen[5]);
        // the shift is not one of the bits Packet.nat knows
        assertEquals(Effects.NAT_MAP_IPS | Effects.NAT_PROTO_SPECIFIED | Effects.NAT_RANDOM, seen[6]);
        assertEquals(9000, t.range().basePort());
        assertEquals(Verdict.ACCEPT, target(NatKind.MASQUERADE, 0).apply(p));
        assertEquals(Effects.MASQUERADE, seen[1]);
        p.effects(PacketEffects.NONE);
    }

    @Property
    void everyOrderedPortRangeIsKept(@ForAll @IntRange(max = 65535) int a, @ForAll @IntRange(max = 65535) int b)
            throws RuleException {
        int lo = Math.min(a, b);
        int hi = Math.max(a, b);
        NatTarget t = target(NatKind.MASQUERADE, 17, "--to-ports", lo + "-" + hi);
        assertEquals(lo, t.range().minPort());
        assertEquals(hi, t.range().maxPort());
        assertEquals(lo == hi ? " --to-ports " + lo : " --to-ports " + lo + "-" + hi, saved(t));
    }

    @Property
    void reversedPortRangesAreFunky(@ForAll @IntRange(max = 65535) int a, @ForAll @IntRange(max = 65535) int b) {
        Assume.that(a > b);
        assertEquals("Port range `" + b + "' funky", error(NatKind.REDIRECT, 6, "--to-ports", a + "-" + b));
    }

    @Property
    void addressRangesRoundTrip(@ForAll int min, @ForAll int max) throws RuleException {
        String arg = Addresses.format(min) + "-" + Addresses.format(max);
        NatTarget t = target(NatKind.SNAT, 0, "--to-source", arg);
        assertEquals(min, t.range().minAddress());
        assertEquals(max, t.range().maxAddress());
        assertEquals(" --to-source " + (min == max ? Addresses.format(min) : arg), saved(t));
    }

    @Test
    void helpTexts() throws Exception {
        for (NatKind kind : NatKind.values()) {
            try (InputStream in = NatTest.class.getResourceAsStream("/help-" + kind.name() + ".txt")) {
                assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), extension(kind).help());
            }
            assertEquals(kind.name(), extension(kind).name());
        }
    }
}
