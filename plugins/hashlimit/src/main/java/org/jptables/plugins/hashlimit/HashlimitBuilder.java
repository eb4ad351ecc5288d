package org.jptables.plugins.hashlimit;

import java.util.List;
import org.jptables.api.CNumbers;
import org.jptables.api.InetAton;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;

/**
 * Reads one rule's hashlimit options as libxt_hashlimit revision 3 (hashlimit_mt_parse, then
 * hashlimit_mt_check and libxtables' exclusion and mandatory checks, in that order), then makes
 * the kernel's checkentry refusals (hashlimit_mt_check_common).
 */
final class HashlimitBuilder implements MatchBuilder {
    static final int DEFAULT_BURST = 5;
    private static final long BURST_MAX = 1_000_000;
    private static final String INVALID = "Invalid argument. Run `dmesg' for more information.";
    /** xtopt_parse_string keeps NAME_MAX - 1 characters. */
    private static final int NAME_KEPT = 254;

    private final RuleContext rule;
    private long avg;
    private int mult;
    private long burst = DEFAULT_BURST;
    private boolean burstGiven;
    private int mode;
    private boolean upto;
    private boolean above;
    private long size;
    private long max;
    private long gcInterval = HashlimitConfig.DEFAULT_GC_INTERVAL;
    private long expire = -1;
    private long interval;
    private int srcmask = 32;
    private int dstmask = 32;
    private String name;

    HashlimitBuilder(RuleContext rule) {
        this.rule = rule;
    }

    @Override
    public void option(String option, List<String> args, boolean inverted) throws RuleException {
        String arg = args.isEmpty() ? "" : args.get(0);
        switch (option) {
            case HashlimitExtension.UPTO, HashlimitExtension.ABOVE -> {
                boolean isAbove = option.equals(HashlimitExtension.ABOVE);
                // --hashlimit-above is "not up to": inverting either flips the sense
                if (isAbove != inverted) {
                    mode |= HashlimitConfig.INVERT;
                }
                Rates.Parsed rate = Rates.parse(arg);
                if (rate == null) {
                    throw new RuleException("hashlimit: Bad value for \"" + option + "\" option: \"" + arg + "\"");
                }
                if (rate.bytes()) {
                    mode |= HashlimitConfig.BYTES;
                }
                avg = rate.avg();
                mult = rate.mult();
                upto |= !isAbove;
                above |= isAbove;
            }
            case HashlimitExtension.BURST -> {
                burst = parseBurst(arg);
                burstGiven = true;
            }
            case HashlimitExtension.MODE -> mode |= parseMode(arg);
            case HashlimitExtension.SRCMASK -> srcmask = prefixLength(option, arg);
            case HashlimitExtension.DSTMASK -> dstmask = prefixLength(option, arg);
            case HashlimitExtension.NAME -> {
                if (arg.isEmpty()) {
                    throw new RuleException("Argument must have a minimum length of 1 characters\n");
                }
                name = arg.length() > NAME_KEPT ? arg.substring(0, NAME_KEPT) : arg;
            }
            case HashlimitExtension.SIZE -> size = uint32(option, arg);
            case HashlimitExtension.MAX -> max = uint32(option, arg);
            case HashlimitExtension.GC_INTERVAL -> gcInterval = uint32(option, arg);
            case HashlimitExtension.EXPIRE -> expire = uint32(option, arg);
            case HashlimitExtension.RATE_MATCH -> mode |= HashlimitConfig.RATE_MATCH;
            default -> {
                // --hashlimit-rate-interval: parse_interval's atoi, positive only
                int r = atoi(arg);
                if (r <= 0) {
                    throw new RuleException("hashlimit: Bad value for \"" + option + "\" option: \"" + arg + "\"");
                }
                interval = r;
            }
        }
    }

    /** parse_burst: a number of 1..1000000, or with a k or m suffix any 64-bit count (checked later). */
    private static long parseBurst(String text) throws RuleException {
        CNumbers.Read read = CNumbers.read(text, 1, Long.MAX_VALUE);
        boolean whole = read != null && read.end() == text.length();
        if (read == null || whole && read.value() > BURST_MAX) {
            throw burstError();
        }
        char suffix = whole ? '\0' : text.charAt(read.end());
        return read.value() * Rates.factor(suffix);
    }

    private static RuleException burstError() {
        return new RuleException("bad value for option \"--hashlimit-burst\", or out of range (1-" + BURST_MAX + ").");
    }

    /** parse_mode: words separated by commas or bars; empty words are skipped as strtok does. */
    private static int parseMode(String text) throws RuleException {
        int bits = 0;
        for (String word : text.split("[,|]")) {
            switch (word) {
                case "" -> { }
                case "dstip" -> bits |= HashlimitConfig.HASH_DIP;
                case "srcip" -> bits |= HashlimitConfig.HASH_SIP;
                case "srcport" -> bits |= HashlimitConfig.HASH_SPT;
                case "dstport" -> bits |= HashlimitConfig.HASH_DPT;
                default -> throw new RuleException(
                        "hashlimit: Bad value for \"--hashlimit-mode\" option: \"" + text + "\"");
            }
        }
        return bits;
    }

