package org.jptables.plugins.bpf;

import static org.jptables.plugins.bpf.Bpf.*;

import org.jptables.api.Packet;

/**
 * A checked classic BPF program and its interpreter, as the kernel runs it for xt_bpf: over the
 * packet from its IP header (skb->data at the netfilter hooks), A and X starting at 0, 32-bit
 * unsigned arithmetic, and a return value of 0 whenever a load falls outside the packet or X
 * divides by zero. Loads below 0 reach the network header from SKF_NET_OFF on; ancillary data
 * (SKF_AD_*) are read from the packet's metadata.
 */
final class ClassicBpfProgram {
    /** A decoded absolute load of ancillary datum N has the code ANCILLARY | N (the kernel's BPF_ANC). */
    private static final int ANCILLARY = 0x8000;
    /** skb->protocol for IPv4, ETH_P_IP, as the SKF_AD_PROTOCOL load gives it (host order). */
    private static final int ETH_P_IP = 0x0800;

    private final int[] code;
    private final byte[] jt;
    private final byte[] jf;
    private final int[] k;
    private final boolean usesMemory;
    private final ThreadLocal<int[]> memory;

    /** Decodes a program the checker accepted. */
    ClassicBpfProgram(int[][] program) {
        int n = program.length;
        code = new int[n];
        jt = new byte[n];
        jf = new byte[n];
        k = new int[n];
        boolean mem = false;
        for (int i = 0; i < n; i++) {
            int c = program[i][0];
            code[i] = c;
            jt[i] = (byte) program[i][1];
            jf[i] = (byte) program[i][2];
            k[i] = program[i][3];
            if (cls(c) == LD && mode(c) == ABS && Integer.compareUnsigned(k[i], AD_OFF) >= 0) {
                code[i] = ANCILLARY | (k[i] - AD_OFF);
            }
            mem |= c == ST || c == STX;
        }
        usesMemory = mem;
        // M[] is scratch for one run; a slot is always written before it is read (the checker
        // made sure), so one array per thread is enough and nothing is allocated per packet
        memory = mem ? ThreadLocal.withInitial(() -> new int[MEMWORDS]) : null;
    }

