package org.jptables.commands.control;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.SocketChannel;
import java.nio.file.Path;
import java.time.Duration;

/**
 * A socket channel whose every read and write must be done before a deadline. Unix-domain
 * channels have no socket timeout (their {@code socket()} adapter is unsupported), so the channel is
 * non-blocking and each wait is a select bounded by the time left.
 */
public final class DeadlineChannel implements AutoCloseable {
    private final SocketChannel channel;
    private final Selector selector;
    private final SelectionKey key;
    private long deadline;
    private final Duration timeout;

    /** Takes over {@code channel} (made non-blocking); everything must be done within {@code timeout} from now. */
    public DeadlineChannel(SocketChannel channel, Duration timeout) throws IOException {
        this.channel = channel;
        this.timeout = timeout;
        this.deadline = System.nanoTime() + timeout.toNanos();
        channel.configureBlocking(false);
        this.selector = Selector.open();
        try {
            this.key = channel.register(selector, 0);
        } catch (IOException | RuntimeException e) {
            selector.close();
            throw e;
        }
    }

    /**
     * Connects to the Unix-domain socket {@code socket}. A refused connection (nobody listens: a socket
     * file left by a daemon that died) and a socket file that is gone are {@link java.net.ConnectException}s.
     */
    public static DeadlineChannel connect(Path socket, Duration timeout) throws IOException {
        SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
        DeadlineChannel connection = null;
        try {
            connection = new DeadlineChannel(channel, timeout);
            if (!channel.connect(UnixDomainSocketAddress.of(socket))) {
                while (!channel.finishConnect()) {
                    connection.await(SelectionKey.OP_CONNECT);
                }
            }
            return connection;
        } catch (IOException | RuntimeException e) {
            if (connection != null) {
                connection.close();
            } else {
                channel.close();
            }
            throw e;
        }
    }

    /** The channel, for its options (the peer's credentials). */
    public SocketChannel channel() {
        return channel;
    }

    /** Allows the whole timeout again from now: the daemon's answer gets its own time, however long the command ran. */
    public void renew() {
        deadline = System.nanoTime() + timeout.toNanos();
    }

    /** Reads until {@code into} is full; the peer closing before is an error naming how much came. */
    public void readFully(ByteBuffer into) throws IOException {
        int wanted = into.remaining();
        while (into.hasRemaining()) {
            int n = channel.read(into);
            if (n < 0) {
                throw new ControlException("the connection was closed after " + (wanted - into.remaining()) + " of "
                        + wanted + " bytes");
            }
            if (n == 0) {
                await(SelectionKey.OP_READ);
            }
        }
    }

    /** Writes all of {@code from}. */
    public void writeFully(ByteBuffer from) throws IOException {
        while (from.hasRemaining()) {
            if (channel.write(from) == 0) {
                await(SelectionKey.OP_WRITE);
            }
        }
    }

    private void await(int operation) throws IOException {
        long left = deadline - System.nanoTime();
        if (left <= 0) {
            throw new ControlException.Timeout("nothing was done within " + timeout.toSeconds() + " s");
        }
        key.interestOps(operation);
        selector.select(Math.max(1, Duration.ofNanos(left).toMillis()));
        selector.selectedKeys().clear();
        if (Thread.interrupted()) {
            throw new InterruptedIOException("interrupted while waiting on the control socket");
        }
    }

    @Override
    public void close() throws IOException {
        try {
            selector.close();
        } finally {
            channel.close();
        }
    }
}
