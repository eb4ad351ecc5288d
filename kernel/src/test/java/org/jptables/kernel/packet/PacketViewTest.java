package org.jptables.kernel.packet;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.lang.management.ManagementFactory;
import java.lang.reflect.InvocationHandler;
import java.lang.reflect.Proxy;
import org.jptables.api.Packet;
import org.junit.jupiter.api.Test;

import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import net.jqwik.api.constraints.Size;

/** The IPv4 header fields as {@link Packet} names them, read by the kernel's view. */
class PacketViewTest {
    private static byte[] tcp(Ipv4Builder b) {
        return b.source("192.0.2.1").destination("198.18.0.1").protocol(Ipv4Builder.TCP).build();
    }

    /** Offsets near Integer.MAX_VALUE (a BPF or u32 offset from the packet) overflowed "at + 4". */
    @Test
    void readsFarPastTheEndAreOutsideNotOverflows() {
        PacketView p = new PacketView().wrap(tcp(new Ipv4Builder()));
        for (int at : new int[] {Integer.MAX_VALUE, Integer.MAX_VALUE - 1, Integer.MAX_VALUE - 3, p.length() - 1}) {
            assertEquals(-1, p.u32(at), "u32 at " + at);
            assertEquals(-1, p.u16(at + (at == p.length() - 1 ? 0 : 1)), "u16 at " + at);
            assertFalse(p.setU16(at, 0), "setU16 at " + at);
        }
        assertEquals(-1, p.u8(Integer.MAX_VALUE));
    }

    @Test
    void readsTheHeaderFields() {
        PacketView p = new PacketView().wrap(tcp(new Ipv4Builder().id(0xBEEF).tos(0xB8).ttl(17).dontFragment(true)
                .payloadLength(12)));
        assertEquals(0xBEEF, p.identification());
        assertTrue(p.dontFragment());
        assertFalse(p.moreFragments());
        assertEquals(0, p.fragmentOffset());
        assertEquals(20, p.headerLength());
        assertEquals(20 + 20 + 12, p.totalLength());
        assertEquals(0xB8, p.tos());
        assertEquals(17, p.ttl());
        assertEquals(6, p.protocol());
        assertEquals(0xC0000201, p.source());
        assertEquals(0xC6120001, p.destination());
    }

    @Test
    void readsAFragmentsFlagsAndOffset() {
        PacketView middle = new PacketView().wrap(tcp(new Ipv4Builder().id(7).moreFragments(true).fragmentOffset(185)
                .payloadLength(8)));
        assertEquals(7, middle.identification());
        assertTrue(middle.moreFragments());
        assertFalse(middle.dontFragment());
        assertEquals(185, middle.fragmentOffset());
        PacketView last = new PacketView().wrap(tcp(new Ipv4Builder().fragmentOffset(370).payloadLength(8)));
        assertFalse(last.moreFragments());
        assertEquals(370, last.fragmentOffset());
    }

    @Test
    void readsRelativeToTheOffsetOfTheWrap() {
        byte[] packet = tcp(new Ipv4Builder().id(0x0102).dontFragment(true));
        byte[] frame = new byte[14 + packet.length];
        System.arraycopy(packet, 0, frame, 14, packet.length);
        PacketView p = new PacketView().wrap(frame, 14, packet.length);
        assertEquals(0x0102, p.identification());
        assertTrue(p.dontFragment());
    }

    @Test
    void aTruncatedHeaderHasNoIdentificationAndNoFlags() {
        byte[] packet = tcp(new Ipv4Builder().id(0xFFFF).dontFragment(true).moreFragments(true));
        PacketView p = new PacketView();
        p.wrap(packet, 0, 5);
        assertEquals(-1, p.identification());
        p.wrap(packet, 0, 6);
        assertEquals(0xFFFF, p.identification());
        p.wrap(packet, 0, 7);
        assertFalse(p.dontFragment());
        assertFalse(p.moreFragments());
        p.wrap(packet, 0, 8);
        assertTrue(p.dontFragment());
        assertTrue(p.moreFragments());
    }

    /**
     * A packet that has only the view's length and reads: every other method of {@link Packet} it is
     * asked for runs the interface's default, as for a {@code Packet} implemented outside the kernel.
     */
    private static Packet defaultsOver(PacketView view) {
        return (Packet) Proxy.newProxyInstance(Packet.class.getClassLoader(), new Class<?>[] {Packet.class},
                (proxy, method, args) -> switch (method.getName()) {
                    case "length", "u8", "u16", "u32" -> method.invoke(view, args);
                    default -> {
                        if (!method.isDefault()) {
                            throw new UnsupportedOperationException(method.getName());
                        }
                        yield InvocationHandler.invokeDefault(proxy, method, args);
                    }
                });
    }

    @Property(tries = 300)
    void theViewAgreesWithTheInterfacesDefaults(@ForAll @Size(max = 24) byte[] bytes,
                                                      @ForAll @IntRange(max = 4) int start) {
        int offset = Math.min(start, bytes.length);
        PacketView p = new PacketView().wrap(bytes, offset, bytes.length - offset);
        Packet defaults = defaultsOver(p);
        assertEquals(defaults.identification(), p.identification());
        assertEquals(defaults.dontFragment(), p.dontFragment());
        assertEquals(defaults.moreFragments(), p.moreFragments());
        assertEquals(p.u16(4), p.identification());
        int flags = p.u16(6);
        assertEquals(flags < 0 ? 0 : flags & 0x1FFF, p.fragmentOffset());
    }

    @Test
    void readingTheFieldsAllocatesNothing() {
        PacketView p = new PacketView().wrap(tcp(new Ipv4Builder().id(0x4242).dontFragment(true)));
        var threads = (com.sun.management.ThreadMXBean) ManagementFactory.getThreadMXBean();
        long sum = 0;
        for (int round = 0; round < 3; round++) {
            long before = threads.getCurrentThreadAllocatedBytes();
            for (int i = 0; i < 100_000; i++) {
                sum += p.identification() + (p.dontFragment() ? 1 : 0) + (p.moreFragments() ? 2 : 0)
                        + p.fragmentOffset();
            }
            long allocated = threads.getCurrentThreadAllocatedBytes() - before;
            if (round > 0) {
                assertTrue(allocated < 1024, "allocated " + allocated + " bytes for 100000 reads");
            }
        }
        assertEquals(3L * 100_000 * (0x4242 + 1), sum);
    }
}
