package org.jptables.live.testing;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Assumptions;

/**
 * Network namespaces of a test's own, named {@code jpt-<pid>-<n>-<role>} so that parallel runs
 * never share one; everything a test makes is deleted by {@link #close()}. Live tests run as root
 * only: {@link #assumeAvailable()} skips them with the reason elsewhere.
 */
public final class TestNamespaces implements AutoCloseable {
    private static final AtomicInteger NEXT = new AtomicInteger();
    private final List<String> names = new ArrayList<>();

    /** Skips the calling test unless this process may make namespaces and run iproute2. */
    public static void assumeAvailable() {
        Assumptions.assumeTrue(isRoot(), "live tests need root (network namespaces, NFQUEUE): skipped");
        Assumptions.assumeTrue(Files.isExecutable(Path.of("/usr/sbin/ip")) || Files.isExecutable(Path.of("/sbin/ip")),
                "live tests need iproute2's ip: skipped");
        Assumptions.assumeTrue(run("ip", "netns", "list").exitCode() == 0, "ip netns does not work here: skipped");
    }

    private static boolean isRoot() {
        try {
            return "0".equals(new String(new ProcessBuilder("id", "-u").start().getInputStream().readAllBytes(),
                    StandardCharsets.US_ASCII).trim());
        } catch (IOException e) {
            return false;
        }
    }

    /** Makes a namespace for {@code role} (with lo up) and returns its name. */
    public String add(String role) {
        String name = "jpt-" + ProcessHandle.current().pid() + "-" + NEXT.incrementAndGet() + "-" + role;
        check(run("ip", "netns", "add", name));
        names.add(name);
        check(run("ip", "-n", name, "link", "set", "lo", "up"));
        return name;
    }

    /** Runs {@code command} inside {@code namespace}. */
    public static Result exec(String namespace, String... command) {
        List<String> all = new ArrayList<>(List.of("ip", "netns", "exec", namespace));
        all.addAll(List.of(command));
        return run(all.toArray(String[]::new));
    }

    /** Runs a command to its end (at most a minute) and keeps what it printed. */
    public static Result run(String... command) {
        try {
            Process p = new ProcessBuilder(command).redirectErrorStream(false).start();
            p.getOutputStream().close();
            byte[] out = p.getInputStream().readAllBytes();
            byte[] err = p.getErrorStream().readAllBytes();
            if (!p.waitFor(60, TimeUnit.SECONDS)) {
                p.destroyForcibly();
                throw new IllegalStateException(String.join(" ", command) + ": no end after 60 s");
            }
            return new Result(p.exitValue(), new String(out, StandardCharsets.UTF_8), new String(err, StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new IllegalStateException(String.join(" ", command) + ": " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Fails with the command's own words unless it succeeded. */
    public static Result check(Result r) {
        if (r.exitCode() != 0) {
            throw new IllegalStateException("exit " + r.exitCode() + ": " + r.stderr().strip() + " " + r.stdout().strip());
        }
        return r;
    }

    /**
     * Moves the calling thread into {@code namespace} (setns(2)); sockets it opens from then on
     * belong to that namespace, whichever thread uses them later. Use a thread of the test's own.
     */
    public static void enter(String namespace) {
        try (Arena arena = Arena.ofConfined()) {
            Linker linker = Linker.nativeLinker();
            MethodHandle open = linker.downcallHandle(linker.defaultLookup().find("open").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT));
            MethodHandle setns = linker.downcallHandle(linker.defaultLookup().find("setns").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            MethodHandle close = linker.downcallHandle(linker.defaultLookup().find("close").orElseThrow(),
                    FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
            MemorySegment path = arena.allocateFrom("/var/run/netns/" + namespace);
            int fd = (int) open.invokeExact(path, 0x80000); // O_RDONLY | O_CLOEXEC
            if (fd < 0) {
                throw new IllegalStateException("no namespace " + namespace);
            }
            int rc = (int) setns.invokeExact(fd, 0x40000000); // CLONE_NEWNET
            int ignored = (int) close.invokeExact(fd);
            if (rc != 0) {
                throw new IllegalStateException("setns into " + namespace + " failed");
            }
        } catch (RuntimeException | Error e) {
            throw e;
        } catch (Throwable t) {
            throw new IllegalStateException(t);
        }
    }

    @Override
    public void close() {
        for (String name : names.reversed()) {
            run("ip", "netns", "del", name);
        }
        names.clear();
    }

    /** What a command printed and its exit status. */
    public record Result(int exitCode, String stdout, String stderr) {
    }
}
