package org.jptables.plugins.nfqueue;

import java.util.List;
import org.jptables.api.CNumbers;
import org.jptables.api.RuleException;
import org.jptables.api.Target;
import org.jptables.api.TargetBuilder;

/**
 * libxt_NFQUEUE's revision 3: --queue-num (XTTYPE_UINT16) excludes --queue-balance
 * (XTTYPE_UINT16RC, two numbers, the first below the second); --queue-cpu-fanout also requires
 * --queue-balance. The kernel refuses a balance of 65536 queues (its u16 count is 0).
 */
final class NfqueueBuilder implements TargetBuilder {
    private int first;
    private int total = 1;
    private boolean num;
    private boolean balance;
    private boolean bypass;
    private boolean fanout;

    @Override
    public void option(String option, List<String> args, boolean inverted) throws RuleException {
        switch (option) {
            case "--queue-num" -> {
                long v = CNumbers.whole(args.get(0), 0, 65535);
                if (v < 0) {
                    throw new RuleException("NFQUEUE: bad value for option \"--queue-num\", or out of range (0-65535).");
                }
                first = (int) v;
                num = true;
            }
            case "--queue-balance" -> {
                String text = args.get(0);
                int[] r = CNumbers.range("NFQUEUE", option, text, 65535);
                if (text.indexOf(':') < 0) {
                    throw new RuleException("Bad range \"" + text + "\"");
                }
                if (r[0] >= r[1]) {
                    throw new RuleException(r[0] + " should be less than " + r[1]);
                }
                first = r[0];
                total = r[1] - r[0] + 1;
                balance = true;
            }
            case "--queue-bypass" -> bypass = true;
            default -> fanout = true;
        }
    }

    @Override
    public Target build() throws RuleException {
        if (num && balance) {
            throw new RuleException("NFQUEUE: option \"--queue-num\" cannot be used together with \"--queue-balance\".\n");
        }
        if (fanout && !balance) {
            throw new RuleException("NFQUEUE: option \"--queue-cpu-fanout\" also requires \"--queue-balance\".\n");
        }
        if (total > 65535) {
            // nfqueue_tg_check: queues_total is a u16, and 0 queues are refused
            throw RuleException.refusedByKernel("Invalid argument. Run `dmesg' for more information.");
        }
        return new NfqueueTarget(first, total, bypass, fanout);
    }
}
