package org.jptables.plugins.time;

import java.util.List;
import org.jptables.api.MatchBuilder;
import org.jptables.api.MatchExtension;
import org.jptables.api.Option;
import org.jptables.api.RuleContext;

/** {@code -m time} (xt_time): the packet's timestamp against dates, daytimes, weekdays and monthdays. */
@org.pf4j.Extension
public final class TimeExtension implements MatchExtension {
    static final String DATE_START = "--datestart";
    static final String DATE_STOP = "--datestop";
    static final String TIME_START = "--timestart";
    static final String TIME_STOP = "--timestop";
    static final String CONTIGUOUS = "--contiguous";
    static final String WEEKDAYS = "--weekdays";
    static final String MONTHDAYS = "--monthdays";
    static final String LOCAL_TZ = "--localtz";
    static final String UTC = "--utc";
    static final String KERNEL_TZ = "--kerneltz";

    static final String HELP = "time match options:\n"
            + "    --datestart time     Start and stop time, to be given in ISO 8601\n"
            + "    --datestop time      (YYYY[-MM[-DD[Thh[:mm[:ss]]]]])\n"
            + "    --timestart time     Start and stop daytime (hh:mm[:ss])\n"
            + "    --timestop time      (between 00:00:00 and 23:59:59)\n"
            + "[!] --monthdays value    List of days on which to match, separated by comma\n"
            + "                         (Possible days: 1 to 31; defaults to all)\n"
            + "[!] --weekdays value     List of weekdays on which to match, sep. by comma\n"
            + "                         (Possible days: Mon,Tue,Wed,Thu,Fri,Sat,Sun or 1 to 7\n"
            + "                         Defaults to all weekdays.)\n"
            + "    --kerneltz           Work with the kernel timezone instead of UTC\n";

    private static final List<Option> OPTIONS = List.of(
            Option.withArgument(DATE_START),
            Option.withArgument(DATE_STOP),
            Option.withArgument(TIME_START),
            Option.withArgument(TIME_STOP),
            Option.flag(CONTIGUOUS),
            Option.withArgument(WEEKDAYS).invertible(),
            Option.withArgument(MONTHDAYS).invertible(),
            Option.flag(LOCAL_TZ),
            Option.flag(UTC),
            Option.flag(KERNEL_TZ));

    @Override
    public String name() {
        return "time";
    }

    @Override
    public List<Option> options() {
        return OPTIONS;
    }

    @Override
    public String help() {
        return HELP;
    }

    @Override
    public MatchBuilder newBuilder(RuleContext rule) {
        return new TimeBuilder(rule);
    }
}
