package org.jptables.plugins.u32;

import java.util.List;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;

/** {@code -m u32 [!] --u32 TESTS} (xt_u32): arbitrary 32-bit words of the packet compared with ranges. */
@org.pf4j.Extension
public final class U32Extension implements MatchExtension {
    static final String HELP = "u32 match options:\n"
            + "[!] --u32 tests\n"
            + "\t\ttests := location \"=\" value | tests \"&&\" location \"=\" value\n"
            + "\t\tvalue := range | value \",\" range\n"
            + "\t\trange := number | number \":\" number\n"
            + "\t\tlocation := number | location operator number\n"
            + "\t\toperator := \"&\" | \"<<\" | \">>\" | \"@\"\n";

    private static final List<Option> OPTIONS = List.of(Option.withArgument("--u32").invertible().mandatory());

    @Override
    public String name() {
        return "u32";
    }

    @Override
    public List<Option> options() {
        return OPTIONS;
    }

    @Override
    public String help() {
        return HELP;
    }

    @Override
    public MatchBuilder newBuilder(RuleContext rule) {
        return new U32Builder();
    }
}
