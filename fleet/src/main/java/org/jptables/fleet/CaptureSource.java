package org.jptables.fleet;

import java.io.IOException;
import java.net.URI;
import java.nio.channels.Channels;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.flink.core.fs.FileSystem;
import org.jptables.capture.CaptureReader;

/**
 * Opens a capture named in the manifest: a local path through a file channel (the fastest way), any
 * other URI ({@code hdfs://}, {@code s3://}, ... whatever file systems the Flink installation has)
 * through Flink's file system abstraction.
 */
final class CaptureSource {
    private CaptureSource() {
    }

    static CaptureReader open(String capture) throws IOException {
        Path local = localPath(capture);
        if (local != null) {
            return CaptureReader.open(local);
        }
        org.apache.flink.core.fs.Path path = new org.apache.flink.core.fs.Path(capture);
        FileSystem fs = path.getFileSystem();
        return CaptureReader.open(Channels.newChannel(fs.open(path)));
    }

    /** The capture's size in bytes, or 1 where asking would cost a remote call (only balancing uses it). */
    static long size(String capture) {
        Path local = localPath(capture);
        try {
            return local != null ? Files.size(local) : 1;
        } catch (IOException e) {
            return 1;
        }
    }

    /** A path without a scheme, or a file: URI, as a local path; null for any other URI. */
    static Path localPath(String capture) {
        int colon = capture.indexOf(':');
        int slash = capture.indexOf('/');
        if (colon <= 1 || (slash >= 0 && slash < colon)) {
            return Path.of(capture); // no scheme (a one-letter one is a Windows drive)
        }
        if (capture.startsWith("file:")) {
            return Path.of(URI.create(capture));
        }
        return null;
    }
}
