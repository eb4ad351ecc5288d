package org.jptables.live.control;

import java.io.IOException;
import java.net.ConnectException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.nio.file.attribute.UserPrincipal;
import java.util.Objects;

/**
 * The daemon's end of the control socket: the socket file made (mode 0600, its folder made if
 * missing), a file left by a daemon that died replaced, and removed again on close, if it is still
 * this daemon's.
 */
final class ControlSocket implements AutoCloseable {
    /** Mode of a socket in st_mode's file type bits. */
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    private final Path path;
    private final ServerSocketChannel channel;
    private final Object fileKey;
    private final UserPrincipal owner;

    private ControlSocket(Path path, ServerSocketChannel channel, Object fileKey, UserPrincipal owner) {
        this.path = path;
        this.channel = channel;
        this.fileKey = fileKey;
        this.owner = owner;
    }

    /** Listens on {@code path}; refuses (one line) while another daemon listens there. */
    static ControlSocket open(Path path) throws IOException {
        Path parent = path.toAbsolutePath().getParent();
        if (parent != null) {
            Files.createDirectories(parent);
        }
        if (Files.exists(path, LinkOption.NOFOLLOW_LINKS)) {
            replaceStale(path);
        }
        ServerSocketChannel channel = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            channel.bind(UnixDomainSocketAddress.of(path));
            Files.setPosixFilePermissions(path, PosixFilePermissions.fromString("rw-------"));
            BasicFileAttributes attributes = Files.readAttributes(path, BasicFileAttributes.class,
                    LinkOption.NOFOLLOW_LINKS);
            return new ControlSocket(path, channel, attributes.fileKey(), Files.getOwner(path));
        } catch (IOException e) {
            channel.close();
            throw new ControlSocketException("jptables daemon: " + path + ": " + e.getMessage(), e);
        }
    }

    /** Removes the socket a dead daemon left, and nothing else. */
    private static void replaceStale(Path path) throws IOException {
        int mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        if ((mode & S_IFMT) != S_IFSOCK) {
            throw new ControlSocketException("jptables daemon: " + path + " exists and is not a socket");
        }
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            throw new ControlSocketException("jptables daemon: another daemon listens on " + path);
        } catch (ConnectException refused) {
            try {
                Files.delete(path);
            } catch (NoSuchFileException e) {
                // removed meanwhile by whoever found it stale too
            }
        } catch (ControlSocketException e) {
            throw e;
        } catch (IOException e) {
            throw new ControlSocketException("jptables daemon: " + path + ": " + e.getMessage(), e);
        }
    }

    Path path() {
        return path;
    }

    ServerSocketChannel channel() {
        return channel;
    }

    /** The user the socket file belongs to: the daemon's. */
    UserPrincipal owner() {
        return owner;
    }

    @Override
    public void close() throws IOException {
        channel.close();
        try {
            BasicFileAttributes now = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            // another daemon started since may have put its own socket here
            if (Objects.equals(now.fileKey(), fileKey)) {
                Files.delete(path);
            }
        } catch (NoSuchFileException e) {
            // already gone
        }
    }
}
