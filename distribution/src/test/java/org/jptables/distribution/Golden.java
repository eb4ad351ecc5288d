package org.jptables.distribution;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** The expected outputs recorded with the real iptables-legacy 1.8.9 (see src/test/golden/README.md). */
final class Golden {
    private Golden() {
    }

    static Path root() {
        try {
            return Path.of(Golden.class.getResource("/golden").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** ../shared beside the project, where the corpus lives; null when it is not there. */
    static Path shared() {
        Path p = Path.of(System.getProperty("jptables.shared", "../../shared"));
        return Files.isDirectory(p) ? p : null;
    }

    static String read(Path file) {
        try {
            return Files.readString(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static List<Path> list(Path dir) {
        try (Stream<Path> s = Files.list(dir)) {
            return s.sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
