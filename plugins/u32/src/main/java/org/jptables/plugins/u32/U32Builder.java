package org.jptables.plugins.u32;

import java.util.List;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.RuleException;

/** Reads the one --u32 option; the program is parsed as the option comes, as u32_parse does. */
final class U32Builder implements MatchBuilder {
    private U32Program program;
    private boolean inverted;

    @Override
    public void option(String option, List<String> args, boolean inverted) throws RuleException {
        program = U32Program.parse(args.get(0));
        this.inverted = inverted;
    }

    @Override
    public Match build() throws RuleException {
        if (program == null) {
            throw new RuleException("u32: option \"--u32\" must be specified\n");
        }
        // u32_mt_checkentry (Linux 6.18): a shift of 32 bits or more is refused
        if (program.hasLongShift()) {
            throw RuleException.refusedByKernel("Invalid argument. Run `dmesg' for more information.");
        }
        return new U32Match(program, inverted);
    }
}
