package org.jptables.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.ReadableByteChannel;

/** Reads a file through one fixed buffer: constant memory, whatever the capture's size. */
final class ByteSource implements AutoCloseable {
    private final ReadableByteChannel channel;
    private final ByteBuffer buffer = ByteBuffer.allocateDirect(1 << 20);
    private long offset;
    private boolean eof;

    ByteSource(ReadableByteChannel channel) {
        this(channel, 0);
    }

    /** A channel already positioned at {@code offset} of its file: offsets are told as the file's. */
    ByteSource(ReadableByteChannel channel, long offset) {
        this.channel = channel;
        this.offset = offset;
        buffer.flip();
    }

    long offset() {
        return offset;
    }

    /**
     * Reads exactly {@code n} bytes into {@code into} at {@code at}. Returns false at a clean end
     * of file (nothing read); throws when the file ends inside the {@code n} bytes.
     */
    boolean read(byte[] into, int at, int n, String what) throws IOException {
        int done = 0;
        while (done < n) {
            if (!buffer.hasRemaining()) {
                if (eof || !fill()) {
                    if (done == 0) {
                        return false;
                    }
                    throw new CaptureException(offset, "the file ends inside " + what + " (" + done + " of " + n + " bytes)");
                }
            }
            int take = Math.min(n - done, buffer.remaining());
            buffer.get(into, at + done, take);
            done += take;
            offset += take;
        }
        return true;
    }

    /** Skips {@code n} bytes; throws when the file ends first. */
    void skip(long n, String what) throws IOException {
        long left = n;
        while (left > 0) {
            if (!buffer.hasRemaining() && !fill()) {
                throw new CaptureException(offset, "the file ends inside " + what);
            }
            int take = (int) Math.min(left, buffer.remaining());
            buffer.position(buffer.position() + take);
            left -= take;
            offset += take;
        }
    }

    private boolean fill() throws IOException {
        buffer.clear();
        int r = channel.read(buffer);
        buffer.flip();
        if (r <= 0) {
            eof = true;
            return false;
        }
        return true;
    }

    @Override
    public void close() throws IOException {
        channel.close();
    }
}