    /**
     * XTTYPE_PLEN: 0..32, or else any address getaddrinfo reads ("255.255.255.0", but also "33",
     * 0.0.0.33) taken as a mask; a non-contiguous one becomes 255, which the kernel refuses.
     */
    private static int prefixLength(String option, String text) throws RuleException {
        long n = CNumbers.whole(text, 0, 32);
        if (n >= 0) {
            return (int) n;
        }
        long mask = InetAton.parse(text);
        if (mask < 0) {
            throw new RuleException("hashlimit: bad value for option \"" + option
                    + "\", neither a valid network mask nor valid CIDR (0-32).\n");
        }
        int bits = Long.bitCount(mask);
        long contiguous = bits == 0 ? 0 : (0xFFFFFFFFL << (32 - bits)) & 0xFFFFFFFFL;
        return contiguous == mask ? bits : 255;
    }

    private static long uint32(String option, String text) throws RuleException {
        long n = CNumbers.whole(text, 0, Rates.U32);
        if (n < 0) {
            throw new RuleException("hashlimit: bad value for option \"" + option
                    + "\", or out of range (0-4294967295).\n");
        }
        return n;
    }

    private static int atoi(String text) {
        long v = Rates.atoll(text);
        return (int) v;
    }

    @Override
    public Match build() throws RuleException {
        // hashlimit_mt_check
        if (!upto && !above) {
            throw new RuleException("You have to specify --hashlimit");
        }
        long expireMs = expire >= 0 ? expire : mult * 1000L;
        long cfgBurst = burst;
        if ((mode & HashlimitConfig.BYTES) != 0) {
            long chunk = Rates.costToBytes(avg);
            long n = 0;
            if (burstGiven) {
                if (Long.compareUnsigned(burst, chunk) < 0) {
                    throw new RuleException("burst cannot be smaller than " + Long.toUnsignedString(chunk) + "b");
                }
                // a uint32_t in the C code
                n = Long.divideUnsigned(burst, chunk) & Rates.U32;
                if (Long.remainderUnsigned(burst, chunk) != 0) {
                    n = (n + 1) & Rates.U32;
                }
                if (expire < 0) {
                    expireMs = Rates.BYTE_EXPIRE_BURST * 1000L;
                }
            }
            cfgBurst = n;
        } else if (Long.compareUnsigned(burst, BURST_MAX) > 0) {
            throw burstError();
        }
        long cfgAvg = avg;
        long cfgInterval = interval;
        if ((mode & HashlimitConfig.RATE_MATCH) != 0) {
            if ((mode & HashlimitConfig.BYTES) == 0) {
                cfgAvg /= mult;
            }
            if (cfgInterval == 0) {
                cfgInterval = (mode & HashlimitConfig.BYTES) != 0 ? 1 : mult;
            }
        }
        // libxtables: the exclusion, then the mandatory name
        if (upto && above) {
            throw new RuleException(
                    "hashlimit: option \"--hashlimit-upto\" cannot be used together with \"--hashlimit-above\".\n");
        }
        if (name == null) {
            throw new RuleException("hashlimit: option \"--hashlimit-name\" must be specified\n");
        }
        HashlimitConfig cfg = new HashlimitConfig(cfgAvg, cfgBurst, mode, size, max, gcInterval, expireMs & Rates.U32,
                cfgInterval, srcmask, dstmask, name);
        checkEntry(cfg);
        HashlimitTable table = rule.shared("hashlimit:" + name, () -> new HashlimitTable(cfg));
        return new HashlimitMatch(cfg, table);
    }

    /** hashlimit_mt_check: what the kernel refuses when the rule is loaded. */
    private static void checkEntry(HashlimitConfig cfg) throws RuleException {
        String n = cfg.name();
        if (n.equals(".") || n.equals("..") || n.indexOf('/') >= 0) {
            throw RuleException.refusedByKernel(INVALID);
        }
        if (cfg.gcInterval() == 0 || cfg.expire() == 0 || cfg.srcmask() > 32 || cfg.dstmask() > 32) {
            throw RuleException.refusedByKernel(INVALID);
        }
        if (cfg.has(HashlimitConfig.RATE_MATCH)) {
            if (cfg.avg() == 0 || Long.compareUnsigned(cfg.avg(), Rates.U32) > 0) {
                throw RuleException.refusedByKernel("Numerical result out of range.");
            }
        } else if (cfg.has(HashlimitConfig.BYTES)) {
            if (Credits.user2creditsByte(cfg.avg()) == 0) {
                throw RuleException.refusedByKernel(INVALID);
            }
        } else if (cfg.burst() == 0
                || Long.compareUnsigned(Credits.user2credits(cfg.avg() * cfg.burst()), Credits.user2credits(cfg.avg())) < 0) {
            throw RuleException.refusedByKernel("Numerical result out of range.");
        }
    }
}
