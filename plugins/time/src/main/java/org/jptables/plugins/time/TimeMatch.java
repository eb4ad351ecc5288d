package org.jptables.plugins.time;

import org.jptables.api.ListingFormat;
import org.jptables.api.Match;
import org.jptables.api.Packet;
import org.jptables.api.StateScope;

/**
 * xt_time's time_mt on the packet's own timestamp (whole seconds since 1970): the date range,
 * the daytime (wrapping past midnight when it starts after it stops; --contiguous then counts
 * the early hours as the previous day), the weekday and the monthday. The kernel's timezone,
 * used with --kerneltz, is sys_tz, which Linux keeps at UTC unless told otherwise at boot (on the
 * reference host gettimeofday's timezone, which is sys_tz, reads 0 minutes west): it is
 * {@code minutesWest}, 0 for the rules built here.
 */
record TimeMatch(TimeInfo info, int minutesWest) implements Match {
    private static final long SECONDS_PER_DAY = 86400;
    /** Days since 1970 of New Year of 2039 down to 1970, as xt_time's table. */
    private static final int[] DAYS_SINCE_EPOCH = {
        25202, 24837, 24472, 24106, 23741, 23376, 23011, 22645, 22280, 21915,
        21550, 21184, 20819, 20454, 20089, 19723, 19358, 18993, 18628, 18262,
        17897, 17532, 17167, 16801, 16436, 16071, 15706, 15340, 14975, 14610,
        14245, 13879, 13514, 13149, 12784, 12418, 12053, 11688, 11323, 10957,
        10592, 10227, 9862, 9496, 9131, 8766, 8401, 8035, 7670, 7305,
        6940, 6574, 6209, 5844, 5479, 5113, 4748, 4383, 4018, 3652,
        3287, 2922, 2557, 2191, 1826, 1461, 1096, 730, 365, 0};
    private static final int[] DAYS_SINCE_YEAR = {0, 31, 59, 90, 120, 151, 181, 212, 243, 273, 304, 334};
    private static final int[] DAYS_SINCE_LEAPYEAR = {0, 31, 60, 91, 121, 152, 182, 213, 244, 274, 305, 335};

    @Override
    public boolean matches(Packet packet) {
        long stamp = Math.floorDiv(packet.timeNanos(), 1_000_000_000L);
        if (info.kernelTz()) {
            stamp -= 60L * minutesWest;
        }
        if (stamp < info.dateStart() || stamp > info.dateStop()) {
            return false;
        }
        // div_u64_rem: the stamp read as unsigned
        int daytime = (int) Long.remainderUnsigned(stamp, SECONDS_PER_DAY);
        if (info.daytimeStart() < info.daytimeStop()) {
            if (daytime < info.daytimeStart() || daytime > info.daytimeStop()) {
                return false;
            }
        } else {
            if (daytime < info.daytimeStart() && daytime > info.daytimeStop()) {
                return false;
            }
            if (info.contiguous() && daytime <= info.daytimeStop()) {
                stamp -= SECONDS_PER_DAY;
            }
        }
        // dse is an unsigned int; 1970-01-01 was a Thursday
        long dse = Long.divideUnsigned(stamp, SECONDS_PER_DAY) & 0xFFFFFFFFL;
        int weekday = (int) (((3 + dse) & 0xFFFFFFFFL) % 7) + 1;
        if ((info.weekdays() & 1 << weekday) == 0) {
            return false;
        }
        if (info.monthdays() != TimeInfo.ALL_MONTHDAYS) {
            // a monthday past 31 (dates after 2039) shifts by its count modulo 32, as on x86
            return (info.monthdays() & 1 << monthday(dse)) != 0;
        }
        return true;
    }

    /** localtime_3: the year from the table (2039 at most), then the month by days since New Year. */
    static int monthday(long dse) {
        int i = 0;
        int year = 2039;
        while (DAYS_SINCE_EPOCH[i] > dse) {
            i++;
            year--;
        }
        long w = dse - DAYS_SINCE_EPOCH[i];
        int[] table = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0) ? DAYS_SINCE_LEAPYEAR : DAYS_SINCE_YEAR;
        int m = table.length - 1;
        while (m > 0 && table[m] > w) {
            m--;
        }
        return (int) ((w - table[m] + 1) & 0xFF);
    }

    @Override
    public void print(StringBuilder out, ListingFormat format) {
        info.print(out);
    }

    @Override
    public void save(StringBuilder out) {
        info.save(out);
    }

    /** It reads the packet's own timestamp. */
    @Override
    public StateScope stateScope() {
        return StateScope.NONE;
    }
}
