package dev.myelin.data;

import dev.myelin.data.transform.Transform;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;

import java.util.Arrays;
import java.util.Iterator;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * Iterates a {@link Dataset} in mini-batches, like {@code torch.utils.data.DataLoader}. Each call to
 * {@link #iterator()} is one epoch; with {@code shuffle} every epoch uses a new permutation drawn from the
 * loader's {@link Generator}, so a given seed always yields the same sequence of epochs.
 *
 * <p>A per-sample {@link Transform} (augmentation) draws from a generator derived from the epoch and the batch
 * index, so results do not depend on whether the next batch is built in the background ({@code prefetch}).
 * A {@link TensorDataset} without a transform is batched by copying rows with {@link System#arraycopy}.
 *
 * <pre>{@code
 * DataLoader loader = DataLoader.builder(train).batchSize(64).shuffle(true).generator(new Generator(42)).build();
 * for (Batch b : loader) { ... b.inputs() ... b.targets() ... }
 * }</pre>
 */
public final class DataLoader implements Iterable<Batch> {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final Dataset dataset;
    private final int batchSize;
    private final boolean shuffle;
    private final boolean dropLast;
    private final boolean prefetch;
    private final Transform transform;
    private final Generator generator;
    private ExecutorService worker;

    private DataLoader(Builder b) {
        this.dataset = b.dataset;
        this.batchSize = b.batchSize;
        this.shuffle = b.shuffle;
        this.dropLast = b.dropLast;
        this.prefetch = b.prefetch;
        this.transform = b.transform;
        this.generator = b.generator != null ? b.generator : new Generator(0);
    }

    public static Builder builder(Dataset dataset) {
        return new Builder(dataset);
    }

    public Dataset dataset() {
        return dataset;
    }

    public int batchSize() {
        return batchSize;
    }

    /** Batches per epoch: {@code floor(N / batchSize)} with dropLast, else {@code ceil(N / batchSize)}. */
    public int numBatches() {
        int n = dataset.size();
        return dropLast ? n / batchSize : (n + batchSize - 1) / batchSize;
    }

    /** Starts a new epoch (drawing its permutation and augmentation seed from the loader's generator). */
    @Override
    public Iterator<Batch> iterator() {
        int n = dataset.size();
        int[] order;
        long epochSeed;
        synchronized (generator) {
            order = shuffle ? generator.permutation(n) : identity(n);
            epochSeed = transform != null ? generator.nextLong() : 0;
        }
        return new EpochIterator(order, epochSeed);
    }

    private static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        return p;
    }

    /** Builds batch {@code b} of an epoch; a pure function of its arguments, so it may run on any thread. */
    private Batch buildBatch(int[] order, long epochSeed, int b) {
        int from = b * batchSize, to = Math.min(order.length, from + batchSize);
        int[] idx = Arrays.copyOfRange(order, from, to);
        if (transform == null && dataset instanceof TensorDataset td)
            return new Batch(Rows.take(td.features(), idx), Rows.take(td.targets(), idx));
        Generator gen = transform == null ? null : new Generator(epochSeed + GOLDEN * (b + 1));
        Tensor[] xs = new Tensor[idx.length], ys = new Tensor[idx.length];
        for (int k = 0; k < idx.length; k++) {
            Example e = dataset.get(idx[k]);
            xs[k] = transform == null ? e.features() : transform.apply(e.features(), gen);
            ys[k] = e.target();
        }
        return new Batch(collate(xs, "features", idx), collate(ys, "target", idx));
    }

    /** Stacks same-shaped samples along a new first dimension. */
    private static Tensor collate(Tensor[] samples, String what, int[] idx) {
        int[] shape = samples[0].shape();
        int row = samples[0].numel();
        float[] out = new float[samples.length * row];
        for (int k = 0; k < samples.length; k++) {
            if (!Arrays.equals(samples[k].shape(), shape))
                throw new IllegalStateException("DataLoader: sample " + idx[k] + " has " + what + " shape " + Arrays.toString(samples[k].shape())
                        + " but sample " + idx[0] + " has " + Arrays.toString(shape) + "; all samples in a batch must have the same shape");
            System.arraycopy(samples[k].data(), 0, out, k * row, row);
        }
        int[] batchShape = new int[shape.length + 1];
        batchShape[0] = samples.length;
        System.arraycopy(shape, 0, batchShape, 1, shape.length);
        return new Tensor(out, batchShape);
    }

    private synchronized ExecutorService worker() {
        if (worker == null) {
            // One background thread that exits when idle, so an abandoned loader leaves no thread behind.
            worker = new ThreadPoolExecutor(0, 1, 1, TimeUnit.SECONDS, new LinkedBlockingQueue<>(), r -> {
                Thread t = new Thread(r, "myelin-dataloader-prefetch");
                t.setDaemon(true);
                return t;
            });
        }
        return worker;
    }

    private final class EpochIterator implements Iterator<Batch> {
        private final int[] order;
        private final long epochSeed;
        private final int batches = numBatches();
        private int next;
        private Future<Batch> pending;

        EpochIterator(int[] order, long epochSeed) {
            this.order = order;
            this.epochSeed = epochSeed;
            if (prefetch && batches > 0) pending = submit(0);
        }

        private Future<Batch> submit(int b) {
            return worker().submit(() -> buildBatch(order, epochSeed, b));
        }

        @Override
        public boolean hasNext() {
            return next < batches;
        }

        @Override
        public Batch next() {
            if (!hasNext()) throw new NoSuchElementException("DataLoader: the epoch has " + batches + " batches");
            int b = next++;
            if (!prefetch) return buildBatch(order, epochSeed, b);
            Future<Batch> current = pending;
            pending = next < batches ? submit(next) : null;
            try {
                return current.get();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new IllegalStateException("DataLoader: interrupted while waiting for batch " + b, e);
            } catch (ExecutionException e) {
                if (e.getCause() instanceof RuntimeException re) throw re;
                if (e.getCause() instanceof Error err) throw err;
                throw new IllegalStateException("DataLoader: building batch " + b + " failed", e.getCause());
            }
        }
    }

    /** Validated configuration of a {@link DataLoader}. Defaults as in PyTorch: batchSize 1, no shuffle, keep the last batch. */
    public static final class Builder {
        private final Dataset dataset;
        private int batchSize = 1;
        private boolean shuffle;
        private boolean dropLast;
        private boolean prefetch;
        private Transform transform;
        private Generator generator;

        private Builder(Dataset dataset) {
            if (dataset == null) throw new IllegalArgumentException("DataLoader: dataset must not be null");
            this.dataset = dataset;
        }

        public Builder batchSize(int batchSize) {
            if (batchSize <= 0) throw new IllegalArgumentException("DataLoader: batchSize must be positive, got " + batchSize);
            this.batchSize = batchSize;
            return this;
        }

        /** Reorder the samples each epoch (a new permutation every epoch). */
        public Builder shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /** Drop the last batch if it is smaller than batchSize. */
        public Builder dropLast(boolean dropLast) {
            this.dropLast = dropLast;
            return this;
        }

        /** Build the next batch on one background thread while the current one is used; results are unchanged. */
        public Builder prefetch(boolean prefetch) {
            this.prefetch = prefetch;
            return this;
        }

        /** A per-sample transform of the features (augmentation), applied every time a sample is loaded. */
        public Builder transform(Transform transform) {
            this.transform = transform;
            return this;
        }

        /** The source of shuffling and augmentation randomness; default {@code new Generator(0)}. */
        public Builder generator(Generator generator) {
            this.generator = generator;
            return this;
        }

        public DataLoader build() {
            return new DataLoader(this);
        }
    }
}
