package org.jptables.kernel.eval;

import java.util.Locale;

/**
 * How a chain finds the rules a packet matches: rule by rule as the kernel walks it, or through
 * the chain's compiled classifier, which skips the rules that cannot match. Both give the same
 * verdicts, counters and traces; the switch exists so that anyone can compare them.
 */
public enum EvalMode {
    LINEAR, COMPILED;

    /** The mode called {@code text} ({@code linear} or {@code compiled}), or null. */
    public static EvalMode parse(String text) {
        return switch (text.toLowerCase(Locale.ROOT)) {
            case "linear" -> LINEAR;
            case "compiled" -> COMPILED;
            default -> null;
        };
    }

    /** The word of {@code --eval} and of the configuration key {@code eval}. */
    public String word() {
        return name().toLowerCase(Locale.ROOT);
    }
}
