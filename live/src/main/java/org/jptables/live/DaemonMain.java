package org.jptables.live;

import java.util.Arrays;

/**
 * {@code jptables daemon}'s entry point (bin/jptables starts it with native access for netlink).
 * Logs go to standard error: LOG lines at info (logger {@code jptables.log}), shadow mode's
 * disagreements ({@code jptables.shadow}), the daemon's own news; a service manager keeps them.
 */
public final class DaemonMain {
    private DaemonMain() {
    }

    public static void main(String[] args) {
        defaultProperty("org.slf4j.simpleLogger.defaultLogLevel", "info");
        defaultProperty("org.slf4j.simpleLogger.log.org.pf4j", "off");
        defaultProperty("org.slf4j.simpleLogger.showDateTime", "true");
        defaultProperty("org.slf4j.simpleLogger.dateTimeFormat", "yyyy-MM-dd'T'HH:mm:ss.SSSXXX");
        defaultProperty("org.slf4j.simpleLogger.showShortLogName", "true");
        int status = new DaemonTool(System.getenv(), System.out, System.err).run(Arrays.asList(args));
        System.out.flush();
        System.err.flush();
        System.exit(status);
    }

    private static void defaultProperty(String key, String value) {
        if (System.getProperty(key) == null) {
            System.setProperty(key, value);
        }
    }
}
