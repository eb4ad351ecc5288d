package org.jptables.plugins.idletimer;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.jptables.api.CNumbers;
import org.jptables.api.Option;
import org.jptables.api.Placement;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;
import org.jptables.api.Target;
import org.jptables.api.TargetBuilder;
import org.jptables.api.TargetExtension;

/**
 * {@code -j IDLETIMER --timeout SECONDS --label NAME [--alarm]} (libxt_IDLETIMER revision 1, the
 * kernel's xt_IDLETIMER.c): each packet restarts the timer of that label, which notifies user space
 * through sysfs when it runs out. The timers and their sysfs files are not modelled: offline the
 * target only goes on with the next rule. Any table, any hook, as the kernel registers it; its
 * checkentry refuses a timeout of 0 or of INT_MAX / 1000 seconds and more, and a label that is no
 * sysfs file name (empty, ".", "..", with a '/', "power", "subsystem", "uevent"). Not modelled: the
 * kernel also refuses a rule whose label an existing rule (of any table) already uses with the
 * other timer type (with and without {@code --alarm}), which a check of one rule cannot see.
 */
@org.pf4j.Extension
public final class IdletimerExtension implements TargetExtension {
    static final String HELP = ""
            + "IDLETIMER target options:\n"
            + " --timeout time\tTimeout until the notification is sent (in seconds)\n"
            + " --label string\tUnique rule identifier\n"
            + " --alarm\tUse alarm instead of default timer\n"
            + "\n";

    static final String TIMEOUT = "--timeout";
    static final String LABEL = "--label";
    static final String ALARM = "--alarm";

    /** MAX_IDLETIMER_LABEL_SIZE: the label's field, its NUL included; XTOPT_PUT cuts a longer label. */
    static final int LABEL_SIZE = 28;

    private static final String INVALID = "Invalid argument. Run `dmesg' for more information.";

    private static final List<Option> OPTIONS = List.of(
            Option.withArgument(TIMEOUT).mandatory(), Option.withArgument(LABEL).mandatory(), Option.flag(ALARM));

    @Override
    public String name() {
        return "IDLETIMER";
    }

    /** Revision 1, the one iptables 1.8.9 uses where the kernel has it (--alarm). */
    @Override
    public int revision() {
        return 1;
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
    public Placement placement() {
        return Placement.ANYWHERE;
    }

    @Override
    public TargetBuilder newBuilder(RuleContext rule) {
        return new TargetBuilder() {
            private long timeout = -1;
            private String label;
            private boolean alarm;

            @Override
            public void option(String option, List<String> args, boolean inverted) throws RuleException {
                switch (option) {
                    case TIMEOUT -> {
                        timeout = CNumbers.whole(args.get(0), 0, 0xFFFFFFFFL);
                        if (timeout < 0) {
                            throw new RuleException("IDLETIMER: bad value for option \"--timeout\", "
                                    + "or out of range (0-4294967295).\n");
                        }
                    }
                    case LABEL -> label = cut(args.get(0));
                    default -> alarm = true;
                }
            }

            @Override
            public Target build() throws RuleException {
                if (timeout < 0) {
                    throw new RuleException("IDLETIMER: option \"--timeout\" must be specified\n");
                }
                if (label == null) {
                    throw new RuleException("IDLETIMER: option \"--label\" must be specified\n");
                }
                // idletimer_tg_checkentry_v1
                if (timeout == 0 || timeout >= Integer.MAX_VALUE / 1000 || !sysfsName(label)) {
                    throw RuleException.refusedByKernel(INVALID);
                }
                return new IdletimerTarget((int) timeout, label, alarm);
            }
        };
    }

    /** The label as the kernel gets it: at most LABEL_SIZE - 1 bytes (cut at a character's end). */
    static String cut(String label) {
        if (label.getBytes(StandardCharsets.UTF_8).length < LABEL_SIZE) {
            return label;
        }
        int bytes = 0;
        int i = 0;
        while (i < label.length()) {
            int cp = label.codePointAt(i);
            int n = new String(Character.toChars(cp)).getBytes(StandardCharsets.UTF_8).length;
            if (bytes + n > LABEL_SIZE - 1) {
                break;
            }
            bytes += n;
            i += Character.charCount(cp);
        }
        return label.substring(0, i);
    }

    /** xt_check_proc_name and idletimer_check_sysfs_name: whether the label can name a sysfs file. */
    static boolean sysfsName(String label) {
        return !label.isEmpty() && !label.equals(".") && !label.equals("..") && label.indexOf('/') < 0
                && !label.equals("power") && !label.equals("subsystem") && !label.equals("uevent");
    }
}
