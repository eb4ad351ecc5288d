package org.jptables.plugins.connmark;

import java.util.List;
import org.jptables.api.MarkValue;
import org.jptables.api.RuleException;
import org.jptables.api.Target;
import org.jptables.api.TargetBuilder;

/**
 * Reads the CONNMARK options as libxt_CONNMARK's connmark_tg_parse_v2, in command-line order:
 * --set-mark v/m is ctmark v, ctmask v|m; --and-mark b is 0/~b; --or-mark b is b/b; --xor-mark b is
 * b/0; --ctmask and --nfmask put their value, --mask both, so a later --set-mark overrides a
 * --ctmask given before it. The masks start as 0xffffffff; the last shift option wins.
 */
final class ConnmarkTargetBuilder implements TargetBuilder {
    /**
     * libxt_CONNMARK's option ids (its enum), by which xtables_options_fcheck picks the second
     * name of a "cannot be used together": the lowest id among the conflicting options given.
     */
    private static final List<String> IDS = List.of("--set-mark", "--save-mark", "--restore-mark", "--and-mark",
            "--or-mark", "--xor-mark", "--left-shift-mark", "--right-shift-mark", "--set-xmark", "--ctmask",
            "--nfmask", "--mask");
    private static final int OPERATIONS = bits("--set-xmark", "--set-mark", "--and-mark", "--or-mark", "--xor-mark",
            "--save-mark", "--restore-mark");

    private int mode = -1;
    private int ctmark;
    private int ctmask = -1;
    private int nfmask = -1;
    private int shiftDirection = ConnmarkTarget.LEFT;
    private int shiftBits;
    /** Bit i: option {@code IDS.get(i)} was given. */
    private int given;

    private static int bits(String... names) {
        int b = 0;
        for (String n : names) {
            b |= 1 << IDS.indexOf(n);
        }
        return b;
    }

    @Override
    public void option(String option, List<String> args, boolean inverted) throws RuleException {
        switch (option) {
            case "--set-xmark" -> {
                MarkValue v = MarkValue.parseWithMask("CONNMARK", option, args.get(0));
                set(v.value(), v.mask());
            }
            case "--set-mark" -> {
                MarkValue v = MarkValue.parseWithMask("CONNMARK", option, args.get(0));
                set(v.value(), v.value() | v.mask());
            }
            case "--and-mark" -> set(0, ~MarkValue.parseU32("CONNMARK", option, args.get(0)));
            case "--or-mark" -> {
                int b = MarkValue.parseU32("CONNMARK", option, args.get(0));
                set(b, b);
            }
            case "--xor-mark" -> set(MarkValue.parseU32("CONNMARK", option, args.get(0)), 0);
            case "--save-mark" -> mode = ConnmarkTarget.SAVE;
            case "--restore-mark" -> mode = ConnmarkTarget.RESTORE;
            case "--ctmask" -> ctmask = MarkValue.parseU32("CONNMARK", option, args.get(0));
            case "--nfmask" -> nfmask = MarkValue.parseU32("CONNMARK", option, args.get(0));
            case "--mask" -> {
                ctmask = MarkValue.parseU32("CONNMARK", option, args.get(0));
                nfmask = ctmask;
            }
            default -> {
                shiftDirection = option.equals("--left-shift-mark") ? ConnmarkTarget.LEFT : ConnmarkTarget.RIGHT;
                shiftBits = shift(option, args.get(0));
            }
        }
        given |= 1 << IDS.indexOf(option);
    }

    private void set(int mark, int mask) {
        mode = ConnmarkTarget.SET;
        ctmark = mark;
        ctmask = mask;
    }

    /** XTTYPE_UINT8 within 0..32. */
    private static int shift(String option, String arg) throws RuleException {
        long[] n = MarkValue.number(arg, 0);
        if (n == null || n[1] != arg.length() || n[0] > 32) {
            throw new RuleException("CONNMARK: bad value for option \"" + option + "\", or out of range (0-32).\n");
        }
        return (int) n[0];
    }

    @Override
    public Target build() throws RuleException {
        if ((given & OPERATIONS) == 0) {
            throw new RuleException("CONNMARK target: No operation specified");
        }
        // xtables_options_fcheck: the option table in its order, each against the lowest id it excludes
        for (String name : ConnmarkTargetExtension.NAMES) {
            int id = IDS.indexOf(name);
            if ((given & (1 << id)) == 0) {
                continue;
            }
            int conflicts = given & excluded(name) & ~(1 << id);
            if (conflicts != 0) {
                throw new RuleException("CONNMARK: option \"" + name + "\" cannot be used together with \""
                        + IDS.get(Integer.numberOfTrailingZeros(conflicts)) + "\".\n");
            }
        }
        // xt_CONNMARK's checkentry refuses a shift of more than 31 bits
        if (shiftBits > 31) {
            throw RuleException.refusedByKernel("Invalid argument. Run `dmesg' for more information.");
        }
        return new ConnmarkTarget(mode, ctmark, ctmask, nfmask, shiftDirection, shiftBits);
    }

    private static int excluded(String name) {
        return switch (name) {
            case "--ctmask", "--nfmask" -> bits("--mask");
            case "--mask" -> bits("--ctmask", "--nfmask");
            case "--left-shift-mark", "--right-shift-mark" -> 0;
            default -> OPERATIONS;
        };
    }
}
