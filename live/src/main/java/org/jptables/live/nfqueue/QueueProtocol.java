package org.jptables.live.nfqueue;

/**
 * The numbers of nfnetlink_queue as the kernel's uapi header
 * {@code include/uapi/linux/netfilter/nfnetlink_queue.h} defines them: message types of subsystem
 * NFNL_SUBSYS_QUEUE, attribute types, configuration commands and flags. Multi-byte values inside
 * these attributes travel in network byte order; netlink's own headers in host order.
 */
public final class QueueProtocol {
    /** nfnetlink subsystem id of the queue: the high byte of every message type. */
    public static final int NFNL_SUBSYS_QUEUE = 3;

    public static final int NFQNL_MSG_PACKET = 0;
    public static final int NFQNL_MSG_VERDICT = 1;
    public static final int NFQNL_MSG_CONFIG = 2;
    public static final int NFQNL_MSG_VERDICT_BATCH = 3;

    /** Full netlink message types (subsystem << 8 | message). */
    public static final int TYPE_PACKET = NFNL_SUBSYS_QUEUE << 8 | NFQNL_MSG_PACKET;
    public static final int TYPE_VERDICT = NFNL_SUBSYS_QUEUE << 8 | NFQNL_MSG_VERDICT;
    public static final int TYPE_CONFIG = NFNL_SUBSYS_QUEUE << 8 | NFQNL_MSG_CONFIG;
    public static final int TYPE_VERDICT_BATCH = NFNL_SUBSYS_QUEUE << 8 | NFQNL_MSG_VERDICT_BATCH;

    /** struct nfgenmsg: 4 bytes after nlmsghdr (family, version, queue number big-endian). */
    public static final int NFGENMSG_LENGTH = 4;

    // enum nfqnl_attr_type
    public static final int NFQA_PACKET_HDR = 1;
    public static final int NFQA_VERDICT_HDR = 2;
    public static final int NFQA_MARK = 3;
    public static final int NFQA_TIMESTAMP = 4;
    public static final int NFQA_IFINDEX_INDEV = 5;
    public static final int NFQA_IFINDEX_OUTDEV = 6;
    public static final int NFQA_IFINDEX_PHYSINDEV = 7;
    public static final int NFQA_IFINDEX_PHYSOUTDEV = 8;
    public static final int NFQA_HWADDR = 9;
    public static final int NFQA_PAYLOAD = 10;
    public static final int NFQA_CT = 11;
    public static final int NFQA_CT_INFO = 12;
    public static final int NFQA_CAP_LEN = 13;
    public static final int NFQA_SKB_INFO = 14;
    public static final int NFQA_EXP = 15;
    public static final int NFQA_UID = 16;
    public static final int NFQA_GID = 17;
    public static final int NFQA_SECCTX = 18;
    public static final int NFQA_VLAN = 19;
    public static final int NFQA_L2HDR = 20;
    public static final int NFQA_PRIORITY = 21;

    // enum nfqnl_vlan_attr (nested in NFQA_VLAN)
    public static final int NFQA_VLAN_PROTO = 1;
    public static final int NFQA_VLAN_TCI = 2;

    // enum nfqnl_attr_config
    public static final int NFQA_CFG_CMD = 1;
    public static final int NFQA_CFG_PARAMS = 2;
    public static final int NFQA_CFG_QUEUE_MAXLEN = 3;
    public static final int NFQA_CFG_MASK = 4;
    public static final int NFQA_CFG_FLAGS = 5;

    // enum nfqnl_msg_config_cmds
    public static final int NFQNL_CFG_CMD_BIND = 1;
    public static final int NFQNL_CFG_CMD_UNBIND = 2;

    // enum nfqnl_config_mode
    public static final int NFQNL_COPY_PACKET = 2;

    // NFQA_CFG_FLAGS bits
    public static final int NFQA_CFG_F_FAIL_OPEN = 1;
    public static final int NFQA_CFG_F_CONNTRACK = 1 << 1;
    public static final int NFQA_CFG_F_GSO = 1 << 2;
    public static final int NFQA_CFG_F_UID_GID = 1 << 3;
    public static final int NFQA_CFG_F_SECCTX = 1 << 4;

    // NFQA_SKB_INFO bits
    public static final int NFQA_SKB_CSUMNOTREADY = 1;
    public static final int NFQA_SKB_GSO = 1 << 1;
    public static final int NFQA_SKB_CSUM_NOTVERIFIED = 1 << 2;

    /**
     * The largest payload the kernel copies (NFQNL_MAX_COPY_RANGE): an attribute's 16-bit length
     * includes its 4-byte header. A verdict's replacement payload has the same bound.
     */
    public static final int MAX_COPY_RANGE = 0xFFFF - 4;

    private QueueProtocol() {
    }
}
