package org.jptables.fleet;

import java.util.Arrays;
import org.jptables.commands.Main;

/** {@code bin/jptables fleet ...}: the fleet command in a JVM of its own, with Flink's jars (lib/fleet) on the class path. */
public final class FleetMain {
    private FleetMain() {
    }

    public static void main(String[] args) {
        // Flink logs every step of a job, and warns of what a local run does not need (Hadoop, delegation
        // tokens, a log file for its web UI); the command reports its own progress and errors
        System.setProperty("org.slf4j.simpleLogger.defaultLogLevel",
                System.getProperty("org.slf4j.simpleLogger.defaultLogLevel", "error"));
        System.setProperty("org.slf4j.simpleLogger.log.org.pf4j", System.getProperty("org.slf4j.simpleLogger.log.org.pf4j", "off"));
        // through Main, which takes jptables' leading options (--state, --plugins) and the word fleet
        int status = Main.run(Arrays.asList(args), System.getenv(), System.out, System.err);
        System.out.flush();
        System.err.flush();
        // the MiniCluster's threads are not all daemons: end the JVM when the command is done
        System.exit(status);
    }
}
