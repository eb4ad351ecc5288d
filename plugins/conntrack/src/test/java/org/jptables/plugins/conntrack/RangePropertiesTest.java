package org.jptables.plugins.conntrack;

import static org.junit.jupiter.api.Assertions.assertEquals;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.jptables.api.RuleException;

class RangePropertiesTest {
    @Property
    void portRangesSaveAsIptables(@ForAll @IntRange(min = 0, max = 65535) int low,
                                  @ForAll @IntRange(min = 0, max = 65535) int high) throws RuleException {
        PortRange r = PortRange.parse("--ctorigdstport", low + ":" + high, null);
        StringBuilder sb = new StringBuilder();
        r.format(sb);
        String expected = high == 0 || high == low ? Integer.toString(low) : low + ":" + high;
        assertEquals(expected, sb.toString());
        for (int p : new int[] {low, high, (low + high) / 2, 0, 65535}) {
            assertEquals(p >= low && p <= high, r.contains(p));
        }
    }

    @Property
    void prefixMasksRoundTrip(@ForAll int address, @ForAll @IntRange(min = 0, max = 32) int prefix)
            throws RuleException {
        String text = org.jptables.api.Addresses.format(address) + "/" + prefix;
        HostMask m = HostMask.parse("--ctorigsrc", text, null);
        StringBuilder sb = new StringBuilder();
        m.save(sb);
        assertEquals(" " + (prefix == 32 ? org.jptables.api.Addresses.format(address) : text), sb.toString());
        int mask = prefix == 0 ? 0 : -1 << (32 - prefix);
        assertEquals(true, m.matches(address));
        assertEquals(prefix == 0, m.matches(address ^ 0x80000000));
        assertEquals((mask & 1) == 0, m.matches(address ^ 1));
    }

    @Property
    void dottedMasksAreReadAsTheirPrefixOrAsHost(@ForAll int mask) throws RuleException {
        HostMask m = HostMask.parse("--ctorigsrc", "10.0.0.1/" + org.jptables.api.Addresses.format(mask), null);
        boolean prefix = mask == 0 || (~mask & (~mask + 1)) == 0;
        assertEquals(prefix ? mask : -1, m.mask());
    }
}
