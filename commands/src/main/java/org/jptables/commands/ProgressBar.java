package org.jptables.commands;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.jptables.capture.CaptureReader;
import org.jptables.capture.CaptureRecord;
import org.jptables.capture.replay.CaptureReplay;

/** A progress bar on standard error, for replays run at a terminal; redrawn a few times a second. */
final class ProgressBar implements CaptureReplay.Progress {
    private final PrintStream err;
    private final long size;
    private long next;
    private long frames;

    ProgressBar(PrintStream err, Path capture) throws IOException {
        this.err = err;
        this.size = Math.max(1, Files.size(capture));
    }

    @Override
    public void advance(CaptureReader reader, CaptureRecord record) {
        frames++;
        long now = System.nanoTime();
        if (now < next) {
            return;
        }
        next = now + 200_000_000L;
        int percent = (int) Math.min(100, record.fileOffset * 100 / size);
        int filled = percent / 4;
        err.print("\r[" + "#".repeat(filled) + " ".repeat(25 - filled) + "] " + percent + "% " + frames + " frames");
        if (percent >= 100) {
            err.print("\n");
        }
    }
}
