package org.jptables.plugins.log;

import org.jptables.api.SavedStrings;
import org.jptables.api.ListingFormat;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;
import org.jptables.api.Target;
import org.jptables.api.Verdict;

/**
 * Asks the kernel for the log line of the packet and lets it go on to the next rule. -L shows the
 * level by name and the flags as words, -L -n the raw flag bits and level; -S leaves out the
 * default level 4.
 */
public final class LogTarget implements Target {
    private final int level;
    private final String prefix;
    private final int flags;

    LogTarget(int level, String prefix, int flags) {
        this.level = level;
        this.prefix = prefix;
        this.flags = flags;
    }

    /** The syslog level, 0..7. */
    public int level() {
        return level;
    }

    /** The prefix of the log line, "" for none. */
    public String prefix() {
        return prefix;
    }

    /** The {@code Effects.LOG_*} bits. */
    public int flags() {
        return flags;
    }

    @Override
    public int apply(Packet packet) {
        packet.log(level, prefix, flags);
        return Verdict.CONTINUE;
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        out.append(" LOG");
        if (format.numeric()) {
            out.append(" flags ").append(flags).append(" level ").append(level);
        } else {
            out.append(" level ").append(LogLevel.listed(level));
            for (LogFlag f : LogFlag.values()) {
                if ((flags & f.bit()) != 0) {
                    out.append(' ').append(f.word());
                }
            }
        }
        if (!prefix.isEmpty()) {
            out.append(" prefix \"").append(prefix).append('"');
        }
    }

    @Override
    public void save(StringBuilder out) {
        if (!prefix.isEmpty()) {
            out.append(" --log-prefix ");
            SavedStrings.append(out, prefix);
        }
        if (level != LogLevel.DEFAULT) {
            out.append(" --log-level ").append(level);
        }
        for (LogFlag f : LogFlag.values()) {
            if ((flags & f.bit()) != 0) {
                out.append(' ').append(f.option());
            }
        }
    }

    /**
     * A log line per packet; LOG has no rate limit of its own (a -m limit before it is a rule's match,
     * declared by limit).
     */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