    /** The program's return value as the kernel's u32 (xt_bpf matches when it is not 0). */
    int run(Packet p) {
        int[] m = usesMemory ? memory.get() : null;
        int a = 0;
        int x = 0;
        int pc = 0;
        while (true) {
            int c = code[pc];
            int kk = k[pc];
            long v;
            switch (c) {
                case ALU | ADD | K -> a += kk;
                case ALU | ADD | X -> a += x;
                case ALU | SUB | K -> a -= kk;
                case ALU | SUB | X -> a -= x;
                case ALU | MUL | K -> a *= kk;
                case ALU | MUL | X -> a *= x;
                case ALU | DIV | K -> a = Integer.divideUnsigned(a, kk);
                case ALU | DIV | X -> {
                    if (x == 0) {
                        return 0;
                    }
                    a = Integer.divideUnsigned(a, x);
                }
                case ALU | MOD | K -> a = Integer.remainderUnsigned(a, kk);
                case ALU | MOD | X -> {
                    if (x == 0) {
                        return 0;
                    }
                    a = Integer.remainderUnsigned(a, x);
                }
                case ALU | AND | K -> a &= kk;
                case ALU | AND | X -> a &= x;
                case ALU | OR | K -> a |= kk;
                case ALU | OR | X -> a |= x;
                case ALU | XOR | K -> a ^= kk;
                case ALU | XOR | X -> a ^= x;
                // the kernel's 32-bit shifts by X use the low 5 bits of X, as Java's do
                case ALU | LSH | K -> a <<= kk;
                case ALU | LSH | X -> a <<= x;
                case ALU | RSH | K -> a >>>= kk;
                case ALU | RSH | X -> a >>>= x;
                case ALU | NEG -> a = -a;
                case LD | W | ABS, LD | H | ABS, LD | B | ABS, LD | W | IND, LD | H | IND, LD | B | IND -> {
                    int offset = mode(c) == IND ? x + kk : kk;
                    v = load(p, offset, size(c));
                    if (v < 0) {
                        return 0;
                    }
                    a = (int) v;
                }
                case LD | W | LEN -> a = p.length();
                case LDX | W | LEN -> x = p.length();
                case LDX | B | MSH -> {
                    v = load(p, kk, B);
                    if (v < 0) {
                        return 0;
                    }
                    x = ((int) v & 0xf) << 2;
                }
                case LD | IMM -> a = kk;
                case LDX | IMM -> x = kk;
                case LD | MEM -> a = m[kk];
                case LDX | MEM -> x = m[kk];
                case ST -> m[kk] = a;
                case STX -> m[kk] = x;
                case MISC | TAX -> x = a;
                case MISC | TXA -> a = x;
                case RET | K -> {
                    return kk;
                }
                case RET | RET_A -> {
                    return a;
                }
                case JMP | JA -> pc += kk;
                case JMP | JEQ | K -> pc += a == kk ? jt[pc] & 0xff : jf[pc] & 0xff;
                case JMP | JEQ | X -> pc += a == x ? jt[pc] & 0xff : jf[pc] & 0xff;
                case JMP | JGT | K -> pc += Integer.compareUnsigned(a, kk) > 0 ? jt[pc] & 0xff : jf[pc] & 0xff;
                case JMP | JGT | X -> pc += Integer.compareUnsigned(a, x) > 0 ? jt[pc] & 0xff : jf[pc] & 0xff;
                case JMP | JGE | K -> pc += Integer.compareUnsigned(a, kk) >= 0 ? jt[pc] & 0xff : jf[pc] & 0xff;
                case JMP | JGE | X -> pc += Integer.compareUnsigned(a, x) >= 0 ? jt[pc] & 0xff : jf[pc] & 0xff;
                case JMP | JSET | K -> pc += (a & kk) != 0 ? jt[pc] & 0xff : jf[pc] & 0xff;
                case JMP | JSET | X -> pc += (a & x) != 0 ? jt[pc] & 0xff : jf[pc] & 0xff;
                case ANCILLARY | AD_PROTOCOL -> a = ETH_P_IP;
                case ANCILLARY | AD_PKTTYPE -> a = p.packetType() & 7;
                case ANCILLARY | AD_MARK -> a = p.mark();
                case ANCILLARY | AD_CPU -> a = p.cpu();
                case ANCILLARY | AD_ALU_XOR_X -> a ^= x;
                // no packet here carries an offloaded VLAN tag (skb->vlan_all is 0)
                case ANCILLARY | AD_VLAN_TAG, ANCILLARY | AD_VLAN_TAG_PRESENT -> a = 0;
                default -> throw new IllegalStateException("unchecked BPF code " + c);
            }
            pc++;
        }
    }

    /**
     * The big-endian word, half word or byte at {@code offset} as the kernel's load helpers read
     * it (bpf_skb_load_helper, bpf_internal_load_pointer_neg_helper): from the network header at
     * 0 and up, or at {@code offset - SKF_NET_OFF} for SKF_NET_OFF..-1; -1 when it is not in the
     * packet. The link-layer header (SKF_LL_OFF) is not part of the packets here: -1.
     */
    private static long load(Packet p, int offset, int size) {
        int at = offset;
        if (offset < 0) {
            if (offset < NET_OFF) {
                return -1;
            }
            at = offset - NET_OFF;
        }
        return switch (size) {
            case W -> p.u32(at);
            case H -> p.u16(at);
            default -> p.u8(at);
        };
    }

    /**
     * The first ancillary datum or link-layer load jptables cannot give (its SKF_* name), or null
     * when every load of the program is modelled.
     */
    String unmodelledLoad() {
        for (int i = 0; i < code.length; i++) {
            int c = code[i];
            if ((c & ANCILLARY) != 0) {
                String name = switch (c & ~ANCILLARY) {
                    case AD_IFINDEX -> "SKF_AD_IFINDEX";
                    case AD_NLATTR -> "SKF_AD_NLATTR";
                    case AD_NLATTR_NEST -> "SKF_AD_NLATTR_NEST";
                    case AD_QUEUE -> "SKF_AD_QUEUE";
                    case AD_HATYPE -> "SKF_AD_HATYPE";
                    case AD_RXHASH -> "SKF_AD_RXHASH";
                    case AD_PAY_OFFSET -> "SKF_AD_PAY_OFFSET";
                    case AD_RANDOM -> "SKF_AD_RANDOM";
                    case AD_VLAN_TPID -> "SKF_AD_VLAN_TPID";
                    default -> null;
                };
                if (name != null) {
                    return name;
                }
            } else if ((cls(c) == LD && mode(c) == ABS || c == (LDX | B | MSH)) && k[i] < NET_OFF && k[i] >= LL_OFF) {
                return "SKF_LL_OFF";
            }
        }
        return null;
    }
}
