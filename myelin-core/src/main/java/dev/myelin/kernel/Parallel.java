package dev.myelin.kernel;

import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.locks.LockSupport;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The one shared thread pool for all kernels, and a deterministic parallel-for over an index range.
 *
 * <p>The default size is the number of available processors; the system property
 * {@code myelin.threads} or else the environment variable {@code MYELIN_THREADS} overrides it, and
 * {@link #setThreads(int)} changes it at run time. The calling thread takes part in every call,
 * so the pool holds {@code threads() - 1} daemon workers. Workers spin briefly (default 50 µs,
 * system property {@code myelin.spinMicros}) after each chunk before parking: waking a parked thread
 * costs tens of microseconds on a VM, more than a whole mid-sized GEMM, so back-to-back kernels
 * (a training step) keep their workers hot, as OpenMP runtimes do.
 *
 * <p>Chunk boundaries are fixed by {@code n}, {@code minChunk} and the thread count, but chunks are
 * claimed dynamically: the caller keeps taking chunks until none is left, so a worker that the OS
 * has not scheduled yet (a busy shared machine) delays nothing. Which thread runs a chunk never
 * changes what the chunk computes, so results stay deterministic.
 *
 * <p>Calls made from inside a running chunk, or while another thread is using the pool, run inline,
 * so kernels may call kernels and several application threads may call kernels at once.
 */
public final class Parallel {

    /** Body of a parallel loop: processes the half-open index range [from, to). */
    @FunctionalInterface
    public interface RangeBody {
        /** Processes indices {@code from} (inclusive) to {@code to} (exclusive). */
        void run(int from, int to);
    }

    private static final long SPIN_NANOS = Long.getLong("myelin.spinMicros", 50L) * 1000L;

    private static volatile int threads = initialThreads();
    private static Worker[] workers = new Worker[0];
    private static final ReentrantLock POOL = new ReentrantLock();

    /** Marks threads that are currently executing a chunk, so nested calls run inline. */
    private static final ThreadLocal<boolean[]> INSIDE = ThreadLocal.withInitial(() -> new boolean[1]);

    private Parallel() {}

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
     * Sets the number of threads kernels use (takes effect for the next parallel call).
     *
     * @throws IllegalArgumentException if {@code n < 1}
     */
    public static void setThreads(int n) {
        if (n < 1) {
            throw new IllegalArgumentException("thread count must be >= 1, got " + n);
        }
        POOL.lock();
        try {
            threads = n;
            if (workers.length != n - 1) {
                for (Worker w : workers) {
                    w.stop();
                }
                workers = new Worker[0]; // started lazily with the new size
            }
        } finally {
            POOL.unlock();
        }
    }

    /**
     * Number of chunks {@link #forRange} uses for {@code n} items with at least {@code minChunk}
     * items per chunk (1 means it runs inline).
     */
    public static int chunks(int n, int minChunk) {
        int t = threads;
        if (t <= 1 || n <= 1) {
            return 1;
        }
        int byWork = n / Math.max(1, minChunk);
        return Math.max(1, Math.min(t, Math.min(n, byWork)));
    }

    /**
     * Splits [0, n) into at most {@link #threads()} contiguous chunks of at least {@code minChunk}
     * items and runs {@code body} on each, the caller taking part. The split depends only on
     * {@code n}, {@code minChunk} and the thread count: chunk {@code i} of {@code c} is
     * {@code [i*n/c, (i+1)*n/c)}. Runs inline when there is one chunk, when called from inside a
     * chunk, or when the pool is busy with another thread's call. An exception from any chunk is
     * rethrown after all chunks finish.
     */
    public static void forRange(int n, int minChunk, RangeBody body) {
        forChunks(n, chunks(n, minChunk), body);
    }

    /**
     * As {@link #forRange}, with exactly {@code chunks} chunks (at most n) claimed by the caller and up to
     * {@link #threads()} − 1 workers: more chunks than threads keep every thread busy when one of them is
     * delayed (a shared machine), for a body whose results do not depend on how [0, n) is split.
     */
    public static void forChunks(int n, int chunks, RangeBody body) {
        if (n <= 0) {
            return;
        }
        boolean[] inside = INSIDE.get();
        int c = Math.max(1, Math.min(n, chunks));
        if (c == 1 || threads <= 1 || inside[0] || !POOL.tryLock()) {
            body.run(0, n);
            return;
        }
        try {
            Worker[] ws = workers;
            if (ws.length != threads - 1) {
                ws = new Worker[threads - 1];
                for (int i = 0; i < ws.length; i++) {
                    ws[i] = new Worker(i);
                }
                workers = ws;
            }
            Job job = new Job(body, n, c, Thread.currentThread());
            for (int i = 1; i < Math.min(c, ws.length + 1); i++) {
                ws[i - 1].post(job);
            }
            job.work(inside);
            job.awaitAll();
            job.rethrow();
        } finally {
            POOL.unlock();
        }
    }

    /** One forRange call: its chunks, the next unclaimed one, the unfinished count, the first failure. */
    private static final class Job {
        final RangeBody body;
        final int n;
        final int chunks;
        final Thread caller;
        final AtomicInteger next = new AtomicInteger();
        final AtomicInteger pending;
        volatile boolean callerParked;
        volatile Throwable failure;

        Job(RangeBody body, int n, int chunks, Thread caller) {
            this.body = body;
            this.n = n;
            this.chunks = chunks;
            this.caller = caller;
            this.pending = new AtomicInteger(chunks);
        }

        /** Claims and runs chunks until none is left. */
        void work(boolean[] inside) {
            for (int i; (i = next.getAndIncrement()) < chunks; ) {
                runChunk(i, inside);
                if (pending.decrementAndGet() == 0 && callerParked) {
                    LockSupport.unpark(caller);
                }
            }
        }

        void runChunk(int i, boolean[] inside) {
            int from = (int) ((long) i * n / chunks);
            int to = (int) ((long) (i + 1) * n / chunks);
            inside[0] = true;
            try {
                body.run(from, to);
            } catch (Throwable t) {
                synchronized (this) {
                    if (failure == null) {
                        failure = t;
                    } else {
                        failure.addSuppressed(t);
                    }
                }
            } finally {
                inside[0] = false;
            }
        }

        void awaitAll() {
            long start = System.nanoTime();
            while (pending.get() != 0) {
                if (System.nanoTime() - start < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    callerParked = true;
                    if (pending.get() != 0) {
                        LockSupport.parkNanos(this, 1_000_000L);
                    }
                }
            }
        }

        void rethrow() {
            Throwable t = failure;
            if (t instanceof RuntimeException re) {
                throw re;
            }
            if (t instanceof Error er) {
                throw er;
            }
            if (t != null) {
                throw new IllegalStateException(t);
            }
        }
    }

    /** A pool thread: spins for a while after each chunk, then parks until the next post. */
    private static final class Worker implements Runnable {
        private final Thread thread;
        private final AtomicReference<Job> job = new AtomicReference<>();
        private volatile boolean sleeping;
        private volatile boolean stopped;

        Worker(int index) {
            thread = new Thread(this, "myelin-kernel-" + (index + 1));
            thread.setDaemon(true);
            thread.start();
        }

        void post(Job j) {
            job.set(j);
            if (sleeping) {
                LockSupport.unpark(thread);
            }
        }

        void stop() {
            stopped = true;
            LockSupport.unpark(thread);
        }

        @Override
        public void run() {
            boolean[] inside = INSIDE.get();
            long idleSince = System.nanoTime();
            while (!stopped) {
                Job j = job.getAndSet(null);
                if (j != null) {
                    j.work(inside);
                    idleSince = System.nanoTime();
                } else if (System.nanoTime() - idleSince < SPIN_NANOS) {
                    Thread.onSpinWait();
                } else {
                    sleeping = true;
                    if (job.get() == null && !stopped) {
                        LockSupport.park(this);
                    }
                    sleeping = false;
                    idleSince = System.nanoTime();
                }
            }
        }
    }
}
