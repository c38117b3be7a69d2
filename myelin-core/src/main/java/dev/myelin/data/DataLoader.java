package dev.myelin.data;

import dev.myelin.data.transform.Transform;
import dev.myelin.tensor.Generator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
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
 * <p>A batch is what the {@link Collate} function makes of its samples: by default
 * ({@link Collate#defaultCollate()}) a {@link Batch} of stacked features and targets of {@link Example}s; with
 * {@link #builder(Dataset, Collate)} any type, from samples of any type (PyTorch's {@code collate_fn}).
 *
 * <p>A per-sample {@link Transform} (augmentation) draws from a generator derived from the epoch and the batch
 * index, so results do not depend on whether the next batch is built in the background ({@code prefetch}).
 * A {@link TensorDataset} with the default collate and no transform is batched by copying rows with
 * {@link System#arraycopy}.
 *
 * <pre>{@code
 * DataLoader<Batch> loader = DataLoader.builder(train).batchSize(64).shuffle(true).generator(new Generator(42)).build();
 * for (Batch b : loader) { ... b.inputs() ... b.targets() ... }
 *
 * DataLoader<Padded> sequences = DataLoader.builder(sentences, samples -> pad(samples)).batchSize(32).build();
 * }</pre>
 *
 * @param <B> the batch type
 */
public final class DataLoader<B> implements Iterable<B> {
    private static final long GOLDEN = 0x9E3779B97F4A7C15L;

    private final Source<?, B> source;
    private final int batchSize;
    private final boolean shuffle;
    private final boolean dropLast;
    private final boolean prefetch;
    private final Transform transform;
    private final Generator generator;
    private ExecutorService worker;

    private DataLoader(Builder<B> b) {
        this.source = b.source;
        this.batchSize = b.batchSize;
        this.shuffle = b.shuffle;
        this.dropLast = b.dropLast;
        this.prefetch = b.prefetch;
        this.transform = b.transform;
        this.generator = b.generator != null ? b.generator : new Generator(0);
    }

    /**
     * Starts configuring a loader of {@link Batch}es of stacked features and targets
     * ({@link Collate#defaultCollate()}).
     *
     * @param dataset the supervised samples to load
     * @return a builder with PyTorch's defaults (batch size 1, no shuffle, last batch kept)
     * @throws IllegalArgumentException if {@code dataset} is null
     */
    public static Builder<Batch> builder(Dataset<? extends Example> dataset) {
        return new Builder<>(new Source<Example, Batch>(dataset, Collate.defaultCollate()));
    }

    /**
     * Starts configuring a loader whose batches {@code collate} makes from the samples of each mini-batch
     * (PyTorch's {@code collate_fn}).
     *
     * @param <S> the dataset's sample type
     * @param <B> the batch type
     * @param dataset the samples to load
     * @param collate merges a list of samples into one batch
     * @return a builder with PyTorch's defaults (batch size 1, no shuffle, last batch kept)
     * @throws IllegalArgumentException if {@code dataset} or {@code collate} is null
     */
    public static <S, B> Builder<B> builder(Dataset<? extends S> dataset, Collate<S, B> collate) {
        if (collate == null) throw new IllegalArgumentException("DataLoader: collate must not be null");
        return new Builder<>(new Source<>(dataset, collate));
    }

    /** {@return the dataset this loader reads} */
    public Dataset<?> dataset() {
        return source.dataset();
    }

    /** {@return the number of samples per batch (the last one may be smaller unless dropLast)} */
    public int batchSize() {
        return batchSize;
    }

    /** {@return batches per epoch: {@code floor(N / batchSize)} with dropLast, else {@code ceil(N / batchSize)}} */
    public int numBatches() {
        int n = source.dataset().size();
        return dropLast
                ? n / batchSize
                : (int) ((n + (long) batchSize - 1) / batchSize); // long: a huge batch size must not overflow
    }

    /**
     * {@return the generator that shuffles and seeds augmentation} Its state before an epoch fixes that epoch's
     * batches, so saving and restoring it resumes a run exactly.
     */
    public Generator generator() {
        return generator;
    }

    /** Starts a new epoch (drawing its permutation and augmentation seed from the loader's generator). */
    @Override
    public Iterator<B> iterator() {
        return iterator(0);
    }

    /**
     * Starts a new epoch as {@link #iterator()} does (the same draws from the generator) but at batch
     * {@code firstBatch}, without building the batches before it: a resumed run continues an epoch where it stopped.
     *
     * @param firstBatch the first batch to return, in {@code [0, numBatches()]}
     * @return an iterator over batches {@code firstBatch} to the end of the epoch
     * @throws IllegalArgumentException if {@code firstBatch} is out of range
     */
    public Iterator<B> iterator(int firstBatch) {
        if (firstBatch < 0 || firstBatch > numBatches())
            throw new IllegalArgumentException(
                    "DataLoader: firstBatch must be in [0, " + numBatches() + "], got " + firstBatch);
        int n = source.dataset().size();
        int[] order;
        long epochSeed;
        synchronized (generator) {
            order = shuffle ? generator.permutation(n) : identity(n);
            epochSeed = transform != null ? generator.nextLong() : 0;
        }
        return new EpochIterator(order, epochSeed, firstBatch);
    }

    private static int[] identity(int n) {
        int[] p = new int[n];
        for (int i = 0; i < n; i++) p[i] = i;
        return p;
    }

    /** Builds batch {@code b} of an epoch; a pure function of its arguments, so it may run on any thread. */
    private B buildBatch(int[] order, long epochSeed, int b) {
        int from = b * batchSize, to = Math.min(order.length, from + batchSize);
        int[] idx = Arrays.copyOfRange(order, from, to);
        Generator gen = transform == null ? null : new Generator(epochSeed + GOLDEN * (b + 1));
        return source.batch(idx, transform, gen);
    }

    /** The dataset and the collate function, with the sample type that ties them together. */
    private record Source<S, B>(Dataset<? extends S> dataset, Collate<S, B> collate) {
        Source {
            if (dataset == null) throw new IllegalArgumentException("DataLoader: dataset must not be null");
        }

        B batch(int[] idx, Transform transform, Generator gen) {
            if (transform == null && collate == Collate.defaultCollate() && dataset instanceof TensorDataset td) {
                @SuppressWarnings("unchecked") // the default collate makes Batches, so B is Batch
                B rows = (B) new Batch(Rows.take(td.features(), idx), Rows.take(td.targets(), idx));
                return rows;
            }
            List<S> samples = new ArrayList<>(idx.length);
            for (int i : idx)
                samples.add(transform == null ? dataset.get(i) : augmented(dataset.get(i), i, transform, gen));
            try {
                return collate.apply(samples);
            } catch (RuntimeException e) {
                throw new IllegalStateException(
                        "DataLoader: cannot collate the samples " + describe(idx) + ": " + e.getMessage(), e);
            }
        }

        /** The sample with its features transformed; transforms apply to {@link Example}s, whose features they change. */
        private S augmented(S sample, int index, Transform transform, Generator gen) {
            if (!(sample instanceof Example e))
                throw new IllegalStateException(
                        "DataLoader: a transform changes the features of Example samples, but sample " + index
                                + " is a "
                                + (sample == null ? "null" : sample.getClass().getName())
                                + "; transform such samples in the dataset or the collate function");
            @SuppressWarnings("unchecked") // Example is a record (final): an S that is an Example means Example is an S
            S out = (S) new Example(transform.apply(e.features(), gen), e.target());
            return out;
        }

        private static String describe(int[] idx) {
            int shown = Math.min(idx.length, 8);
            StringBuilder sb = new StringBuilder("[");
            for (int k = 0; k < shown; k++) sb.append(k == 0 ? "" : ", ").append(idx[k]);
            return sb.append(idx.length > shown ? ", ... (" + idx.length + " samples)]" : "]")
                    .toString();
        }
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

    private final class EpochIterator implements Iterator<B> {
        private final int[] order;
        private final long epochSeed;
        private final int batches = numBatches();
        private int next;
        private Future<B> pending;

        EpochIterator(int[] order, long epochSeed, int first) {
            this.order = order;
            this.epochSeed = epochSeed;
            this.next = first;
            if (prefetch && first < batches) pending = submit(first);
        }

        private Future<B> submit(int b) {
            return worker().submit(() -> buildBatch(order, epochSeed, b));
        }

        @Override
        public boolean hasNext() {
            return next < batches;
        }

        @Override
        public B next() {
            if (!hasNext()) throw new NoSuchElementException("DataLoader: the epoch has " + batches + " batches");
            int b = next++;
            if (!prefetch) return buildBatch(order, epochSeed, b);
            Future<B> current = pending;
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

    /**
     * Validated configuration of a {@link DataLoader}. Defaults as in PyTorch: batchSize 1, no shuffle, keep the
     * last batch; no prefetch, no transform, {@code new Generator(0)}.
     *
     * @param <B> the batch type
     */
    public static final class Builder<B> {
        private final Source<?, B> source;
        private int batchSize = 1;
        private boolean shuffle;
        private boolean dropLast;
        private boolean prefetch;
        private Transform transform;
        private Generator generator;

        private Builder(Source<?, B> source) {
            this.source = source;
        }

        /**
         * Sets the number of samples per batch (PyTorch's {@code batch_size}, default 1).
         *
         * @param batchSize a positive number of samples
         * @return this builder
         * @throws IllegalArgumentException if {@code batchSize <= 0}
         */
        public Builder<B> batchSize(int batchSize) {
            if (batchSize <= 0)
                throw new IllegalArgumentException("DataLoader: batchSize must be positive, got " + batchSize);
            this.batchSize = batchSize;
            return this;
        }

        /**
         * Reorders the samples each epoch (a new permutation every epoch); default false.
         *
         * @param shuffle whether to shuffle
         * @return this builder
         */
        public Builder<B> shuffle(boolean shuffle) {
            this.shuffle = shuffle;
            return this;
        }

        /**
         * Drops the last batch if it is smaller than batchSize (PyTorch's {@code drop_last}); default false.
         *
         * @param dropLast whether to drop an incomplete last batch
         * @return this builder
         */
        public Builder<B> dropLast(boolean dropLast) {
            this.dropLast = dropLast;
            return this;
        }

        /**
         * Builds the next batch on one background thread while the current one is used; results are unchanged.
         * Default false.
         *
         * @param prefetch whether to prefetch
         * @return this builder
         */
        public Builder<B> prefetch(boolean prefetch) {
            this.prefetch = prefetch;
            return this;
        }

        /**
         * Sets a per-sample transform of an {@link Example}'s features (augmentation), applied every time a sample
         * is loaded; samples that are not {@code Example}s make the loader throw. Default none.
         *
         * @param transform the augmentation, or null for none
         * @return this builder
         */
        public Builder<B> transform(Transform transform) {
            this.transform = transform;
            return this;
        }

        /**
         * Sets the source of shuffling and augmentation randomness; default {@code new Generator(0)}.
         *
         * @param generator the generator the loader draws from (shared, not copied)
         * @return this builder
         */
        public Builder<B> generator(Generator generator) {
            this.generator = generator;
            return this;
        }

        /** {@return a loader with this configuration} */
        public DataLoader<B> build() {
            return new DataLoader<>(this);
        }
    }
}
