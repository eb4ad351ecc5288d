package org.jptables.plugins.recent;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The primitive table against a plain LRU map: same members after any mix of operations. */
class RecentTableTest {
    @Property(tries = 300)
    void behavesAsAnLruMap(@ForAll @Size(max = 600) List<@IntRange(min = 0, max = 300) Integer> ops) {
        RecentTable table = new RecentTable(-1, 31);
        Map<Integer, Boolean> model = new LinkedHashMap<>(16, 0.75f, false);
        long now = 0;
        for (int op : ops) {
            int addr = 0x0A000000 | (op % 150);
            now++;
            int e = table.lookup(addr, 0);
            assertEquals(model.containsKey(addr), e >= 0);
            if (op >= 150) {
                if (e >= 0) {
                    table.remove(e);
                    model.remove(addr);
                }
            } else if (e >= 0) {
                table.update(e, 64, now);
                model.remove(addr);
                model.put(addr, true);
            } else {
                table.insert(addr, 64, now);
                if (model.size() >= RecentTable.CAPACITY) {
                    model.remove(model.keySet().iterator().next());
                }
                model.put(addr, true);
            }
            assertEquals(model.size(), table.entries());
        }
        for (int i = 0; i < 150; i++) {
            int addr = 0x0A000000 | i;
            assertEquals(model.containsKey(addr), table.lookup(addr, 0) >= 0);
        }
    }
}
