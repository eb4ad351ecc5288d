package org.jptables.plugins.osf;

import org.jptables.api.OsFingerprint;
import org.jptables.api.Packet;

/**
 * nf_osf_match_one: whether a SYN fits one fingerprint. Its total length must be the fingerprint's
 * size, its TTL fit by the rule's TTL check, its TCP options have the fingerprint's kinds in the
 * fingerprint's order and lengths (the values are not compared, only MSS is read), and its window
 * be what the fingerprint's window rule gives for that MSS.
 */
final class SynFingerprint {
    /** MAX_IPOPTLEN: neither a fingerprint nor a packet has more than 40 bytes of options here. */
    private static final int OPTIONS_MAX = 40;
    private static final int OPTION_MSS = 2;
    /** SMART_MSS_1 and SMART_MSS_2: MSS values "smart modems" rewrite SYNs to, also accepted. */
    private static final int SMART_MSS_1 = 1460;
    private static final int SMART_MSS_2 = 1448;
    private static final long U32 = 0xFFFFFFFFL;

    private SynFingerprint() {
    }

    static boolean fits(Packet p, int options, int optionsSize, int ttlCheck, OsFingerprint f) {
        if (p.totalLength() != f.size() || !ttlFits(p.ttl(), f.ttl(), ttlCheck)) {
            return false;
        }
        int fingerprintSize = 0;
        for (int i = 0; i < f.optionCount(); i++) {
            fingerprintSize += f.optionLength(i);
        }
        if (fingerprintSize > OPTIONS_MAX || optionsSize > OPTIONS_MAX || optionsSize != fingerprintSize) {
            return false;
        }
        int at = options;
        int mss = 0;
        for (int i = 0; i < f.optionCount(); i++) {
            if (p.u8(at) != f.optionKind(i)) {
                return false;   // FMATCH_OPT_WRONG: the window is not even looked at
            }
            if (f.optionKind(i) == OPTION_MSS) {
                mss = p.u16(at + 2) & 0xFFFF;
            }
            at += f.optionLength(i);
        }
        return windowFits(p.u16(p.transportOffset() + 14), mss, f);
    }

    /**
     * nf_osf_ttl. With TTL_NOT_ABOVE a TTL above the fingerprint's is looked at once more for a
     * source on the receiving interface's own subnet, but only for equality with the fingerprint's,
     * which a TTL above it never has: so only "not above" counts.
     */
    private static boolean ttlFits(int ttl, int fingerprintTtl, int ttlCheck) {
        return switch (ttlCheck) {
            case OsfMatch.TTL_EQUAL -> ttl == fingerprintTtl;
            case OsfMatch.TTL_IGNORED -> true;
            default -> ttl <= fingerprintTtl;
        };
    }

    /** The window rule, in the kernel's u32 arithmetic. */
    private static boolean windowFits(int window, int mss, OsFingerprint f) {
        long value = f.windowValue();
        return switch (f.windowKind()) {
            case OsFingerprint.WINDOW_PLAIN -> value == 0 || window == value;
            case OsFingerprint.WINDOW_MSS -> window == ((value * mss) & U32)
                    || window == ((value * SMART_MSS_1) & U32) || window == ((value * SMART_MSS_2) & U32);
            case OsFingerprint.WINDOW_MTU -> window == ((value * (mss + 40)) & U32)
                    || window == ((value * (SMART_MSS_1 + 40)) & U32) || window == ((value * (SMART_MSS_2 + 40)) & U32);
            // a "%0" fingerprint would divide by zero in the kernel; here it fits nothing
            case OsFingerprint.WINDOW_MODULO -> value != 0 && window % value == 0;
            default -> false;
        };
    }
}
