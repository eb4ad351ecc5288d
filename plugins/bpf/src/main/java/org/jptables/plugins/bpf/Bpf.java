package org.jptables.plugins.bpf;

/**
 * Classic BPF's instruction encoding (include/uapi/linux/filter.h and bpf_common.h): the class,
 * size, mode and operation fields of an opcode, and the special offsets of the loads.
 */
final class Bpf {
    private Bpf() {
    }

    // instruction classes: code & 0x07
    static final int LD = 0x00;
    static final int LDX = 0x01;
    static final int ST = 0x02;
    static final int STX = 0x03;
    static final int ALU = 0x04;
    static final int JMP = 0x05;
    static final int RET = 0x06;
    static final int MISC = 0x07;

    // load sizes: code & 0x18
    static final int W = 0x00;
    static final int H = 0x08;
    static final int B = 0x10;

    // load modes: code & 0xe0
    static final int IMM = 0x00;
    static final int ABS = 0x20;
    static final int IND = 0x40;
    static final int MEM = 0x60;
    static final int LEN = 0x80;
    static final int MSH = 0xa0;

    // ALU and jump operations: code & 0xf0
    static final int ADD = 0x00;
    static final int SUB = 0x10;
    static final int MUL = 0x20;
    static final int DIV = 0x30;
    static final int OR = 0x40;
    static final int AND = 0x50;
    static final int LSH = 0x60;
    static final int RSH = 0x70;
    static final int NEG = 0x80;
    static final int MOD = 0x90;
    static final int XOR = 0xa0;
    static final int JA = 0x00;
    static final int JEQ = 0x10;
    static final int JGT = 0x20;
    static final int JGE = 0x30;
    static final int JSET = 0x40;

    // operand source: code & 0x08 (for RET: code & 0x18, A is 0x10)
    static final int K = 0x00;
    static final int X = 0x08;
    static final int RET_A = 0x10;

    // MISC operations
    static final int TAX = 0x00;
    static final int TXA = 0x80;

    /** BPF_MEMWORDS: the scratch memory slots M[0..15]. */
    static final int MEMWORDS = 16;

    /** SKF_AD_OFF: an absolute load at or above it reads an ancillary datum, not the packet. */
    static final int AD_OFF = -0x1000;
    /** SKF_NET_OFF: loads from here up to SKF_AD_OFF are relative to the network header. */
    static final int NET_OFF = -0x100000;
    /** SKF_LL_OFF: loads from here up to SKF_NET_OFF are relative to the link-layer header. */
    static final int LL_OFF = -0x200000;

    // SKF_AD_* offsets above SKF_AD_OFF; SKF_AD_MAX is 64
    static final int AD_PROTOCOL = 0;
    static final int AD_PKTTYPE = 4;
    static final int AD_IFINDEX = 8;
    static final int AD_NLATTR = 12;
    static final int AD_NLATTR_NEST = 16;
    static final int AD_MARK = 20;
    static final int AD_QUEUE = 24;
    static final int AD_HATYPE = 28;
    static final int AD_RXHASH = 32;
    static final int AD_CPU = 36;
    static final int AD_ALU_XOR_X = 40;
    static final int AD_VLAN_TAG = 44;
    static final int AD_VLAN_TAG_PRESENT = 48;
    static final int AD_PAY_OFFSET = 52;
    static final int AD_RANDOM = 56;
    static final int AD_VLAN_TPID = 60;
    static final int AD_MAX = 64;

    static int cls(int code) {
        return code & 0x07;
    }

    static int size(int code) {
        return code & 0x18;
    }

    static int mode(int code) {
        return code & 0xe0;
    }

    static int op(int code) {
        return code & 0xf0;
    }

    static int src(int code) {
        return code & 0x08;
    }
}
