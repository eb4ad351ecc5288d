package org.jptables.live.nfqueue;

/**
 * How {@link NfQueue#open} binds and configures one nfnetlink queue. Immutable: start from
 * {@link #of(int)} (the defaults of the C yardstick: whole packets, 65536 queued, a 64 MiB socket
 * buffer) and change what differs with the {@code with...} methods.
 *
 * <p>No option for NFQA_CFG_F_SECCTX: the daemon decides on addresses, ports and marks, not on
 * security labels, and the label would cost a string per packet.
 *
 * @param queueNumber the queue (0..65535) that rules name with {@code -j NFQUEUE --queue-num}
 * @param copyRange bytes of each packet copied to user space (NFQA_CFG_PARAMS with
 *     NFQNL_COPY_PACKET); the kernel copies at most {@link QueueProtocol#MAX_COPY_RANGE}
 * @param maxLength packets the kernel holds waiting for a verdict (NFQA_CFG_QUEUE_MAXLEN); beyond
 *     it new packets are dropped, or accepted with {@code failOpen}
 * @param receiveBufferBytes the socket's receive buffer (SO_RCVBUFFORCE, SO_RCVBUF if refused);
 *     0 leaves the system's default
 * @param receiveTimeoutMillis how long a waiting {@link NfQueue#receive} blocks before it returns 0
 *     (SO_RCVTIMEO), so that a reader thread can notice a stop request; 0 blocks until a packet
 * @param receiveBatch how many datagrams (packets) one system call may read when several are
 *     waiting (recvmmsg); each has a buffer of its own of about the copy range, so this bounds the
 *     memory too. 1 reads one at a time
 * @param failOpen NFQA_CFG_F_FAIL_OPEN: when the queue or the socket is full, the kernel accepts
 *     packets instead of dropping them
 * @param gso NFQA_CFG_F_GSO: the kernel may queue GSO packets whole (larger than the MTU, checksum
 *     possibly not filled in, see {@link QueuedPacket#skbInfo()}) instead of segmenting them first
 * @param conntrack NFQA_CFG_F_CONNTRACK: packets carry their conntrack state (NFQA_CT_INFO)
 * @param uidGid NFQA_CFG_F_UID_GID: packets of a local socket carry its owner's uid and gid
 */
