package org.jptables.live.engine;

/**
 * What the engine counted since the daemon started. Written under the engine's lock; read by status
 * and the metrics endpoint without it (a plain long read is whole on a 64-bit JVM, and a figure a
 * packet behind is fine for monitoring).
 */
public final class LiveStatistics {
    long packets;
    long dropped;
    long rewritten;
    long answersSent;
    long answersLimited;
    long answerErrors;
    long errors;

    public long packets() {
        return packets;
    }

    public long dropped() {
        return dropped;
    }

    public long rewritten() {
        return rewritten;
    }

    public long answersSent() {
        return answersSent;
    }

    public long answersLimited() {
        return answersLimited;
    }

    public long answerErrors() {
        return answerErrors;
    }

    public long errors() {
        return errors;
    }

    String describe() {
        return "decided " + packets + " packets: " + dropped + " dropped, " + rewritten + " rewritten, "
                + errors + " not decided\n"
                + "answers (REJECT) sent " + answersSent + ", held back by the ICMP rate limit " + answersLimited
                + ", failed " + answerErrors + "\n";
    }
}
