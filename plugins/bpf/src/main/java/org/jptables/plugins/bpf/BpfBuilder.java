package org.jptables.plugins.bpf;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.RuleException;

/**
 * Parses libxt_bpf revision 1's options in command-line order, as bpf_parse_v1 does: a bytecode
 * is read at once (its syntax errors stop the command there); a pinned object is looked up at
 * once too. Then bpf_fcheck_v1 wants exactly one of them, and the kernel's checkentry runs
 * bpf_check_classic on the program.
 *
 * <p>An eBPF object pinned in the bpf file system cannot be run here. iptables fails with "bpf:
 * failed to get bpf object" when the path names no pinned object (recorded, also for a directory
 * and for ""); jptables says so for a path that does not exist, and refuses an existing one with
 * its own message rather than accept a rule it could not evaluate.
 */
final class BpfBuilder implements MatchBuilder {
    private int[][] program;
    private String bytecode;

    @Override
    public void option(String option, List<String> args, boolean inverted) throws RuleException {
        String arg = args.get(0);
        if (option.equals("--bytecode")) {
            program = BytecodeParser.parse(arg);
            bytecode = join(program);
        } else {
            if (arg.isEmpty() || !Files.exists(Path.of(arg)) || Files.isDirectory(Path.of(arg))) {
                throw new RuleException("bpf: failed to get bpf object");
            }
            throw new RuleException("bpf: jptables cannot run the eBPF object pinned at " + arg
                    + " (only --bytecode programs are evaluated)");
        }
    }

    @Override
    public Match build() throws RuleException {
        if (program == null) {
            throw new RuleException("bpf: one of --bytecode or --pinned is required");
        }
        if (!ClassicBpfChecker.valid(program)) {
            throw RuleException.refusedByKernel("Invalid argument. Run `dmesg' for more information.");
        }
        ClassicBpfProgram checked = new ClassicBpfProgram(program);
        String unmodelled = checked.unmodelledLoad();
        if (unmodelled != null) {
            throw new RuleException("bpf: jptables does not model the " + unmodelled
                    + " load of this program (the kernel would accept it)");
        }
        return new BpfMatch(checked, bytecode, program.length);
    }

    /** bpf_print_code's text: "code jt jf k" per instruction, joined by commas. */
    private static String join(int[][] program) {
        StringBuilder s = new StringBuilder();
        for (int[] insn : program) {
            if (!s.isEmpty()) {
                s.append(',');
            }
            s.append(insn[0]).append(' ').append(insn[1]).append(' ').append(insn[2]).append(' ')
                    .append(Integer.toUnsignedString(insn[3]));
        }
        return s.toString();
    }
}
