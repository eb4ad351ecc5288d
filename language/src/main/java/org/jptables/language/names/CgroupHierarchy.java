package org.jptables.language.names;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Where this machine mounts its cgroup v2 hierarchy, found once from /proc/self/mounts. */
final class CgroupHierarchy {
    /** The mount point of the first cgroup2 mount, or null when there is none. */
    static final Path ROOT = find();

    private CgroupHierarchy() {
    }

    private static Path find() {
        try {
            for (String line : Files.readAllLines(Path.of("/proc/self/mounts"))) {
                String[] fields = line.split(" ");
                if (fields.length > 2 && fields[2].equals("cgroup2")) {
                    // /proc/self/mounts escapes blanks in paths as octal
                    return Path.of(fields[1].replace("\\040", " "));
                }
            }
        } catch (IOException | RuntimeException e) {
            return null;
        }
        return null;
    }
}
