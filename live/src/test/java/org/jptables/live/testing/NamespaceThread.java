package org.jptables.live.testing;

import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * A thread of a test's own that lives in one network namespace (entered by setns before its first
 * task): sockets it opens belong to that namespace. Tasks run one after the other on it.
 */
public final class NamespaceThread implements AutoCloseable {
    private final ExecutorService executor;
    private final String namespace;

    public NamespaceThread(String namespace) {
        this.namespace = namespace;
        this.executor = Executors.newSingleThreadExecutor(task -> {
            Thread t = new Thread(() -> {
                TestNamespaces.enter(namespace);
                task.run();
            }, "in-" + namespace);
            t.setDaemon(true);
            return t;
        });
    }

    /** Runs {@code task} on this thread and returns its result; its failure is rethrown as is. */
    public <T> T call(Callable<T> task) {
        try {
            return executor.submit(task).get(30, TimeUnit.SECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            if (e.getCause() instanceof Error err) {
                throw err;
            }
            throw new IllegalStateException(e.getCause());
        } catch (TimeoutException e) {
            throw new IllegalStateException("a task in " + namespace + " did not end within 30 s");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException(e);
        }
    }

    /** Runs {@code task} on this thread. */
    public void run(ThrowingRunnable task) {
        call(() -> {
            task.run();
            return null;
        });
    }

    /** A task that may throw. */
    @FunctionalInterface
    public interface ThrowingRunnable {
        void run() throws Exception;
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
