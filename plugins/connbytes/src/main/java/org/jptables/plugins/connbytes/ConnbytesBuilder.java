package org.jptables.plugins.connbytes;

import java.util.List;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.RuleException;

/**
 * Reads the options as libxt_connbytes does: {@code --connbytes} a 64-bit range whose ends must
 * not be reversed, {@code !} swapping them (the kernel takes from &gt; to as "outside"), the
 * direction and mode by their exact names.
 */
final class ConnbytesBuilder implements MatchBuilder {
    private long from;
    private long to;
    private boolean countGiven;
    private int direction = -1;
    private int mode = -1;

    @Override
    public void option(String option, List<String> args, boolean inverted) throws RuleException {
        String arg = args.get(0);
        switch (option) {
            case "--connbytes" -> {
                Uint64Range.Parsed range = Uint64Range.parse(arg, ConnbytesExtension.NAME, option);
                from = range.first();
                to = range.count() == 2 ? range.second() : Uint64Range.MAX;
                if (Long.compareUnsigned(to, from) < 0) {
                    throw new RuleException(Long.toUnsignedString(from) + " should be less than "
                            + Long.toUnsignedString(to));
                }
                if (inverted) {
                    long swap = from;
                    from = to;
                    to = swap;
                }
                countGiven = true;
            }
            case "--connbytes-dir" -> direction = switch (arg) {
                case "original" -> ConnbytesMatch.ORIGINAL;
                case "reply" -> ConnbytesMatch.REPLY;
                case "both" -> ConnbytesMatch.BOTH;
                default -> throw new RuleException("Unknown --connbytes-dir `" + arg + "'");
            };
            case "--connbytes-mode" -> mode = switch (arg) {
                case "packets" -> ConnbytesMatch.PACKETS;
                case "bytes" -> ConnbytesMatch.BYTES;
                case "avgpkt" -> ConnbytesMatch.AVGPKT;
                default -> throw new RuleException("Unknown --connbytes-mode `" + arg + "'");
            };
            default -> throw new IllegalArgumentException(option);
        }
    }

    @Override
    public Match build() throws RuleException {
        // libxtables checks the mandatory options in their declared order
        if (!countGiven) {
            throw missing("--connbytes");
        }
        if (direction < 0) {
            throw missing("--connbytes-dir");
        }
        if (mode < 0) {
            throw missing("--connbytes-mode");
        }
        return new ConnbytesMatch(from, to, mode, direction);
    }

    private static RuleException missing(String option) {
        return new RuleException("connbytes: option \"" + option + "\" must be specified\n");
    }
}
