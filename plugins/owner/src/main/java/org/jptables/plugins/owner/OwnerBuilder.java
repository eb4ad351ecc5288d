package org.jptables.plugins.owner;

import java.util.List;
import org.jptables.api.CNumbers;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.Names;
import org.jptables.api.RuleException;

/**
 * Reads owner's options as libxt_owner does: a user or group name (getpwnam, getgrnam) or a number
 * or range {@code FROM[-TO]} ({@code :} works too), each number 0..2^32-2 as xtables_strtoui reads
 * it; the kernel's check then refuses a range whose end is below its start.
 */
final class OwnerBuilder implements MatchBuilder {
    /** -1 is the kernel's invalid id, so the largest usable one is one less. */
    private static final long MAX_ID = 0xFFFFFFFEL;

    private final Names names;
    private int flags;
    private int inverted;
    private long uidMin;
    private long uidMax;
    private long gidMin;
    private long gidMax;

    OwnerBuilder(Names names) {
        this.names = names;
    }

    @Override
    public void option(String option, List<String> args, boolean invert) throws RuleException {
        int flag;
        switch (option) {
            case "--uid-owner" -> {
                long[] range = ids(option, args.get(0), names == null ? -1 : names.userId(args.get(0)));
                uidMin = range[0];
                uidMax = range[1];
                flag = OwnerMatch.UID;
            }
            case "--gid-owner" -> {
                long[] range = ids(option, args.get(0), names == null ? -1 : names.groupId(args.get(0)));
                gidMin = range[0];
                gidMax = range[1];
                flag = OwnerMatch.GID;
            }
            case "--socket-exists" -> flag = OwnerMatch.SOCKET;
            default -> {
                // libxt_owner checks this while parsing: --gid-owner must come first
                if ((flags & OwnerMatch.GID) == 0) {
                    throw owner(RuleException.badValue(option, "you need to use --gid-owner first"));
                }
                flag = OwnerMatch.SUPPL_GROUPS;
            }
        }
        flags |= flag;
        if (invert) {
            inverted |= flag;
        }
    }

    /** A name's id, else owner_parse_range: FROM, FROM-TO or FROM:TO, nothing after. */
    private static long[] ids(String option, String text, long named) throws RuleException {
        if (named >= 0) {
            return new long[] {named, named};
        }
        CNumbers.Read from = CNumbers.read(text, 0, MAX_ID);
        if (from == null) {
            throw owner(RuleException.badValue(option, text));
        }
        long to = from.value();
        int end = from.end();
        if (end < text.length() && (text.charAt(end) == '-' || text.charAt(end) == ':')) {
            CNumbers.Read second = CNumbers.read(text.substring(end + 1), 0, MAX_ID);
            if (second == null) {
                throw owner(RuleException.badValue(option, text));
            }
            to = second.value();
            end += 1 + second.end();
        }
        if (end != text.length()) {
            throw owner(RuleException.badValue(option, text));
        }
        return new long[] {from.value(), to};
    }

    /** xtables_param_act names the extension before the message. */
    private static RuleException owner(RuleException e) {
        return new RuleException("owner: " + e.getMessage());
    }

    @Override
    public Match build() throws RuleException {
        if (flags == 0) {
            throw new RuleException("owner: At least one of --uid-owner, --gid-owner or --socket-exists is required");
        }
        // owner_check: a range must not end before it starts
        if (((flags & OwnerMatch.UID) != 0 && uidMax < uidMin) || ((flags & OwnerMatch.GID) != 0 && gidMax < gidMin)) {
            throw RuleException.refusedByKernel("Invalid argument. Run `dmesg' for more information.");
        }
        return new OwnerMatch(flags, inverted, uidMin, uidMax, gidMin, gidMax);
    }
}
