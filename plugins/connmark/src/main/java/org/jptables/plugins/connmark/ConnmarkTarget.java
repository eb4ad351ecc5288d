package org.jptables.plugins.connmark;

import org.jptables.api.ListingFormat;
import org.jptables.api.Numbers;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;
import org.jptables.api.Target;
import org.jptables.api.Verdict;

/**
 * The CONNMARK target as xt_CONNMARK's connmark_tg_shift, then the next rule:
 * <ul>
 * <li>set: ctmark = shift((ctmark & ~ctmask) ^ ctmark-value);</li>
 * <li>save: ctmark = (ctmark & ~ctmask) ^ shift(nfmark & nfmask);</li>
 * <li>restore: nfmark = (nfmark & ~nfmask) ^ shift(ctmark & ctmask).</li>
 * </ul>
 * A packet without a connection is left alone. The shift is by {@code shiftBits} (0..31), left or right.
 *
 * @param mode           {@link #SET}, {@link #SAVE} or {@link #RESTORE}
 * @param ctmark         the value XORed into the connection mark (set)
 * @param ctmask         the connection mark's mask
 * @param nfmask         the packet mark's mask
 * @param shiftDirection {@link #LEFT} or {@link #RIGHT}
 * @param shiftBits      the shift
 */
record ConnmarkTarget(int mode, int ctmark, int ctmask, int nfmask, int shiftDirection, int shiftBits)
        implements Target {
    static final int SET = 0;
    static final int SAVE = 1;
    static final int RESTORE = 2;
    static final int LEFT = 0;
    static final int RIGHT = 1;

    @Override
    public int apply(Packet packet) {
        long ct = packet.connMark();
        if (ct < 0) {
            return Verdict.CONTINUE;
        }
        int old = (int) ct;
        switch (mode) {
            case SET -> packet.setConnMark(shift((old & ~ctmask) ^ ctmark));
            case SAVE -> packet.setConnMark((old & ~ctmask) ^ shift(packet.mark() & nfmask));
            default -> packet.setMark((packet.mark() & ~nfmask) ^ shift(old & ctmask));
        }
        return Verdict.CONTINUE;
    }

    private int shift(int v) {
        return shiftDirection == RIGHT ? v >>> shiftBits : v << shiftBits;
    }

    @Override
    public boolean needsConnectionTracking() {
        return true;
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        switch (mode) {
            case SET -> {
                if (ctmark == 0) {
                    out.append(" CONNMARK and ").append(hex(~ctmask));
                } else if (ctmark == ctmask) {
                    out.append(" CONNMARK or ").append(hex(ctmark));
                } else if (ctmask == 0) {
                    out.append(" CONNMARK xor ").append(hex(ctmark));
                } else if (ctmask == -1) {
                    out.append(" CONNMARK set ").append(hex(ctmark));
                } else {
                    out.append(" CONNMARK xset ").append(hex(ctmark)).append('/').append(hex(ctmask));
                }
            }
            case SAVE -> {
                if (nfmask == -1 && ctmask == -1) {
                    out.append(" CONNMARK save");
                } else if (nfmask == ctmask) {
                    out.append(" CONNMARK save mask ").append(hex(nfmask));
                } else {
                    out.append(" CONNMARK save nfmask ").append(hex(nfmask)).append(" ctmask ~").append(hex(ctmask));
                }
            }
            default -> {
                if (ctmask == -1 && nfmask == -1) {
                    out.append(" CONNMARK restore");
                } else if (ctmask == nfmask) {
                    out.append(" CONNMARK restore mask ").append(hex(ctmask));
                } else {
                    out.append(" CONNMARK restore ctmask ").append(hex(ctmask)).append(" nfmask ~")
                            .append(hex(nfmask));
                }
            }
        }
        if (shiftBits != 0) {
            out.append(shiftDirection == RIGHT ? " right-shift-mark " : " left-shift-mark ").append(shiftBits);
        }
    }

    @Override
    public void save(StringBuilder out) {
        switch (mode) {
            case SET -> out.append(" --set-xmark ").append(hex(ctmark)).append('/').append(hex(ctmask));
            case SAVE -> out.append(" --save-mark --nfmask ").append(hex(nfmask)).append(" --ctmask ")
                    .append(hex(ctmask));
            default -> out.append(" --restore-mark --nfmask ").append(hex(nfmask)).append(" --ctmask ")
                    .append(hex(ctmask));
        }
        if (shiftBits != 0) {
            out.append(shiftDirection == RIGHT ? " --right-shift-mark " : " --left-shift-mark ").append(shiftBits);
        }
    }

    private static String hex(int v) {
        return Numbers.hex(v & 0xFFFFFFFFL);
    }

    /** It reads and writes the connection's mark, kept in the connection's tracker entry. */
    @Override
    public StateScope stateScope() {
        return StateScope.CONNECTION;
    }
}
