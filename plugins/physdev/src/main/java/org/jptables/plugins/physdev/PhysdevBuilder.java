package org.jptables.plugins.physdev;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;

/**
 * libxt_physdev's options. The port names are read as xtables_parse_interface reads them (the
 * interface plugin's rules: shorter than IFNAMSIZ, a warning for '/' and ' '); an empty name is
 * accepted here, unlike -i.
 */
final class PhysdevBuilder implements MatchBuilder {
    private static final int IFNAMSIZ = 16;

    private final RuleContext rule;
    private int bitmask;
    private int invert;
    private String in = "";
    private String out = "";

    PhysdevBuilder(RuleContext rule) {
        this.rule = rule;
    }

    @Override
    public void option(String option, List<String> args, boolean inverted) throws RuleException {
        int bit = switch (option) {
            case "--physdev-in" -> {
                in = name(args.get(0));
                yield PhysdevMatch.IN;
            }
            case "--physdev-out" -> {
                out = name(args.get(0));
                yield PhysdevMatch.OUT;
            }
            case "--physdev-is-in" -> PhysdevMatch.IS_IN;
            case "--physdev-is-out" -> PhysdevMatch.IS_OUT;
            default -> PhysdevMatch.BRIDGED;
        };
        bitmask |= bit;
        if (inverted) {
            invert |= bit;
        }
    }

    private String name(String arg) throws RuleException {
        if (arg.getBytes(StandardCharsets.UTF_8).length + 1 > IFNAMSIZ) {
            throw new RuleException("interface name `" + arg + "' must be shorter than IFNAMSIZ (" + (IFNAMSIZ - 1) + ")");
        }
        if (arg.indexOf('/') >= 0 || arg.indexOf(' ') >= 0) {
            rule.warn("Warning: weird character in interface `" + arg + "' ('/' and ' ' are not allowed by the kernel).");
        }
        return arg;
    }

    @Override
    public Match build() throws RuleException {
        if (bitmask == 0) {
            throw new RuleException("PHYSDEV: no physdev option specified");
        }
        return new PhysdevMatch(bitmask, invert, in, out);
    }
}
