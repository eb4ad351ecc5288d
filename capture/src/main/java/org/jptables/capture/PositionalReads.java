package org.jptables.capture;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;

/** Reads at a file offset without moving the channel: how the split readers probe for records. */
final class PositionalReads {
    private PositionalReads() {
    }

    /** Reads {@code n} bytes at {@code at} into {@code into}; false when the file ends first. */
    static boolean readFully(FileChannel channel, long at, byte[] into, int n) throws IOException {
        ByteBuffer b = ByteBuffer.wrap(into, 0, n);
        while (b.hasRemaining()) {
            if (channel.read(b, at + b.position()) < 0) {
                return false;
            }
        }
        return true;
    }
}
