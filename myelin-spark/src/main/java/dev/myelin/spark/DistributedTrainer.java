package dev.myelin.spark;

import dev.myelin.loss.CrossEntropyLoss;
import dev.myelin.loss.Loss;
import dev.myelin.loss.MSELoss;
import dev.myelin.loss.Reduction;
import dev.myelin.nn.Module;
import dev.myelin.optim.Optimizer;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;

/**
 * Trains one Myelin model on a cached RDD of {@link Shard}s, in either {@link TrainingMode}. The driver owns the
 * model and the optimizer; tasks get the weights (and, when averaging, the optimizer state) in their closure, rebuild
 * the model from its architecture JSON, and send back gradients or weights. Any module that takes rows [N, F] trains
 * this way. Deterministic for a seed and a partitioning: the batch order and every task's randomness come from
 * {@link Seeds} by (seed, epoch, step, partition), and results are combined in partition order.
 */
final class DistributedTrainer {
    /** The result: the trained model, its optimizer, and the mean training loss of each epoch. */
    record Result(Module model, Optimizer optimizer, List<Double> epochLoss) {}

    private DistributedTrainer() {}

    /**
     * @param model the driver's initial model (its weights are the starting point, and are updated in place)
     */
    static Result train(JavaRDD<Shard> shards, Module model, NetworkSpec spec, TrainingSettings s) {
        List<int[]> sizes = new ArrayList<>(
                shards.map(sh -> new int[] {sh.partition(), sh.rows()}).collect());
        sizes.sort((a, b) -> Integer.compare(a[0], b[0]));
        long[] offsets = new long[sizes.size() + 1];
        for (int i = 0; i < sizes.size(); i++) offsets[i + 1] = offsets[i] + sizes.get(i)[1];
        if (offsets[sizes.size()] == 0) throw new IllegalArgumentException("the training data has no rows");
        if (offsets[sizes.size()] > Integer.MAX_VALUE)
            throw new IllegalArgumentException("more than 2^31 training rows");
        Optimizer optimizer = s.optimizer(model);
        return s.mode() == TrainingMode.SYNC
                ? sync(shards, model, optimizer, spec, s, offsets)
                : averaging(shards, model, optimizer, spec, s, sizes);
    }

    static Loss loss(boolean classification, Reduction reduction) {
        return classification ? new CrossEntropyLoss(reduction) : new MSELoss(reduction);
    }

    static Tensor targets(float[] y, int m, NetworkSpec spec) {
        return spec.classification() ? new Tensor(y, m) : new Tensor(y, m, 1);
    }

    // ---------------------------------------------------------------- synchronous

    /**
     * Epoch e's order is a permutation of the global row numbers (partition offset + local row) drawn on the driver;
     * step b's batch is its b-th slice. Each partition sums the loss gradient over its rows of the batch; the sum
     * over partitions divided by the batch size is the gradient of the batch's mean loss, as on one machine.
     */
    private static Result sync(
            JavaRDD<Shard> shards,
            Module model,
            Optimizer optimizer,
            NetworkSpec spec,
            TrainingSettings s,
            long[] offsets) {
        int n = (int) offsets[offsets.length - 1];
        int gradSize = FlatState.gradientSize(model);
        List<Double> epochLoss = new ArrayList<>();
        Generator order = Seeds.generator(s.seed(), 1);
        for (int epoch = 0; epoch < s.epochs(); epoch++) {
            int[] perm = order.permutation(n);
            double lossSum = 0;
            for (int from = 0; from < n; from += s.batchSize()) {
                int to = Math.min(n, from + s.batchSize());
                int[] batch = Arrays.copyOfRange(perm, from, to);
                Arrays.sort(batch); // each partition then finds its rows as one run
                float[] weights = FlatState.weights(model);
                long step = (long) epoch * n + from; // where this step is: seeds its tasks' dropout
                float[] zero = new float[gradSize + 1];
                float[] sum = shards.treeAggregate(
                        zero,
                        (acc, sh) -> {
                            ExecutorChecks.requireVectorApi();
                            long off = offsets[sh.partition()];
                            int lo = lowerBound(batch, off), hi = lowerBound(batch, off + sh.rows());
                            if (hi == lo) return acc;
                            int[] local = new int[hi - lo];
                            for (int i = lo; i < hi; i++) local[i - lo] = (int) (batch[i] - off);
                            Module m = spec.build(Seeds.generator(s.seed(), 3, step, sh.partition()));
                            FlatState.setWeights(m, weights);
                            m.train();
                            float[][] xy = sh.gather(local, local.length);
                            Tensor loss = loss(spec.classification(), Reduction.SUM)
                                    .forward(
                                            m.forward(new Tensor(xy[0], local.length, sh.width())),
                                            targets(xy[1], local.length, spec));
                            loss.backward();
                            FlatState.addGradients(m, acc);
                            acc[gradSize] += loss.item();
                            return acc;
                        },
                        DistributedTrainer::add);
                FlatState.setGradients(model, sum, 1f / (to - from));
                optimizer.step();
                lossSum += sum[gradSize];
            }
            epochLoss.add(lossSum / n);
        }
        return new Result(model, optimizer, epochLoss);
    }

