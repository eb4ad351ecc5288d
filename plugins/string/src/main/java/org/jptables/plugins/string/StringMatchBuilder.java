package org.jptables.plugins.string;

import java.util.List;
import org.jptables.api.CNumbers;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.RuleException;

/**
 * Reads one rule's string options as libxt_string revision 1 (string_parse, string_check, then
 * libxtables' mandatory and exclusion checks), then string_mt_check's refusals.
 */
final class StringMatchBuilder implements MatchBuilder {
    /** XT_STRING_MAX_ALGO_NAME_SIZE - 1 characters are kept. */
    private static final int ALGO_KEPT = 15;

    private int from;
    private int to = StringMatch.DEFAULT_TO;
    private String algo;
    private boolean icase;
    private byte[] pattern;
    private boolean stringGiven;
    private boolean hexGiven;
    private boolean inverted;

    @Override
    public void option(String option, List<String> args, boolean inverted) throws RuleException {
        switch (option) {
            case StringExtension.FROM -> from = offset(option, args.get(0));
            case StringExtension.TO -> to = offset(option, args.get(0));
            case StringExtension.ALGO -> {
                String a = args.get(0);
                algo = a.length() > ALGO_KEPT ? a.substring(0, ALGO_KEPT) : a;
            }
            case StringExtension.ICASE -> icase = true;
            case StringExtension.STRING -> {
                pattern = Patterns.parseString(args.get(0));
                stringGiven = true;
                this.inverted |= inverted;
            }
            default -> {
                pattern = Patterns.parseHex(args.get(0));
                hexGiven = true;
                this.inverted |= inverted;
            }
        }
    }

    private static int offset(String option, String text) throws RuleException {
        long n = CNumbers.whole(text, 0, 0xFFFF);
        if (n < 0) {
            throw new RuleException("string: bad value for option \"" + option + "\", or out of range (0-65535).\n");
        }
        return (int) n;
    }

    @Override
    public Match build() throws RuleException {
        if (!stringGiven && !hexGiven) {
            throw new RuleException("STRING match: You must specify `--string' or `--hex-string'");
        }
        if (algo == null) {
            throw new RuleException("string: option \"--algo\" must be specified\n");
        }
        if (stringGiven && hexGiven) {
            throw new RuleException("string: option \"--string\" cannot be used together with \"--hex-string\".\n");
        }
        // string_mt_check and textsearch_prepare
        if (from > to || pattern.length == 0) {
            throw RuleException.refusedByKernel("Invalid argument. Run `dmesg' for more information.");
        }
        TextSearch search = switch (algo) {
            case "bm" -> new BoyerMoore(pattern, icase);
            case "kmp" -> new Kmp(pattern, icase);
            // ts_fsm reads the pattern as a list of tokens; none that libxt_string can write is
            // supported here: refused as the kernel refuses a malformed list
            case "fsm" -> throw RuleException.refusedByKernel("Invalid argument. Run `dmesg' for more information.");
            default -> throw RuleException.refusedByKernel("No chain/target/match by that name.");
        };
        return new StringMatch(pattern, algo, from, to, icase, inverted, search);
    }
}