public record QueueOptions(int queueNumber, int copyRange, int maxLength, int receiveBufferBytes, long receiveTimeoutMillis,
                           int receiveBatch, boolean failOpen, boolean gso, boolean conntrack, boolean uidGid) {
    public static final int DEFAULT_COPY_RANGE = 0xFFFF;
    public static final int DEFAULT_MAX_LENGTH = 65536;
    public static final int DEFAULT_RECEIVE_BUFFER = 64 << 20;
    public static final int DEFAULT_RECEIVE_BATCH = 32;
    public static final int MAX_RECEIVE_BATCH = 1024;

    public QueueOptions {
        if (queueNumber < 0 || queueNumber > 0xFFFF) {
            throw new IllegalArgumentException("queue number " + queueNumber + ": must be 0..65535");
        }
        if (copyRange < 1 || copyRange > 0xFFFF) {
            throw new IllegalArgumentException("queue " + queueNumber + ": copy range " + copyRange
                    + " must be 1..65535 (65535 for whole packets)");
        }
        if (maxLength < 1) {
            throw new IllegalArgumentException("queue " + queueNumber + ": queue length " + maxLength + " must be 1 or more");
        }
        if (receiveBufferBytes < 0) {
            throw new IllegalArgumentException("queue " + queueNumber + ": receive buffer " + receiveBufferBytes
                    + " must be 0 (system default) or more");
        }
        if (receiveBatch < 1 || receiveBatch > MAX_RECEIVE_BATCH) {
            throw new IllegalArgumentException("queue " + queueNumber + ": receive batch " + receiveBatch
                    + " must be 1.." + MAX_RECEIVE_BATCH);
        }
        if (receiveTimeoutMillis < 0) {
            throw new IllegalArgumentException("queue " + queueNumber + ": receive timeout " + receiveTimeoutMillis
                    + " ms must be 0 (wait forever) or more");
        }
    }

    /**
     * Queue {@code queueNumber} with the defaults: whole packets, 65536 queued, 64 MiB, up to 32
     * packets per read, no flags.
     */
    public static QueueOptions of(int queueNumber) {
        return new QueueOptions(queueNumber, DEFAULT_COPY_RANGE, DEFAULT_MAX_LENGTH, DEFAULT_RECEIVE_BUFFER, 0,
                DEFAULT_RECEIVE_BATCH, false, false, false, false);
    }

    public QueueOptions withReceiveBatch(int datagrams) {
        return new QueueOptions(queueNumber, copyRange, maxLength, receiveBufferBytes, receiveTimeoutMillis, datagrams,
                failOpen, gso, conntrack, uidGid);
    }

    public QueueOptions withCopyRange(int bytes) {
        return new QueueOptions(queueNumber, bytes, maxLength, receiveBufferBytes, receiveTimeoutMillis, receiveBatch,
                failOpen, gso, conntrack, uidGid);
    }

    public QueueOptions withMaxLength(int packets) {
        return new QueueOptions(queueNumber, copyRange, packets, receiveBufferBytes, receiveTimeoutMillis, receiveBatch,
                failOpen, gso, conntrack, uidGid);
    }

    public QueueOptions withReceiveBuffer(int bytes) {
        return new QueueOptions(queueNumber, copyRange, maxLength, bytes, receiveTimeoutMillis, receiveBatch,
                failOpen, gso, conntrack, uidGid);
    }

    public QueueOptions withReceiveTimeout(long millis) {
        return new QueueOptions(queueNumber, copyRange, maxLength, receiveBufferBytes, millis, receiveBatch,
                failOpen, gso, conntrack, uidGid);
    }

    public QueueOptions withFailOpen(boolean on) {
        return new QueueOptions(queueNumber, copyRange, maxLength, receiveBufferBytes, receiveTimeoutMillis, receiveBatch,
                on, gso, conntrack, uidGid);
    }

    public QueueOptions withGso(boolean on) {
        return new QueueOptions(queueNumber, copyRange, maxLength, receiveBufferBytes, receiveTimeoutMillis, receiveBatch,
                failOpen, on, conntrack, uidGid);
    }

    public QueueOptions withConntrack(boolean on) {
        return new QueueOptions(queueNumber, copyRange, maxLength, receiveBufferBytes, receiveTimeoutMillis, receiveBatch,
                failOpen, gso, on, uidGid);
    }

    public QueueOptions withUidGid(boolean on) {
        return new QueueOptions(queueNumber, copyRange, maxLength, receiveBufferBytes, receiveTimeoutMillis, receiveBatch,
                failOpen, gso, conntrack, on);
    }

    /** The NFQA_CFG_FLAGS value these options ask for. */
    public int flags() {
        return (failOpen ? QueueProtocol.NFQA_CFG_F_FAIL_OPEN : 0)
                | (gso ? QueueProtocol.NFQA_CFG_F_GSO : 0)
                | (conntrack ? QueueProtocol.NFQA_CFG_F_CONNTRACK : 0)
                | (uidGid ? QueueProtocol.NFQA_CFG_F_UID_GID : 0);
    }

    /**
     * The NFQA_CFG_MASK sent with the flags: the kernel changes only the flags in the mask, and
     * these options govern all four, so the queue ends with exactly the flags asked for.
     */
    public static int flagMask() {
        return QueueProtocol.NFQA_CFG_F_FAIL_OPEN | QueueProtocol.NFQA_CFG_F_GSO
                | QueueProtocol.NFQA_CFG_F_CONNTRACK | QueueProtocol.NFQA_CFG_F_UID_GID;
    }
}
