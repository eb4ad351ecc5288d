package org.jptables.kernel.classify;

import org.jptables.api.Actions;
import org.jptables.api.Target;

/**
 * What one target declared of itself ({@link Target#declare}): a verdict, a NAT mapping, or
 * nothing usable (nothing declared, or more than one action), in which case the walk calls it.
 */
final class DeclaredAction implements Actions {
    private int kind = TableForm.TARGET;
    private int declarations;
    private final int[] values = new int[TableForm.NAT_DATA];

    static DeclaredAction of(Target target) {
        DeclaredAction action = new DeclaredAction();
        target.declare(action);
        if (action.declarations != 1) {
            action.kind = TableForm.TARGET;
        }
        return action;
    }

    @Override
    public void verdict(int verdict) {
        declarations++;
        kind = TableForm.VERDICT;
        values[0] = verdict;
    }

    @Override
    public void nat(int kind, int minAddress, int maxAddress, int minPort, int maxPort, int flags, int verdict) {
        declarations++;
        this.kind = TableForm.NAT;
        values[0] = kind;
        values[1] = minAddress;
        values[2] = maxAddress;
        values[3] = minPort;
        values[4] = maxPort;
        values[5] = flags;
        values[6] = verdict;
    }

    /** {@link TableForm#TARGET}, {@link TableForm#VERDICT} or {@link TableForm#NAT}. */
    int kind() {
        return kind;
    }

    /** The ints of the code this action needs after the chain's records. */
    int dataLength() {
        return kind == TableForm.NAT ? TableForm.NAT_DATA : 0;
    }

    /** The verdict of a {@link TableForm#VERDICT} action. */
    int verdict() {
        return values[0];
    }

    /** Writes a {@link TableForm#NAT} action's data at {@code at}. */
    void writeData(int[] code, int at) {
        System.arraycopy(values, 0, code, at, TableForm.NAT_DATA);
    }
}
