package dev.myelin.kernel;

import java.util.concurrent.ForkJoinPool;
import java.util.concurrent.ForkJoinTask;
import java.util.concurrent.ForkJoinWorkerThread;

/**
 * The one shared thread pool for all kernels, and a deterministic parallel-for over an index range.
 *
 * <p>The default size is the number of available processors; the environment variable
 * {@code MYELIN_THREADS} or the system property {@code myelin.threads} (which wins) overrides it,
 * and {@link #setThreads(int)} changes it at run time. The calling thread always runs one chunk
 * itself, so a pool of {@code threads() - 1} workers is enough. Calls made from inside a running
 * chunk (nested parallelism) run inline, so kernels can freely call other kernels.
 */
public final class Parallel {

    /** Body of a parallel loop: processes the half-open index range [from, to). */
    @FunctionalInterface
    public interface RangeBody {
        /** Processes indices {@code from} (inclusive) to {@code to} (exclusive). */
        void run(int from, int to);
    }

    private static volatile int threads = initialThreads();
    private static volatile ForkJoinPool pool;

    /** Marks threads that are currently executing a chunk, so nested calls run inline. */
    private static final ThreadLocal<boolean[]> INSIDE = ThreadLocal.withInitial(() -> new boolean[1]);

    private Parallel() {
    }

    private static int initialThreads() {
        String prop = System.getProperty("myelin.threads");
        String env = System.getenv("MYELIN_THREADS");
        String s = prop != null && !prop.isBlank() ? prop : env;
        if (s != null && !s.isBlank()) {
            try {
                int n = Integer.parseInt(s.trim());
                if (n >= 1) {
                    return n;
                }
            } catch (NumberFormatException ignored) {
                // fall through to the default: a bad setting must not break class loading
            }
            System.err.println("myelin: ignoring invalid thread count '" + s + "', using available processors");
        }
        return Math.max(1, Runtime.getRuntime().availableProcessors());
    }

    /** Number of threads kernels split their work over (including the calling thread). */
    public static int threads() {
        return threads;
    }

    /**
     * Sets the number of threads kernels use.
     *
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public static synchronized void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("thread count must be >= 1, got " + n);
        }
        if (n == threads) {
            return;
        }
        threads = n;
        ForkJoinPool old = pool;
        pool = null;
        if (old != null) {
            old.shutdown(); // running tasks finish; idle workers exit
        }
    }

    private static ForkJoinPool pool(int workers) {
        ForkJoinPool p = pool;
        if (p == null || p.getParallelism() != workers) {
            synchronized (Parallel.class) {
                p = pool;
                if (p == null || p.getParallelism() != workers) {
                    p = new ForkJoinPool(workers, Parallel::newWorker, null, false);
                    pool = p;
                }
            }
        }
        return p;
    }

    private static ForkJoinWorkerThread newWorker(ForkJoinPool p) {
        ForkJoinWorkerThread t = ForkJoinPool.defaultForkJoinWorkerThreadFactory.newThread(p);
        t.setName("myelin-kernel-" + t.getPoolIndex());
        t.setDaemon(true);
        return t;
    }

    /**
     * Number of chunks {@link #forRange} uses for {@code n} items with at least {@code minChunk}
     * items per chunk (1 when it would run inline).
     */
    public static int chunks(int n, int minChunk) {
        int t = threads;
        if (t <= 1 || n <= 0) {
            return 1;
        }
        int byWork = n / Math.max(1, minChunk);
        return Math.max(1, Math.min(t, byWork));
    }

    /**
     * Splits [0, n) into at most {@link #threads()} contiguous chunks of at least {@code minChunk}
     * items and runs {@code body} on each, the caller running the first. The split depends only on
     * {@code n}, {@code minChunk} and the thread count: chunk {@code i} of {@code c} is
     * {@code [i*n/c, (i+1)*n/c)}. Runs inline when there is one chunk or when called from inside
     * another chunk. Exceptions from any chunk are rethrown after all chunks finish.
     */
    public static void forRange(int n, int minChunk, RangeBody body) {
        if (n <= 0) {
            return;
        }
        boolean[] inside = INSIDE.get();
        int c = chunks(n, minChunk);
        if (c == 1 || inside[0]) {
            body.run(0, n);
            return;
        }
        ForkJoinPool p = pool(threads - 1);
        @SuppressWarnings("unchecked")
        ForkJoinTask<Void>[] tasks = new ForkJoinTask[c - 1];
        for (int i = 1; i < c; i++) {
            int from = (int) ((long) i * n / c);
            int to = (int) ((long) (i + 1) * n / c);
            tasks[i - 1] = p.submit(ForkJoinTask.adapt(() -> runChunk(body, from, to), (Void) null));
        }
        Throwable failure = null;
        try {
            runChunk(body, 0, (int) ((long) n / c));
        } catch (RuntimeException | Error e) {
            failure = e;
        }
        for (ForkJoinTask<Void> t : tasks) {
            try {
                t.join();
            } catch (RuntimeException | Error e) {
                if (failure == null) {
                    failure = e;
                } else {
                    failure.addSuppressed(e);
                }
            }
        }
        if (failure instanceof RuntimeException re) {
            throw re;
        }
        if (failure instanceof Error er) {
            throw er;
        }
    }

    private static void runChunk(RangeBody body, int from, int to) {
        boolean[] inside = INSIDE.get();
        boolean was = inside[0];
        inside[0] = true;
        try {
            body.run(from, to);
        } finally {
            inside[0] = was;
        }
    }
}
