package org.jptables.plugins.cpu;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.RuleTester;
import org.junit.jupiter.api.Test;

/** What -m cpu does to packets: the packet's CPU (0 unless set) against the rule's number. */
class CpuTest {
    private final RuleTester filter = RuleTester.filter();

    /** A minimal IPv4 packet handled on {@code cpu}. */
    static PacketView packet(int cpu) {
        byte[] p = new byte[20];
        p[0] = 0x45;
        p[3] = 20;
        p[8] = 64;
        p[9] = 6;
        p[12] = 10;
        p[15] = 1;
        p[16] = 10;
        p[19] = 2;
        return new PacketView().wrap(p).cpu(cpu);
    }

    @Test
    void theCpuDefaultsToZero() {
        PacketView p = new PacketView().wrap(packet(0).bytes());
        assertTrue(filter.matches("-m cpu --cpu 0", p));
        assertFalse(filter.matches("-m cpu --cpu 1", p));
        assertFalse(filter.matches("-m cpu ! --cpu 0", p));
        assertTrue(filter.matches("-m cpu ! --cpu 1", p));
    }

    @Test
    void otherCpus() {
        assertTrue(filter.matches("-m cpu --cpu 3", packet(3)));
        assertFalse(filter.matches("-m cpu --cpu 3", packet(2)));
        assertTrue(filter.matches("-m cpu ! --cpu 3", packet(2)));
        assertFalse(filter.matches("-m cpu --cpu 4294967295", packet(0)));
        assertTrue(filter.matches("-m cpu ! --cpu 4294967295", packet(0)));
        assertEquals("ACCEPT", filter.verdictName("-m cpu --cpu 0x10 -j ACCEPT", packet(16)));
    }

    @Test
    void helpIsIptables() throws Exception {
        try (InputStream in = CpuTest.class.getResourceAsStream("/help-cpu.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), new CpuExtension().help());
        }
    }
}
