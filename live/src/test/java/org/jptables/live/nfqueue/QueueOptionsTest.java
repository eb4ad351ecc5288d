package org.jptables.live.nfqueue;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import org.junit.jupiter.api.Test;

class QueueOptionsTest {
    @Test
    void defaultsAreThoseOfTheCYardstick() {
        QueueOptions o = QueueOptions.of(3);
        assertEquals(3, o.queueNumber());
        assertEquals(0xFFFF, o.copyRange());
        assertEquals(65536, o.maxLength());
        assertEquals(64 << 20, o.receiveBufferBytes());
        assertEquals(0, o.receiveTimeoutMillis());
        assertEquals(32, o.receiveBatch());
        assertEquals(0, o.flags());
    }

    @Test
    void eachFlagHasItsBit() {
        assertEquals(QueueProtocol.NFQA_CFG_F_FAIL_OPEN, QueueOptions.of(0).withFailOpen(true).flags());
        assertEquals(QueueProtocol.NFQA_CFG_F_GSO, QueueOptions.of(0).withGso(true).flags());
        assertEquals(QueueProtocol.NFQA_CFG_F_CONNTRACK, QueueOptions.of(0).withConntrack(true).flags());
        assertEquals(QueueProtocol.NFQA_CFG_F_UID_GID, QueueOptions.of(0).withUidGid(true).flags());
        assertEquals(0b1111, QueueOptions.of(0).withFailOpen(true).withGso(true).withConntrack(true).withUidGid(true).flags());
        assertEquals(0b1111, QueueOptions.flagMask());
    }

    @Test
    void withersChangeOneValue() {
        QueueOptions o = QueueOptions.of(1).withCopyRange(128).withMaxLength(10).withReceiveBuffer(0).withReceiveTimeout(50);
        assertEquals(new QueueOptions(1, 128, 10, 0, 50, 32, false, false, false, false), o);
        assertEquals(4, o.withReceiveBatch(4).receiveBatch());
    }

    @Test
    void refusesValuesTheKernelWouldMisread() {
        assertEquals("queue number 65536: must be 0..65535",
                assertThrows(IllegalArgumentException.class, () -> QueueOptions.of(65536)).getMessage());
        assertEquals("queue 2: copy range 0 must be 1..65535 (65535 for whole packets)",
                assertThrows(IllegalArgumentException.class, () -> QueueOptions.of(2).withCopyRange(0)).getMessage());
        assertThrows(IllegalArgumentException.class, () -> QueueOptions.of(2).withMaxLength(0));
        assertThrows(IllegalArgumentException.class, () -> QueueOptions.of(2).withReceiveBuffer(-1));
        assertThrows(IllegalArgumentException.class, () -> QueueOptions.of(2).withReceiveTimeout(-1));
        assertEquals("queue 2: receive batch 0 must be 1..1024",
                assertThrows(IllegalArgumentException.class, () -> QueueOptions.of(2).withReceiveBatch(0)).getMessage());
    }
}
