package org.jptables.fleet;

import java.util.Arrays;

/** {@code bin/jptables fleet ...}: the fleet command in a JVM of its own, with Flink's jars (lib/fleet) on the class path. */
public final class FleetMain {
    private FleetMain() {
    }

    public static void main(String[] args) {
        // Flink logs every step of a job at INFO; the command reports its own progress
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "warn"));
        System.setProperty("org.slf4j.simpleLogger.log.org.pf4j", System.getProperty("org.slf4j.simpleLogger.log.org.pf4j", "off"));
        int status = new FleetTool(System.getenv(), System.out, System.err).run(Arrays.asList(args));
        System.out.flush();
        System.err.flush();
        // the MiniCluster's threads are not all daemons: end the JVM when the command is done
        System.exit(status);
    }
}
