package org.jptables.live.host;

/** Reads the whole host anew each time it is asked; {@link RouteDump} asks the kernel. */
interface HostReader extends AutoCloseable {
    HostSnapshot read();

    @Override
    void close();
}
