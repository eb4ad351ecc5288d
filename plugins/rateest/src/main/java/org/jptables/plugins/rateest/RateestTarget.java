package org.jptables.plugins.rateest;

import org.jptables.api.ListingFormat;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;
import org.jptables.api.Target;
import org.jptables.api.Verdict;

/** xt_rateest_tg: the packet's length and one packet into the estimator; the next rule follows. */
final class RateestTarget implements Target {
    private final String name;
    private final EstimatorParameters parameters;
    private final Estimator estimator;

    RateestTarget(String name, EstimatorParameters parameters, Estimator estimator) {
        this.name = name;
        this.parameters = parameters;
        this.estimator = estimator;
    }

    @Override
    public int apply(Packet packet) {
        // skb->len: the whole IP packet, as its header gives it once ip_rcv has trimmed the buffer
        int length = packet.totalLength();
        estimator.count(packet.timeNanos(), length < 0 ? packet.length() : length);
        return Verdict.CONTINUE;
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        parameters.print(name, "", out);
    }

    @Override
    public void save(StringBuilder out) {
        parameters.print(name, "--rateest-", out);
    }

    @Override
    public StateScope stateScope() {
        return StateScope.SHARED;
    }
}
