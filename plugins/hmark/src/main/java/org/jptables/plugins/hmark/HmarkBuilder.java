package org.jptables.plugins.hmark;

import java.util.List;
import org.jptables.api.CNumbers;
import org.jptables.api.InetAton;
import org.jptables.api.RuleException;
import org.jptables.api.Target;
import org.jptables.api.TargetBuilder;

/**
 * libxt_HMARK's parsing. {@code --hmark-tuple} is a comma list of (case-insensitive prefixes of)
 * ct, src, dst, sport, dport, proto, spi; each sets the full mask of its field and counts as that
 * field's option given, so the explicit option after it is refused as given twice. The checks of
 * HMARK_check come in its order, then xt_HMARK's checkentry (an SPI set beside a port set).
 */
final class HmarkBuilder implements TargetBuilder {
    /** The tuple words, in the order libxt_HMARK tries them (the first prefix match wins). */
    private static final String[] WORDS = {"ct", "src", "dst", "sport", "dport", "proto", "spi"};
    private static final int[] WORD_FIELDS = {HmarkTarget.CT, HmarkTarget.SRC_PREFIX, HmarkTarget.DST_PREFIX,
            HmarkTarget.SPORT_MASK, HmarkTarget.DPORT_MASK, HmarkTarget.PROTO_MASK, HmarkTarget.SPI_MASK};
    /** HMARK_OPT_PKT_MASK: the fields that make a tuple. */
    private static final int PACKET_FIELDS = bit(HmarkTarget.SRC_PREFIX) | bit(HmarkTarget.DST_PREFIX)
            | bit(HmarkTarget.SPI_MASK) | bit(HmarkTarget.SPORT_MASK) | bit(HmarkTarget.DPORT_MASK)
            | bit(HmarkTarget.PROTO_MASK) | bit(HmarkTarget.SPORT) | bit(HmarkTarget.DPORT) | bit(HmarkTarget.SPI);

    /** xt_hmark_info's flags: the fields that were set. */
    private int flags;
    /** libxtables' xflags: the options given, the tuple's fields among them. */
    private int given;
    private int srcPrefix;
    private int dstPrefix;
    private int portMask;
    private int portSet;
    private int protoMask;
    private int rnd;
    private int modulus;
    private int offset;

    private static int bit(int field) {
        return 1 << field;
    }

    @Override
    public void option(String option, List<String> args, boolean inverted) throws RuleException {
        String arg = args.get(0);
        if (option.equals("--hmark-tuple")) {
            tuple(arg);
            return;
        }
        int field = field(option);
        if ((given & bit(field)) != 0) {
            // the tuple named this field already: libxtables sees the option a second time
            throw new RuleException("HMARK: option \"" + option + "\" can only be used once.\n");
        }
        switch (field) {
            case HmarkTarget.SRC_PREFIX -> srcPrefix = prefix(option, arg);
            case HmarkTarget.DST_PREFIX -> dstPrefix = prefix(option, arg);
            case HmarkTarget.SPORT_MASK -> portMask = (portMask & 0xFFFF) | (int) number(option, arg, 0, 0xFFFF) << 16;
            case HmarkTarget.DPORT_MASK -> portMask = (portMask & 0xFFFF0000) | (int) number(option, arg, 0, 0xFFFF);
            case HmarkTarget.SPI_MASK -> portMask = (int) number(option, arg, 0, 0xFFFFFFFFL);
            case HmarkTarget.SPORT -> portSet = (portSet & 0xFFFF) | (int) number(option, arg, 0, 0xFFFF) << 16;
            case HmarkTarget.DPORT -> portSet = (portSet & 0xFFFF0000) | (int) number(option, arg, 0, 0xFFFF);
            case HmarkTarget.SPI -> portSet = (int) number(option, arg, 0, 0xFFFFFFFFL);
            case HmarkTarget.PROTO_MASK -> protoMask = (int) number(option, arg, 0, 0xFFFF);
            case HmarkTarget.RND -> rnd = (int) number(option, arg, 0, 0xFFFFFFFFL);
            case HmarkTarget.MODULUS -> modulus = (int) number(option, arg, 1, 0xFFFFFFFFL);
            default -> offset = (int) number(option, arg, 0, 0xFFFFFFFFL);
        }
        flags |= bit(field);
        given |= bit(field);
    }

