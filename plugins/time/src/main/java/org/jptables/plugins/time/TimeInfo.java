package org.jptables.plugins.time;

import java.time.LocalDateTime;
import java.time.ZoneOffset;

/**
 * struct xt_time_info: the rule's limits as the kernel gets them, and their -L and -S texts as
 * libxt_time prints them.
 *
 * @param dateStart    seconds since 1970 (u32), 0 when not given
 * @param dateStop     seconds since 1970 (u32), INT_MAX when not given
 * @param daytimeStart seconds since midnight
 * @param daytimeStop  seconds since midnight
 * @param monthdays    bit d: day d of the month (bit 0 can be set but never matches)
 * @param weekdays     bit d: Monday 1 to Sunday 7 (u8)
 * @param kernelTz     --kerneltz: the kernel's timezone instead of UTC
 * @param contiguous   --contiguous
 */
record TimeInfo(long dateStart, long dateStop, int daytimeStart, int daytimeStop, int monthdays, int weekdays,
                boolean kernelTz, boolean contiguous) {
    static final long DATE_STOP_DEFAULT = Integer.MAX_VALUE;
    static final int MAX_DAYTIME = 24 * 60 * 60 - 1;
    static final int ALL_MONTHDAYS = 0xFFFFFFFE;
    static final int ALL_WEEKDAYS = 0xFE;
    private static final String[] WEEK_DAYS = {null, "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};

    void print(StringBuilder out) {
        out.append(" TIME");
        if (daytimeStart != 0 || daytimeStop != MAX_DAYTIME) {
            out.append(" from ");
            daytime(daytimeStart, out);
            out.append(" to ");
            daytime(daytimeStop, out);
        }
        if (weekdays != ALL_WEEKDAYS) {
            out.append(" on");
            weekdays(out);
        }
        if (monthdays != ALL_MONTHDAYS) {
            out.append(" on");
            monthdays(out, true);
        }
        if (dateStart != 0) {
            out.append(" starting from");
            date(dateStart, null, out);
        }
        if (dateStop != DATE_STOP_DEFAULT) {
            out.append(" until date");
            date(dateStop, null, out);
        }
        if (!kernelTz) {
            out.append(" UTC");
        }
        if (contiguous) {
            out.append(" contiguous");
        }
    }

    void save(StringBuilder out) {
        if (daytimeStart != 0 || daytimeStop != MAX_DAYTIME) {
            out.append(" --timestart ");
            daytime(daytimeStart, out);
            out.append(" --timestop ");
            daytime(daytimeStop, out);
        }
        if (monthdays != ALL_MONTHDAYS) {
            out.append(" --monthdays");
            monthdays(out, false);
        }
        if (weekdays != ALL_WEEKDAYS) {
            out.append(" --weekdays");
            weekdays(out);
        }
        // time_print_date skips 0 and LONG_MAX only: the default stop, INT_MAX, is saved
        date(dateStart, "--datestart", out);
        date(dateStop, "--datestop", out);
        if (kernelTz) {
            out.append(" --kerneltz");
        }
        if (contiguous) {
            out.append(" --contiguous");
        }
    }

    private static void daytime(int seconds, StringBuilder out) {
        out.append(String.format("%02d:%02d:%02d", seconds / 3600, seconds / 60 % 60, seconds % 60));
    }

    private void weekdays(StringBuilder out) {
        out.append(' ');
        boolean first = true;
        for (int d = 1; d <= 7; d++) {
            if ((weekdays & 1 << d) != 0) {
                out.append(first ? "" : ",").append(WEEK_DAYS[d]);
                first = false;
            }
        }
    }

    /** time_print_monthdays: 1st, 2nd, 3rd... by the last digit alone (11st, 12nd), as libxt_time. */
    private void monthdays(StringBuilder out, boolean human) {
        out.append(' ');
        boolean first = true;
        for (int d = 1; d <= 31; d++) {
            if ((monthdays & 1 << d) != 0) {
                out.append(first ? "" : ",").append(d);
                first = false;
                if (human) {
                    out.append(switch (d % 10) {
                        case 1 -> "st";
                        case 2 -> "nd";
                        case 3 -> "rd";
                        default -> "th";
                    });
                }
            }
        }
    }

    /** time_print_date: gmtime of the u32 value, ISO with a "T" after an option, with a space in -L. */
    private static void date(long seconds, String option, StringBuilder out) {
        if (option != null && seconds == 0) {
            return;
        }
        LocalDateTime t = LocalDateTime.ofEpochSecond(seconds, 0, ZoneOffset.UTC);
        String text = String.format("%04d-%02d-%02d%s%02d:%02d:%02d", t.getYear(), t.getMonthValue(),
                t.getDayOfMonth(), option != null ? "T" : " ", t.getHour(), t.getMinute(), t.getSecond());
        out.append(' ');
        if (option != null) {
            out.append(option).append(' ');
        }
        out.append(text);
    }
}
