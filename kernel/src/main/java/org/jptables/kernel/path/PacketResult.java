package org.jptables.kernel.path;

import java.util.ArrayList;
import java.util.List;
import org.jptables.kernel.effects.NflogRecord;

/**
 * Everything one packet did: its verdict, the rules whose counters it raised, the policies
 * applied, the frames that left the host, the LOG lines and the trace. Filled by the packet path
 * only when a caller asks for a report; counting alone needs none of it.
 */
public final class PacketResult {
    /** A rule whose counter the packet raised. */
    public record Hit(String table, String chain, int rule) {
    }

    /** A built-in chain whose policy decided. */
    public record PolicyHit(String table, String chain) {
    }

    /** A frame that left the host. */
    public record Emitted(String on, byte[] frame, String why) {
    }

    public String verdict = "ACCEPT";
    public final List<Hit> matched = new ArrayList<>();
    public final List<PolicyHit> policies = new ArrayList<>();
    public final List<Emitted> emitted = new ArrayList<>();
    public final List<String> log = new ArrayList<>();
    public final List<String> trace = new ArrayList<>();
    /** NFLOG's copies, in the order the rules made them. */
    public final List<NflogRecord> nflog = new ArrayList<>();

    public void clear() {
        verdict = "ACCEPT";
        matched.clear();
        policies.clear();
        emitted.clear();
        log.clear();
        trace.clear();
        nflog.clear();
    }
}