    private static int field(String option) {
        return switch (option) {
            case "--hmark-src-prefix" -> HmarkTarget.SRC_PREFIX;
            case "--hmark-dst-prefix" -> HmarkTarget.DST_PREFIX;
            case "--hmark-sport-mask" -> HmarkTarget.SPORT_MASK;
            case "--hmark-dport-mask" -> HmarkTarget.DPORT_MASK;
            case "--hmark-spi-mask" -> HmarkTarget.SPI_MASK;
            case "--hmark-sport" -> HmarkTarget.SPORT;
            case "--hmark-dport" -> HmarkTarget.DPORT;
            case "--hmark-spi" -> HmarkTarget.SPI;
            case "--hmark-proto-mask" -> HmarkTarget.PROTO_MASK;
            case "--hmark-rnd" -> HmarkTarget.RND;
            case "--hmark-mod" -> HmarkTarget.MODULUS;
            default -> HmarkTarget.OFFSET;
        };
    }

    /** hmark_parse_type: words up to each comma, then the last one, which may not be empty. */
    private void tuple(String arg) throws RuleException {
        String rest = arg;
        int comma;
        while ((comma = rest.indexOf(',')) >= 0) {
            if (comma == 0 || !word(rest.substring(0, comma))) {
                throw new RuleException("Bad type \"" + rest + "\"");
            }
            rest = rest.substring(comma + 1);
        }
        if (rest.isEmpty()) {
            throw new RuleException("\"--hmark-tuple\" requires a list of types with no spaces, e.g. "
                    + "src,dst,sport,dport,proto");
        }
        if (!word(rest)) {
            throw new RuleException("Bad type \"" + rest + "\"");
        }
    }

    /** One word: a prefix of a tuple word (strncasecmp over the word's length) sets that field whole. */
    private boolean word(String word) {
        for (int i = 0; i < WORDS.length; i++) {
            if (word.length() <= WORDS[i].length() && WORDS[i].regionMatches(true, 0, word, 0, word.length())) {
                int field = WORD_FIELDS[i];
                switch (field) {
                    case HmarkTarget.SRC_PREFIX -> srcPrefix = 32;
                    case HmarkTarget.DST_PREFIX -> dstPrefix = 32;
                    case HmarkTarget.SPORT_MASK -> portMask |= 0xFFFF0000;
                    case HmarkTarget.DPORT_MASK -> portMask |= 0xFFFF;
                    case HmarkTarget.PROTO_MASK -> protoMask = 0xFFFF;
                    case HmarkTarget.SPI_MASK -> portMask = -1;
                    default -> {
                    }
                }
                flags |= bit(field);
                given |= bit(field);
                return true;
            }
        }
        return false;
    }

    /**
     * XTTYPE_PLENMASK: a prefix length 0-128 (beyond 32 the whole IPv4 mask), else a mask in any
     * form getaddrinfo reads, its CIDR length when contiguous, the whole mask when not.
     */
    private static int prefix(String option, String arg) throws RuleException {
        long length = CNumbers.whole(arg, 0, 128);
        if (length >= 0) {
            return (int) Math.min(length, 32);
        }
        long mask = InetAton.parse(arg);
        if (mask < 0) {
            throw new RuleException("HMARK: bad value for option \"" + option
                    + "\", neither a valid network mask nor valid CIDR (0-32).\n");
        }
        int bits = Long.bitCount(mask);
        return mask == ((0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL) ? bits : 32;
    }

    private static long number(String option, String arg, long min, long max) throws RuleException {
        long v = CNumbers.whole(arg, min, max);
        if (v < 0) {
            throw new RuleException("HMARK: bad value for option \"" + option + "\", or out of range (" + min + "-"
                    + max + ").\n");
        }
        return v;
    }

    @Override
    public Target build() throws RuleException {
        if ((given & bit(HmarkTarget.MODULUS)) == 0) {
            throw new RuleException("--hmark-mod is mandatory");
        }
        if ((given & bit(HmarkTarget.RND)) == 0) {
            throw new RuleException("--hmark-rnd is mandatory");
        }
        if ((given & bit(HmarkTarget.SPI_MASK)) != 0
                && (given & (bit(HmarkTarget.SPORT_MASK) | bit(HmarkTarget.DPORT_MASK))) != 0) {
            throw new RuleException("you cannot use --hmark-spi-mask and --hmark-?port-mask,at the same time");
        }
        if ((given & (PACKET_FIELDS | bit(HmarkTarget.CT))) == 0) {
            throw new RuleException("you have to specify --hmark-tuple at least");
        }
        if ((flags & bit(HmarkTarget.SPI)) != 0 && (flags & (bit(HmarkTarget.SPORT) | bit(HmarkTarget.DPORT))) != 0) {
            // xt_HMARK's checkentry: "spi-set and port-set can't be combined"
            throw RuleException.refusedByKernel("Invalid argument. Run `dmesg' for more information.");
        }
        return new HmarkTarget(flags, srcPrefix, dstPrefix, portMask, portSet, protoMask, rnd, modulus, offset);
    }
}
