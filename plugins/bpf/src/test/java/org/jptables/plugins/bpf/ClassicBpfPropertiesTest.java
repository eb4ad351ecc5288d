package org.jptables.plugins.bpf;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.ArrayList;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.jptables.kernel.packet.PacketView;

/**
 * The interpreter against a plain reference: straight-line programs of loads and ALU operations
 * on random packets, computed again with 64-bit arithmetic reduced to 32 bits, where a failed load
 * or a division by X = 0 makes the whole program return 0.
 */
class ClassicBpfPropertiesTest {
    /** One instruction: {code, k}. */
    record Insn(int code, int k) {
    }

    private static final int[] ALU_OPS = {0x00, 0x10, 0x20, 0x30, 0x40, 0x50, 0x60, 0x70, 0x90, 0xa0};

    @Provide
    Arbitrary<List<Insn>> straightLinePrograms() {
        Arbitrary<Insn> alu = Combinators.combine(Arbitraries.of(toList(ALU_OPS)), Arbitraries.of(0x00, 0x08),
                Arbitraries.integers().between(0, 40), Arbitraries.integers())
                .as((op, src, small, any) -> {
                    int k = op == 0x60 || op == 0x70 ? small % 32 : op == 0x30 || op == 0x90 ? (any == 0 ? 1 : any) : any;
                    return new Insn(0x04 | op | src, k);
                });
        Arbitrary<Insn> load = Combinators.combine(Arbitraries.of(0x20, 0x28, 0x30, 0x40, 0x48, 0x50, 0x01, 0xb1, 0x07, 0x87, 0x84, 0x80),
                Arbitraries.integers().between(0, 48)).as(Insn::new);
        return Arbitraries.oneOf(alu, load).list().ofMinSize(0).ofMaxSize(20);
    }

    @Provide
    Arbitrary<byte[]> packets() {
        return Arbitraries.bytes().array(byte[].class).ofMinSize(0).ofMaxSize(48);
    }

    /** A program and a packet. */
    record Run(List<Insn> body, byte[] bytes) {
    }

    /**
     * The program and the packet as one sample: jqwik's shrink-and-grow between two parameters
     * (a list and a byte[]) puts one parameter's elements into the other ("argument type
     * mismatch"), which hid a real failing sample behind a crash of the shrinker.
     */
    @Provide
    Arbitrary<Run> runs() {
        return Combinators.combine(straightLinePrograms(), packets()).as(Run::new);
    }

    @Property(tries = 2000)
    void interpreterAgreesWithReference(@ForAll("runs") Run run) {
        List<Insn> body = run.body();
        byte[] bytes = run.bytes();
        int[][] program = new int[body.size() + 1][];
        for (int i = 0; i < body.size(); i++) {
            program[i] = new int[] {body.get(i).code(), 0, 0, body.get(i).k()};
        }
        program[body.size()] = new int[] {0x16, 0, 0, 0}; // ret A
        assertEquals(true, ClassicBpfChecker.valid(program));
        PacketView p = new PacketView().wrap(bytes);
        assertEquals(reference(body, bytes), new ClassicBpfProgram(program).run(p));
    }

    private static long reference(List<Insn> body, byte[] bytes) {
        long a = 0;
        long x = 0;
        long m = 0xFFFFFFFFL;
        for (Insn insn : body) {
            long k = insn.k() & m;
            int code = insn.code();
            if ((code & 0x07) == 0x04) {
                long operand = (code & 0x08) != 0 ? x : k;
                switch (code & 0xf0) {
                    case 0x00 -> a = a + operand;
                    case 0x10 -> a = a - operand;
                    case 0x20 -> a = a * operand;
                    case 0x30 -> {
                        if (operand == 0) {
                            return 0;
                        }
                        a = a / operand;
                    }
                    case 0x90 -> {
                        if (operand == 0) {
                            return 0;
                        }
                        a = a % operand;
                    }
                    case 0x40 -> a = a | operand;
                    case 0x50 -> a = a & operand;
                    case 0xa0 -> a = a ^ operand;
                    case 0x60 -> a = a << (operand & 31);
                    case 0x70 -> a = a >>> (operand & 31);
                    case 0x80 -> a = -a;
                    default -> throw new AssertionError(code);
                }
                a &= m;
                continue;
            }
            switch (code) {
                case 0x01 -> x = k;
                case 0x07 -> x = a;
                case 0x87 -> a = x;
                case 0x80 -> a = bytes.length;
                case 0xb1 -> {
                    if (k >= bytes.length) {
                        return 0;
                    }
                    x = (bytes[(int) k] & 0xf) * 4L;
                }
                default -> {
                    long offset = (code & 0xe0) == 0x40 ? (x + k) & m : k;
                    int size = (code & 0x18) == 0x00 ? 4 : (code & 0x18) == 0x08 ? 2 : 1;
                    if (offset >= 0x80000000L || offset + size > bytes.length) {
                        return 0; // negative offsets here are out of every packet too
                    }
                    long v = 0;
                    for (int i = 0; i < size; i++) {
                        v = v << 8 | (bytes[(int) offset + i] & 0xff);
                    }
                    a = v;
                }
            }
        }
        return (int) a;
    }

    private static List<Integer> toList(int[] values) {
        List<Integer> list = new ArrayList<>();
        for (int v : values) {
            list.add(v);
        }
        return list;
    }

    @Provide
    Arbitrary<int[][]> candidatePrograms() {
        Arbitrary<Integer> code = Arbitraries.oneOf(Arbitraries.integers().between(0, 255),
                Arbitraries.of(0x15, 0x25, 0x35, 0x45, 0x05, 0x02, 0x03, 0x60, 0x61, 0x06, 0x16, 0x20, 0x50, 0xb1));
        Arbitrary<Integer> k = Arbitraries.oneOf(Arbitraries.integers().between(0, 40), Arbitraries.integers(),
                Arbitraries.integers().between(-0x1000, -1), Arbitraries.integers().between(-0x100000, -0x100000 + 40));
        Arbitrary<int[]> insn = Combinators.combine(code, Arbitraries.integers().between(0, 4),
                Arbitraries.integers().between(0, 4), k).as((c, t, f, kk) -> new int[] {c, t, f, kk});
        return insn.array(int[][].class).ofMinSize(1).ofMaxSize(12);
    }

    /** A candidate program and a packet, one sample for the reason given at {@link #runs()}. */
    record CandidateRun(int[][] program, byte[] bytes) {
    }

    @Provide
    Arbitrary<CandidateRun> candidateRuns() {
        return Combinators.combine(candidatePrograms(), packets()).as(CandidateRun::new);
    }

    /**
     * Whatever the checker lets through runs to a return on any packet: every opcode it accepts
     * is one the interpreter knows, every jump lands inside the program, every memory read was
     * written first (programs with a load the builder refuses as not modelled aside).
     */
    @Property(tries = 5000)
    void acceptedProgramsAlwaysReturn(@ForAll("candidateRuns") CandidateRun run) {
        int[][] program = run.program();
        byte[] bytes = run.bytes();
        if (!ClassicBpfChecker.valid(program)) {
            return;
        }
        ClassicBpfProgram checked = new ClassicBpfProgram(program);
        if (checked.unmodelledLoad() == null) {
            checked.run(new PacketView().wrap(bytes));
        }
    }
}
