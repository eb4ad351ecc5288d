package org.jptables.api;

import java.util.List;
import org.pf4j.ExtensionPoint;

/** What every match and target declares: its names, revision, options, help and placement. */
public interface Extension extends ExtensionPoint {
    /** The name used after {@code -m} or {@code -j}, and printed by {@code -S}. */
    String name();

    /** Other names that select the same extension. */
    default List<String> aliases() {
        return List.of();
    }

    /** The revision, as iptables' extensions have one. */
    default int revision() {
        return 0;
    }

    /** The options this extension takes, as data. */
    List<Option> options();

    /** The text {@code -m NAME -h} / {@code -j NAME -h} prints after the general help. */
    String help();

    /** Where the extension may be used. */
    default Placement placement() {
        return Placement.ANYWHERE;
    }
}
