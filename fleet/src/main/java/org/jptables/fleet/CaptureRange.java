package org.jptables.fleet;

/**
 * A byte range {@code [start, end)} of one capture of a host replayed by connection: what one
 * reading task reads. A Flink POJO.
 */
public final class CaptureRange {
    public String host;
    /** The capture's place in the host's list: packets are replayed in (file, offset) order. */
    public int file;
    public String path;
    public long start;
    public long end;
    /** The range's place in its file (0 for the first), for the synchronisation check. */
    public int index;

    public CaptureRange() {
    }

    CaptureRange(String host, int file, String path, long start, long end, int index) {
        this.host = host;
        this.file = file;
        this.path = path;
        this.start = start;
        this.end = end;
        this.index = index;
    }
}
