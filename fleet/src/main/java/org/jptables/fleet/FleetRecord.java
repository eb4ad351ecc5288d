package org.jptables.fleet;

/**
 * One figure of the results: packets and bytes counted under a kind and a key, for one host (or
 * {@link #FLEET} for the whole fleet) and one ruleset. Every output, the JSON lines, the CSV and the
 * summary, is a list of these; the job's aggregation sums records with equal {@link #groupKey}.
 *
 * <p>Kinds: {@code total} (key {@code ipv4}, {@code passed}, {@code bad-ip-checksum},
 * {@code host-answers}), {@code verdict}, {@code rule} (key: table and iptables-save line; position
 * in the chain, 0 fleet-wide, where the same rule may sit at other positions), {@code policy} (key:
 * table, chain, policy), {@code dropped-source}; for diff, ruleset {@code diff}: {@code diff}
 * (key {@code packets}, {@code verdict}, {@code path}), {@code diff-verdicts} ({@code ACCEPT -> DROP}),
 * {@code diff-rules} (the deciding rules, own then candidate), {@code diff-port}, {@code diff-source}.
 *
 * <p>A Flink POJO: public fields and a constructor without arguments.
 */
public final class FleetRecord {
    /** The host name of fleet-wide records. */
    public static final String FLEET = "*";

    public String kind;
    public String host;
    /** {@code rules} (the host's own), {@code candidate} or {@code diff}. */
    public String ruleset;
    public String key;
    public int position;
    public long packets;
    public long bytes;

    public FleetRecord() {
    }

    public FleetRecord(String kind, String host, String ruleset, String key, int position, long packets, long bytes) {
        this.kind = kind;
        this.host = host;
        this.ruleset = ruleset;
        this.key = key;
        this.position = position;
        this.packets = packets;
        this.bytes = bytes;
    }

    /** The same figure counted for the whole fleet: a rule is summed over every host that has it, wherever it sits. */
    public FleetRecord fleetWide() {
        return new FleetRecord(kind, FLEET, ruleset, key, 0, packets, bytes);
    }

    /** Records with equal group keys are one figure, summed. */
    public String groupKey() {
        return kind + '\u0000' + host + '\u0000' + ruleset + '\u0000' + key + '\u0000' + position;
    }

    public static FleetRecord sum(FleetRecord a, FleetRecord b) {
        return new FleetRecord(a.kind, a.host, a.ruleset, a.key, a.position, a.packets + b.packets, a.bytes + b.bytes);
    }

    @Override
    public String toString() {
        return kind + " " + host + " " + ruleset + " " + key + (position > 0 ? " #" + position : "") + ": "
                + packets + " packets, " + bytes + " bytes";
    }
}
