package org.jptables.plugins.bpf;

import org.jptables.api.Constraints;
import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;

/**
 * xt_bpf's bpf_mt_v1 in XT_BPF_MODE_BYTECODE: the packet matches when the classic BPF program
 * returns anything but 0.
 *
 * @param program  the checked program
 * @param bytecode the instructions as libxt_bpf prints them, "code jt jf k" joined by commas
 * @param length   the number of instructions
 */
record BpfMatch(ClassicBpfProgram program, String bytecode, int length) implements Match {
    @Override
    public boolean matches(Packet packet) {
        return program.run(packet) != 0;
    }

    /** It reads the packet and its metadata and changes nothing. */
    @Override
    public void declare(Constraints constraints) {
        constraints.sideEffectFree();
    }

    /**
     * libxt_bpf's bpf_print_code ends the last instruction with printf's "%c" of '\0': iptables
     * -L writes that NUL byte into the line, and so does this. Its "match bpf " has no leading
     * space either: after the destination column's own space, or glued to a match before it.
     */
    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append("match bpf ").append(bytecode).append('\0');
    }

    @Override
    public void save(StringBuilder out) {
        out.append(" --bytecode \"").append(length).append(',').append(bytecode).append('"');
    }

    /** The program sees one packet and its metadata; M[] lives for one run only. */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
