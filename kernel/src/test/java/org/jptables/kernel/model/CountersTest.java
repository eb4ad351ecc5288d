package org.jptables.kernel.model;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** A pair bound to a compiled table's code keeps its values and is counted there, past 32 bits. */
class CountersTest {
    @Test
    void aBoundPairKeepsItsValuesAndCountsInTheCode() {
        Counters counters = new Counters(5, 300);
        int[] code = new int[8];
        counters.bind(code, 2);
        assertEquals(5, counters.packets());
        assertEquals(300, counters.bytes());

        Counters.add(code, 2, 60); // the compiled walk
        counters.add(40);          // the linear walk
        assertEquals(7, counters.packets());
        assertEquals(400, counters.bytes());
        assertEquals(0, code[0] | code[1] | code[6] | code[7], "nothing written outside the pair");

        int[] next = new int[4];
        counters.bind(next, 0); // the table compiled again
        Counters.add(next, 0, 1);
        assertEquals(8, counters.packets());
        assertEquals(401, counters.bytes());
    }

    @Test
    void countsCarryPastThirtyTwoBits() {
        Counters counters = new Counters(0xFFFF_FFFFL, 0x7FFF_FFFF_FFFFL);
        int[] code = new int[4];
        counters.bind(code, 0);
        Counters.add(code, 0, 1500);
        assertEquals(0x1_0000_0000L, counters.packets());
        assertEquals(0x7FFF_FFFF_FFFFL + 1500, counters.bytes());
        counters.zero();
        assertEquals(0, counters.packets());
        assertEquals(0, counters.bytes());
        counters.set(-1L, Long.MIN_VALUE);
        assertEquals(-1L, counters.packets(), "the full unsigned 64 bits, as the kernel's u64");
        assertEquals(Long.MIN_VALUE, counters.bytes());
    }
}
