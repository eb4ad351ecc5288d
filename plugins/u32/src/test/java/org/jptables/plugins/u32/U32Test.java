package org.jptables.plugins.u32;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jptables.api.RuleException;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;

/** What -m u32 does to packets (xt_u32.c's u32_match_it) and how its argument reads and prints. */
class U32Test {
    private final RuleTester filter = RuleTester.filter();

    private boolean matches(String program, PacketView p) {
        return filter.matches("-m u32 --u32 \"" + program + "\"", p);
    }

    @Test
    void readsHeaderWords() {
        PacketView udp = TestPackets.udp("10.0.0.1", 1234, "10.0.0.2", 53).length(8).view();
        // version 4, protocol 17
        assertTrue(matches("0>>28=4", udp));
        assertTrue(matches("0 >> 28 = 4 && 8 & 0xFF0000 >> 16 = 6, 17", udp));
        assertFalse(matches("6&0xFF=1:3,6", udp));
        // the destination port through the header length: @ moves the base
        assertTrue(matches("0>>22&0x3C@0&0xFFFF=53", udp));
        assertTrue(matches("0>>22&0x3C@0>>16=1234", udp));
        assertFalse(matches("0>>22&0x3C@0>>16=1235", udp));
        assertTrue(filter.matches("-m u32 ! --u32 \"0>>22&0x3C@0>>16=1235\"", udp));
    }

    @Test
    void wordsPastTheEndFailWithoutDrop() {
        PacketView p = TestPackets.udp("10.0.0.1", 1234, "10.0.0.2", 53).view();
        int len = p.length();
        assertTrue(matches((len - 4) + "=0:0xffffffff", p));
        assertFalse(matches((len - 3) + "=0:0xffffffff", p));
        assertTrue(filter.matches("-m u32 ! --u32 \"" + (len - 3) + "=0:0xffffffff\"", p));
        assertFalse(p.hotdropped());
        // @ past the end, and an @ whose base wraps around 2^32
        assertFalse(matches("0@" + (len - 3) + "=0:0xffffffff", p));
        // the first word (0x45...) taken as an offset: far past the end
        assertFalse(matches("0@0=0:0xffffffff", p));
        PacketView tiny = new PacketView().wrap(new byte[3]);
        assertFalse(matches("0=0:0xffffffff", tiny));
    }

    @Test
    void shiftsOf32BitsOrMoreAreRefusedByTheKernel() {
        PacketView p = TestPackets.udp("10.0.0.1", 1234, "10.0.0.2", 53).view();
        assertTrue(matches("0<<31=0", p));
        for (String program : new String[] {"0<<32=0", "0>>32=0", "0<<0xffffffff=0", "0=0&&0&1>>33=0"}) {
            var f = filter.failure("-m u32 --u32 \"" + program + "\"");
            assertEquals(1, f.status(), program);
            assertEquals("Invalid argument. Run `dmesg' for more information.", f.message().strip(), program);
        }
    }

    @Test
    void parsesAndPrintsAsIptables() throws RuleException {
        StringBuilder sb = new StringBuilder();
        U32Program.parse("0 &  1 << 2 >> 3 @ 4=0xffffffff,5:6").print(sb);
        assertEquals(" \"0x0&0x1<<0x2>>0x3@0x4=0xffffffff,0x5:0x6\"", sb.toString());
        assertEquals("-A INPUT -m u32 ! --u32 \"0x0=0x0\"", filter.saved("-m u32 ! --u32 0=0"));
        assertTrue(filter.listed("-m u32 ! --u32 0=0", true).endsWith("0.0.0.0/0            u32 ! \"0x0=0x0\""));
    }

    @Provide
    Arbitrary<String> programs() {
        Arbitrary<String> number = Arbitraries.longs().between(0, 0xFFFFFFFFL).map(n -> n < 64 ? Long.toString(n)
                : "0x" + Long.toHexString(n));
        Arbitrary<String> op = Arbitraries.of("&", "<<", ">>", "@");
        Arbitrary<String> location = Combinators.combine(number, op.flatMap(o -> number.map(n -> o + n)).list()
                .ofMaxSize(9)).as((first, rest) -> first + String.join("", rest));
        Arbitrary<String> range = Combinators.combine(number, number, Arbitraries.of(true, false))
                .as((a, b, single) -> single ? a : a + ":" + b);
        Arbitrary<String> test = Combinators.combine(location, range.list().ofMinSize(1).ofMaxSize(10))
                .as((l, r) -> l + "=" + String.join(",", r));
        return test.list().ofMinSize(1).ofMaxSize(10).map(t -> String.join("&&", t));
    }

    /** What u32_dump prints, read again, is the same program: -S output restores as it was. */
    @Property(tries = 500)
    void printedProgramsReadBackTheSame(@ForAll("programs") String text) throws RuleException {
        U32Program p = U32Program.parse(text);
        StringBuilder once = new StringBuilder();
        p.print(once);
        String printed = once.substring(2, once.length() - 1);
        StringBuilder twice = new StringBuilder();
        U32Program.parse(printed).print(twice);
        assertEquals(once.toString(), twice.toString());
    }

    /** Any program runs on any bytes, short or long, without failing. */
    @Property(tries = 500)
    void runsOnAnyBytes(@ForAll("programs") String text,
                                      @ForAll byte[] bytes) throws RuleException {
        U32Program p = U32Program.parse(text);
        PacketView v = new PacketView().wrap(bytes);
        p.run(v);
        assertFalse(v.hotdropped());
    }

    @Test
    void helpIsIptables() throws Exception {
        try (InputStream in = U32Test.class.getResourceAsStream("/help-u32.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), new U32Extension().help());
        }
    }
}
