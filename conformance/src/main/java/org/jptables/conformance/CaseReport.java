package org.jptables.conformance;

import java.util.ArrayList;
import java.util.List;

/**
 * How one recorded case compared: how many packets agreed in every respect, and a line for each
 * difference ("#3 emitted: kernel [...] jptables [...]").
 */
public final class CaseReport {
    private final String name;
    private int packets;
    private int agreeing;
    private int known;
    private final List<String> differences = new ArrayList<>();

    CaseReport(String name) {
        this.name = name;
    }

    void packet(boolean agrees) {
        packets++;
        if (agrees) {
            agreeing++;
        }
    }

    void knownDeviation() {
        known++;
    }

    /** Packets that differ as the known deviations say they do. */
    public int known() {
        return known;
    }

    void difference(String text) {
        differences.add(text);
    }

    public String name() {
        return name;
    }

    public int packets() {
        return packets;
    }

    public int agreeing() {
        return agreeing;
    }

    public List<String> differences() {
        return List.copyOf(differences);
    }

    public boolean agrees() {
        return differences.isEmpty();
    }
}
