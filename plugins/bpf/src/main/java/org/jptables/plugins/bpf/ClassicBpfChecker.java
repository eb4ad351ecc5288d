package org.jptables.plugins.bpf;

import static org.jptables.plugins.bpf.Bpf.*;

/**
 * The kernel's bpf_check_classic (net/core/filter.c), which xt_bpf's checkentry runs through
 * bpf_prog_create: only the opcodes classic BPF defines, no division or modulo by a constant
 * zero, no constant shift by 32 or more, memory slots 0..15, jumps that stay inside the program
 * (they can only go forward), absolute loads above SKF_AD_OFF only for a known ancillary datum,
 * a return as the last instruction, and no read of a memory slot that some path to it has not
 * written (check_load_and_stores).
 */
final class ClassicBpfChecker {
    private ClassicBpfChecker() {
    }

    /** Whether the kernel accepts the program ({code, jt, jf, k} per instruction). */
    static boolean valid(int[][] program) {
        int length = program.length;
        if (length == 0 || length > BytecodeParser.MAX_INSTRUCTIONS) {
            return false;
        }
        for (int pc = 0; pc < length; pc++) {
            int code = program[pc][0];
            int jt = program[pc][1];
            int jf = program[pc][2];
            int k = program[pc][3];
            if (!allowed(code)) {
                return false;
            }
            switch (code) {
                case ALU | DIV | K, ALU | MOD | K -> {
                    if (k == 0) {
                        return false;
                    }
                }
                case ALU | LSH | K, ALU | RSH | K -> {
                    if (Integer.compareUnsigned(k, 32) >= 0) {
                        return false;
                    }
                }
                case LD | MEM, LDX | MEM, ST, STX -> {
                    if (Integer.compareUnsigned(k, MEMWORDS) >= 0) {
                        return false;
                    }
                }
                case JMP | JA -> {
                    if (Integer.compareUnsigned(k, length - pc - 1) >= 0) {
                        return false;
                    }
                }
                case JMP | JEQ | K, JMP | JEQ | X, JMP | JGE | K, JMP | JGE | X,
                     JMP | JGT | K, JMP | JGT | X, JMP | JSET | K, JMP | JSET | X -> {
                    if (pc + jt + 1 >= length || pc + jf + 1 >= length) {
                        return false;
                    }
                }
                case LD | W | ABS, LD | H | ABS, LD | B | ABS -> {
                    // k >= SKF_AD_OFF as unsigned: the top 4096 values, which name ancillary data
                    if (Integer.compareUnsigned(k, AD_OFF) >= 0 && !ancillary(k - AD_OFF)) {
                        return false;
                    }
                }
                default -> {
                }
            }
        }
        int last = program[length - 1][0];
        if (last != (RET | K) && last != (RET | RET_A)) {
            return false;
        }
        return memoryReadAfterWrite(program);
    }

    /** The SKF_AD_* offsets bpf_anc_helper knows: multiples of 4 below SKF_AD_MAX. */
    static boolean ancillary(int offset) {
        return offset >= 0 && offset < AD_MAX && offset % 4 == 0;
    }

    /** The codes[] table of bpf_check_classic: the opcodes classic BPF defines. */
    static boolean allowed(int code) {
        return switch (code) {
            case ALU | ADD | K, ALU | ADD | X, ALU | SUB | K, ALU | SUB | X, ALU | MUL | K, ALU | MUL | X,
                 ALU | DIV | K, ALU | DIV | X, ALU | MOD | K, ALU | MOD | X, ALU | AND | K, ALU | AND | X,
                 ALU | OR | K, ALU | OR | X, ALU | XOR | K, ALU | XOR | X, ALU | LSH | K, ALU | LSH | X,
                 ALU | RSH | K, ALU | RSH | X, ALU | NEG,
                 LD | W | ABS, LD | H | ABS, LD | B | ABS, LD | W | LEN, LD | W | IND, LD | H | IND,
                 LD | B | IND, LD | IMM, LD | MEM,
                 LDX | W | LEN, LDX | B | MSH, LDX | IMM, LDX | MEM,
                 ST, STX, MISC | TAX, MISC | TXA, RET | K, RET | RET_A,
                 JMP | JA, JMP | JEQ | K, JMP | JEQ | X, JMP | JGE | K, JMP | JGE | X,
                 JMP | JGT | K, JMP | JGT | X, JMP | JSET | K, JMP | JSET | X -> true;
            default -> false;
        };
    }

    /**
     * check_load_and_stores: walks the program in order with the set of slots written so far;
     * a jump hands that set to its targets, which keep only what every way in wrote, and the
     * instruction after a jump starts from all slots and that intersection.
     */
    private static boolean memoryReadAfterWrite(int[][] program) {
        int length = program.length;
        int[] masks = new int[length];
        java.util.Arrays.fill(masks, 0xFFFF);
        int valid = 0;
        for (int pc = 0; pc < length; pc++) {
            valid &= masks[pc];
            int code = program[pc][0];
            int k = program[pc][3];
            switch (code) {
                case ST, STX -> valid |= 1 << k;
                case LD | MEM, LDX | MEM -> {
                    if ((valid & (1 << k)) == 0) {
                        return false;
                    }
                }
                case JMP | JA -> {
                    masks[pc + 1 + k] &= valid;
                    valid = 0xFFFF;
                }
                case JMP | JEQ | K, JMP | JEQ | X, JMP | JGE | K, JMP | JGE | X,
                     JMP | JGT | K, JMP | JGT | X, JMP | JSET | K, JMP | JSET | X -> {
                    masks[pc + 1 + program[pc][1]] &= valid;
                    masks[pc + 1 + program[pc][2]] &= valid;
                    valid = 0xFFFF;
                }
                default -> {
                }
            }
        }
        return true;
    }
}