    private static int lowerBound(int[] sorted, long value) {
        int lo = 0, hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < value) lo = mid + 1;
            else hi = mid;
        }
        return lo;
    }

    private static float[] add(float[] a, float[] b) {
        for (int i = 0; i < a.length; i++) a[i] += b[i];
        return a;
    }

    // ---------------------------------------------------------------- parameter averaging

    /**
     * One partition's round: its weights, optimizer state and loss sum, weighted by the examples it trained on.
     * Contributions add up; the driver divides the sums by {@code examples}.
     *
     * @param examples the examples the partition trained on this round (0: it had none left)
     * @param weights its flat weights times {@code examples}
     * @param optimizer its optimizer state scaled by {@code examples}
     * @param lossSum the sum of its per-example training losses
     */
    record Contribution(double examples, float[] weights, OptimizerSnapshot optimizer, double lossSum)
            implements java.io.Serializable {
        Contribution plus(Contribution o) {
            if (examples == 0) return o;
            if (o.examples == 0) return this;
            float[] w = weights.clone();
            for (int i = 0; i < w.length; i++) w[i] += o.weights[i];
            return new Contribution(examples + o.examples, w, optimizer.plus(o.optimizer), lossSum + o.lossSum);
        }
    }

    /**
     * Each round, every partition starts from the driver's weights and optimizer state, takes {@code localSteps}
     * steps of batchSize / P of its own examples (its order for epoch e drawn from (seed, e, partition)), and returns
     * them; the driver averages weights and optimizer buffers weighted by the examples each partition trained on.
     * An epoch is as many rounds as the largest partition needs to see all its rows once.
     */
    private static Result averaging(
            JavaRDD<Shard> shards,
            Module model,
            Optimizer optimizer,
            NetworkSpec spec,
            TrainingSettings s,
            List<int[]> sizes) {
        int partitions = sizes.size();
        int localBatch = Math.max(1, s.batchSize() / partitions);
        int maxRows = 0;
        long n = 0;
        for (int[] size : sizes) {
            maxRows = Math.max(maxRows, size[1]);
            n += size[1];
        }
        int batchesPerEpoch = (maxRows + localBatch - 1) / localBatch;
        int rounds = (batchesPerEpoch + s.localSteps() - 1) / s.localSteps();
        List<Double> epochLoss = new ArrayList<>();
        OptimizerSnapshot state = null;
        for (int epoch = 0; epoch < s.epochs(); epoch++) {
            double lossSum = 0;
            for (int round = 0; round < rounds; round++) {
                float[] weights = FlatState.weights(model);
                OptimizerSnapshot start = state;
                int e = epoch, firstBatch = round * s.localSteps();
                Contribution sum = shards.map(sh -> {
                            ExecutorChecks.requireVectorApi();
                            return localRound(sh, spec, s, weights, start, e, firstBatch, localBatch);
                        })
                        .treeReduce(Contribution::plus);
                if (sum.examples() == 0) continue;
                float[] averaged = sum.weights();
                for (int i = 0; i < averaged.length; i++) averaged[i] /= (float) sum.examples();
                FlatState.setWeights(model, averaged);
                state = sum.optimizer().scaled(1 / sum.examples());
                lossSum += sum.lossSum();
            }
            epochLoss.add(lossSum / n);
        }
        if (state != null) optimizer.loadStateDict(state.toStateDict());
        return new Result(model, optimizer, epochLoss);
    }

    private static Contribution localRound(
            Shard sh,
            NetworkSpec spec,
            TrainingSettings s,
            float[] weights,
            OptimizerSnapshot start,
            int epoch,
            int firstBatch,
            int localBatch) {
        int[] order = Seeds.generator(s.seed(), 2, epoch, sh.partition()).permutation(sh.rows());
        int from = firstBatch * localBatch;
        if (from >= sh.rows()) return new Contribution(0, null, null, 0);
        Module m = spec.build(Seeds.generator(s.seed(), 4, epoch, firstBatch, sh.partition()));
        FlatState.setWeights(m, weights);
        m.train();
        Optimizer opt = s.optimizer(m);
        if (start != null) opt.loadStateDict(start.toStateDict());
        Loss loss = loss(spec.classification(), Reduction.MEAN);
        double lossSum = 0;
        int examples = 0;
        for (int step = 0; step < s.localSteps() && from < sh.rows(); step++, from += localBatch) {
            int mRows = Math.min(localBatch, sh.rows() - from);
            float[][] xy = sh.gather(Arrays.copyOfRange(order, from, from + mRows), mRows);
            m.zeroGrad();
            Tensor l = loss.forward(m.forward(new Tensor(xy[0], mRows, sh.width())), targets(xy[1], mRows, spec));
            l.backward();
            opt.step();
            lossSum += l.item() * mRows;
            examples += mRows;
        }
        float[] w = FlatState.weights(m);
        for (int i = 0; i < w.length; i++) w[i] *= examples;
        return new Contribution(
                examples, w, OptimizerSnapshot.of(opt.stateDict()).scaled(examples), lossSum);
    }
}
