package org.jptables.plugins.time;

import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.List;
import org.jptables.api.Match;
import org.jptables.api.MatchBuilder;
import org.jptables.api.RuleContext;
import org.jptables.api.RuleException;

/** Reads one rule's time options as libxt_time (time_parse, time_check, the exclusions). */
final class TimeBuilder implements MatchBuilder {
    private static final String[] WEEK_DAYS = {null, "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

    private final RuleContext rule;
    private long dateStart;
    private long dateStop = TimeInfo.DATE_STOP_DEFAULT;
    private int daytimeStart;
    private int daytimeStop = TimeInfo.MAX_DAYTIME;
    private int monthdays = TimeInfo.ALL_MONTHDAYS;
    private int weekdays = TimeInfo.ALL_WEEKDAYS;
    private boolean kernelTz;
    private boolean kernelTzGiven;
    private boolean localTzGiven;
    private boolean utc;
    private boolean contiguous;

    TimeBuilder(RuleContext rule) {
        this.rule = rule;
    }

    @Override
    public void option(String option, List<String> args, boolean inverted) throws RuleException {
        String arg = args.isEmpty() ? "" : args.get(0);
        switch (option) {
            case TimeExtension.DATE_START -> dateStart = date(arg);
            case TimeExtension.DATE_STOP -> dateStop = date(arg);
            case TimeExtension.TIME_START -> daytimeStart = daytime(arg);
            case TimeExtension.TIME_STOP -> daytimeStop = daytime(arg);
            case TimeExtension.CONTIGUOUS -> contiguous = true;
            case TimeExtension.MONTHDAYS -> monthdays = monthdays(arg) ^ (inverted ? TimeInfo.ALL_MONTHDAYS : 0);
            case TimeExtension.WEEKDAYS -> weekdays = (weekdays(arg) ^ (inverted ? TimeInfo.ALL_WEEKDAYS : 0)) & 0xFF;
            case TimeExtension.LOCAL_TZ -> {
                rule.warn("WARNING: --localtz is being replaced by --kerneltz, since \"local\" is ambiguous. Note the"
                        + " kernel timezone has caveats - see manpage for details.");
                localTzGiven = true;
                kernelTz = true;
            }
            case TimeExtension.KERNEL_TZ -> {
                kernelTzGiven = true;
                kernelTz = true;
            }
            default -> utc = true;
        }
    }

    /** time_parse_date: YYYY[-MM[-DD[Thh[:mm[:ss]]]]], normalized as mktime in UTC. */
    static long date(String s) throws RuleException {
        long[] parts = {0, 1, 1, 0, 0, 0};
        char[] next = {'-', '-', 'T', ':', ':', '\0'};
        long[] max = {2038, 12, 31, 23, 59, 59};
        int at = 0;
        for (int k = 0; k < parts.length; k++) {
            CText.Read r = CText.strtoul(s, at, 10);
            char e = r.end() < s.length() ? s.charAt(r.end()) : '\0';
            boolean bad = e != next[k] && e != '\0' || Long.compareUnsigned(r.value(), max[k]) > 0
                    || k == 0 && Long.compareUnsigned(r.value(), 1970) < 0;
            if (bad) {
                throw new RuleException("Invalid date \"" + s + "\" specified. Should be YYYY[-MM[-DD[Thh[:mm[:ss]]]]]");
            }
            parts[k] = r.value();
            if (e == '\0') {
                break;
            }
            at = r.end() + 1;
        }
        LocalDateTime t = LocalDateTime.of((int) parts[0], 1, 1, 0, 0, 0).plusMonths(parts[1] - 1)
                .plusDays(parts[2] - 1).plusHours(parts[3]).plusMinutes(parts[4]).plusSeconds(parts[5]);
        // kept in the u32 of struct xt_time_info
        return t.toEpochSecond(ZoneOffset.UTC) & 0xFFFFFFFFL;
    }

    /** time_parse_minutes: hh:mm[:ss]. The message names the part being read when it failed. */
    static int daytime(String s) throws RuleException {
        CText.Read hour = CText.strtoul(s, 0, 10);
        if (charAt(s, hour.end()) != ':' || Long.compareUnsigned(hour.value(), 23) > 0) {
            throw badTime(s);
        }
        int at = hour.end() + 1;
        CText.Read minute = CText.strtoul(s, at, 10);
        char e = charAt(s, minute.end());
        if (e != ':' && e != '\0' || Long.compareUnsigned(minute.value(), 59) > 0) {
            throw badTime(s.substring(at));
        }
        long second = 0;
        if (e == ':') {
            at = minute.end() + 1;
            CText.Read sec = CText.strtoul(s, at, 10);
            if (charAt(s, sec.end()) != '\0' || Long.compareUnsigned(sec.value(), 59) > 0) {
                throw badTime(s.substring(at));
            }
            second = sec.value();
        }
        return (int) (3600 * hour.value() + 60 * minute.value() + second);
    }

    private static RuleException badTime(String rest) {
        return new RuleException("invalid time \"" + rest
                + "\" specified, should be hh:mm[:ss] format and within the boundaries");
    }

    private static char charAt(String s, int i) {
        return i < s.length() ? s.charAt(i) : '\0';
    }

    /** my_strseg: the comma-separated words, each cut to {@code keep} characters. */
    private static List<String> segments(String arg, int keep) {
        List<String> words = new java.util.ArrayList<>();
        String rest = arg;
        while (rest != null && !rest.isEmpty()) {
            int comma = rest.indexOf(',');
            String word = comma < 0 ? rest : rest.substring(0, comma);
            words.add(word.length() > keep ? word.substring(0, keep) : word);
            rest = comma < 0 ? null : rest.substring(comma + 1);
        }
        return words;
    }

    /** time_parse_monthdays: numbers 0..31 (base 0), each word cut to two characters. */
    static int monthdays(String arg) throws RuleException {
        int mask = 0;
        for (String day : segments(arg, 2)) {
            CText.Read r = CText.strtoul(day, 0, 0);
            char e = charAt(day, r.end());
            if (e != ',' && e != '\0' || Long.compareUnsigned(r.value() & 0xFFFFFFFFL, 31) > 0) {
                throw new RuleException(day + " is not a valid day for --monthdays");
            }
            mask |= 1 << r.value();
        }
        return mask;
    }

    /** time_parse_weekdays: numbers (1..7, others fall outside the u8) or names by their first two letters. */
    static int weekdays(String arg) throws RuleException {
        int mask = 0;
        for (String day : segments(arg, 3)) {
            CText.Read r = CText.strtoul(day, 0, 0);
            if (r.end() == day.length()) {
                if (r.value() == 0) {
                    throw new RuleException("No, the week does NOT begin with Sunday.");
                }
                // 1 << i in C: the count taken modulo 32 on x86
                mask |= 1 << (int) r.value();
                continue;
            }
            boolean valid = false;
            for (int i = 1; i < WEEK_DAYS.length; i++) {
                if (day.regionMatches(0, WEEK_DAYS[i], 0, 2) && day.length() >= 2) {
                    mask |= 1 << i;
                    valid = true;
                }
            }
            if (!valid) {
                throw new RuleException(day + " is not a valid day specifier");
            }
        }
        return mask;
    }

    @Override
    public Match build() throws RuleException {
        if (contiguous && daytimeStart < daytimeStop) {
            throw new RuleException(
                    "time: --contiguous only makes sense when stoptime is smaller than starttime");
        }
        // libxtables' exclusions in table order: --localtz, --utc, --kerneltz
        if (localTzGiven && utc) {
            throw new RuleException("time: option \"--localtz\" cannot be used together with \"--utc\".\n");
        }
        if (utc && kernelTzGiven) {
            throw new RuleException("time: option \"--utc\" cannot be used together with \"--kerneltz\".\n");
        }
        TimeInfo info = new TimeInfo(dateStart, dateStop, daytimeStart, daytimeStop, monthdays, weekdays, kernelTz,
                contiguous);
        return new TimeMatch(info, 0);
    }
}
