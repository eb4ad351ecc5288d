package org.jptables.commands.control;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Function;

/** A daemon's end of the control socket for the client's tests: records each request and answers as told. */
final class FakeDaemon implements AutoCloseable {
    final List<ControlRequest> requests = new CopyOnWriteArrayList<>();
    private final ServerSocketChannel server;
    private final Path path;
    private final Thread thread;

    private interface Behaviour {
        void after(ControlRequest request, DeadlineChannel channel) throws IOException, InterruptedException;
    }

    private FakeDaemon(Path path, Behaviour behaviour) throws IOException {
        this.path = path;
        this.server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        server.bind(UnixDomainSocketAddress.of(path));
        this.thread = Thread.ofVirtual().start(() -> {
            while (true) {
                SocketChannel accepted;
                try {
                    accepted = server.accept();
                } catch (IOException e) {
                    return;
                }
                try (DeadlineChannel channel = new DeadlineChannel(accepted, Duration.ofSeconds(10))) {
                    ControlRequest request = ControlProtocol.readRequest(channel);
                    requests.add(request);
                    behaviour.after(request, channel);
                } catch (IOException | InterruptedException e) {
                    // the client's side of the test tells what went wrong
                }
            }
        });
    }

    /** Answers each request with {@code answer}'s response. */
    static FakeDaemon answering(Path path, Function<ControlRequest, ControlResponse> answer) throws IOException {
        return new FakeDaemon(path, (request, channel) -> ControlProtocol.writeResponse(channel, answer.apply(request)));
    }

    /** Reads each request and never answers. */
    static FakeDaemon silent(Path path) throws IOException {
        return new FakeDaemon(path, (request, channel) -> Thread.sleep(5_000));
    }

    /** Answers each request with a frame header announcing {@code length} bytes, and nothing more. */
    static FakeDaemon announcing(Path path, int length) throws IOException {
        return new FakeDaemon(path, (request, channel) -> {
            channel.writeFully(ByteBuffer.allocate(4).putInt(0, length));
            Thread.sleep(1_000);
        });
    }

    @Override
    public void close() throws IOException {
        server.close();
        thread.interrupt();
        Files.deleteIfExists(path);
    }
}
