package org.jptables.plugins.time;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.jptables.kernel.packet.PacketView;
import org.jptables.testkit.RuleTester;
import org.jptables.testkit.TestPackets;
import org.junit.jupiter.api.Test;

/** What -m time does with the packets' own timestamps (xt_time.c's time_mt), in UTC. */
class TimeTest {
    private final RuleTester filter = RuleTester.filter();

    private static PacketView at(String isoUtc) {
        PacketView p = TestPackets.udp("10.0.0.1", 1, "10.0.0.2", 2).view();
        p.timeNanos(LocalDateTime.parse(isoUtc).toEpochSecond(ZoneOffset.UTC) * 1_000_000_000L + 123);
        return p;
    }

    private boolean matches(String options, String isoUtc) {
        return filter.matches("-m time " + options, at(isoUtc));
    }

    @Test
    void daytimes() {
        assertTrue(matches("--timestart 08:00 --timestop 18:00", "2024-06-03T08:00:00"));
        assertTrue(matches("--timestart 08:00 --timestop 18:00", "2024-06-03T18:00:00"));
        assertFalse(matches("--timestart 08:00 --timestop 18:00", "2024-06-03T18:00:01"));
        assertFalse(matches("--timestart 08:00 --timestop 18:00", "2024-06-03T07:59:59"));
        // past midnight: 23:00 to 01:00
        assertTrue(matches("--timestart 23:00 --timestop 01:00", "2024-06-03T23:30:00"));
        assertTrue(matches("--timestart 23:00 --timestop 01:00", "2024-06-04T00:30:00"));
        assertFalse(matches("--timestart 23:00 --timestop 01:00", "2024-06-04T01:00:01"));
    }

    @Test
    void weekdaysAndContiguous() {
        // 2024-06-03 is a Monday
        assertTrue(matches("--weekdays Mon", "2024-06-03T12:00:00"));
        assertFalse(matches("--weekdays Mon", "2024-06-04T12:00:00"));
        assertTrue(matches("! --weekdays Mon", "2024-06-09T12:00:00"));
        // Monday 23:00 to 01:00: without --contiguous the early hours of Monday match, Tuesday's do not
        assertTrue(matches("--timestart 23:00 --timestop 01:00 --weekdays Mon", "2024-06-03T00:30:00"));
        assertFalse(matches("--timestart 23:00 --timestop 01:00 --weekdays Mon", "2024-06-04T00:30:00"));
        // with --contiguous they count as the day before: Tuesday 00:30 is Monday night
        assertTrue(matches("--timestart 23:00 --timestop 01:00 --weekdays Mon --contiguous", "2024-06-04T00:30:00"));
        assertFalse(matches("--timestart 23:00 --timestop 01:00 --weekdays Mon --contiguous", "2024-06-03T00:30:00"));
    }

    @Test
    void monthdaysAndDates() {
        assertTrue(matches("--monthdays 29", "2024-02-29T12:00:00"));
        assertTrue(matches("--monthdays 1", "2024-03-01T00:00:00"));
        assertFalse(matches("--monthdays 1", "2024-02-29T23:59:59"));
        assertTrue(matches("! --monthdays 31", "2023-12-30T10:00:00"));
        assertTrue(matches("--datestart 2024-06-01 --datestop 2024-06-30T23:59:59", "2024-06-30T23:59:59"));
        assertFalse(matches("--datestart 2024-06-01 --datestop 2024-06-30T23:59:59", "2024-07-01T00:00:00"));
        assertFalse(matches("--datestart 2024-06-01", "2024-05-31T23:59:59"));
        // the default stop is INT_MAX: 2038-01-19 03:14:07
        assertTrue(matches("", "2038-01-19T03:14:07"));
        assertFalse(matches("", "2038-01-19T03:14:08"));
    }

    @Test
    void kernelTimezoneIsUtcOnTheReferenceHost() {
        assertTrue(matches("--timestart 08:00 --timestop 09:00 --kerneltz", "2024-06-03T08:30:00"));
    }

    /** localtime_3's tables give the calendar's day of the month for every day up to 2038. */
    @Property(tries = 3000)
    void monthdayAsTheCalendar(@ForAll @LongRange(min = 0, max = 25201) long day) {
        assertEquals(LocalDate.ofEpochDay(day).getDayOfMonth(), TimeMatch.monthday(day));
    }

    /** The weekday rule of time_mt agrees with the calendar. */
    @Property(tries = 1000)
    void weekdayAsTheCalendar(@ForAll @LongRange(min = 0, max = 2_000_000_000L) long second) {
        PacketView p = TestPackets.udp("10.0.0.1", 1, "10.0.0.2", 2).view();
        p.timeNanos(second * 1_000_000_000L);
        int weekday = LocalDateTime.ofEpochSecond(second, 0, ZoneOffset.UTC).getDayOfWeek().getValue();
        String[] names = {null, "Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"};
        assertTrue(filter.matches("-m time --weekdays " + names[weekday], p));
        assertFalse(filter.matches("-m time ! --weekdays " + names[weekday], p));
    }

    @Test
    void helpIsIptables() throws Exception {
        try (InputStream in = TimeTest.class.getResourceAsStream("/help-time.txt")) {
            assertEquals(new String(in.readAllBytes(), StandardCharsets.UTF_8), new TimeExtension().help());
        }
    }
}
