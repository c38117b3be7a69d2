package dev.myelin.train;

import dev.myelin.autograd.NoGrad;
import dev.myelin.data.Batch;
import dev.myelin.data.DataLoader;
import dev.myelin.nn.Module;
import dev.myelin.nn.Parameter;
import dev.myelin.optim.GradClip;
import dev.myelin.optim.Optimizer;
import dev.myelin.tensor.Tensor;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import dev.myelin.loss.Loss;

/**
 * The course's training loop, over mini-batches:
 * <pre>
 * repeat until the stopping criterion is met:            (epochs, or a callback's stop)
 *   total_error = 0
 *   for each batch: forward, loss, add to total_error,   (model.forward, loss)
 *                   backward, update weights             (loss.backward, optimizer.step)
 *   check validation error                               (callbacks: early stopping, checkpoints)
 * </pre>
 * A non-finite loss stops training with a message naming the epoch and batch; that unfinished epoch is
 * not logged, so the history holds only complete epochs.
 */
public final class Trainer {
    private final Module model;
    private final Loss loss;
    private final Optimizer optimizer;
    private final int epochs;
    private final BatchMetric metric;
    private final List<Callback> callbacks;
    private final double clipGradNorm;

    private Trainer(Builder b) {
        this.model = b.model;
        this.loss = b.loss;
        this.optimizer = b.optimizer;
        this.epochs = b.epochs;
        this.metric = b.metric;
        this.callbacks = List.copyOf(b.callbacks);
        this.clipGradNorm = b.clipGradNorm;
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Trains for the configured epochs (or until a callback stops it); validation may be null. */
    public History fit(DataLoader train, DataLoader validation) {
        int samples = train.dataset().size();
        TrainingContext ctx = new TrainingContext(model, optimizer, epochs, train.numBatches(), samples);
        History history = new History(metric == null ? null : metric.name());
        callbacks.forEach(c -> c.onTrainBegin(ctx));
        for (int epoch = 1; epoch <= epochs && !ctx.stopRequested(); epoch++) {
            final int e = epoch;
            callbacks.forEach(c -> c.onEpochBegin(ctx, e));
            long start = System.nanoTime();
            model.train();
            double lossSum = 0, metricSum = 0;
            int seen = 0, batchIndex = 0;
            double lr = optimizer.learningRate();
            boolean diverged = false;
            for (Batch batch : train) {
                batchIndex++;
                Tensor out = model.forward(batch.inputs());
                Tensor l = loss.forward(out, batch.targets());
                float value = l.item();
                if (!Float.isFinite(value)) {
                    ctx.stop(String.format("loss became %s at epoch %d, batch %d (learning rate %.3g); try a lower learning rate",
                            value, e, batchIndex, optimizer.learningRate()));
                    diverged = true;
                    break;
                }
                optimizer.zeroGrad();
                l.backward();
                if (clipGradNorm > 0) GradClip.clipGradNorm(model.parameters(), clipGradNorm);
                optimizer.step();
                int n = batch.size();
                lossSum += (double) value * n;
                if (metric != null) metricSum += metric.batchSum(out, batch.targets());
                seen += n;
                ctx.setRunning(lossSum / seen, metric == null ? Double.NaN : metricSum / seen);
                final int bi = batchIndex;
                callbacks.forEach(c -> c.onBatchEnd(ctx, e, bi, value, n));
                if (ctx.stopRequested()) break;
            }
            // an epoch cut short by a diverging loss is not logged: its numbers would mix finite and broken weights
            if (diverged) history.setDiverged();
            if (diverged || seen == 0) break;
            Evaluation val = validation == null ? null : evaluate(validation);
            double seconds = (System.nanoTime() - start) / 1e9;
            EpochLogs logs = new EpochLogs(e, lossSum / seen, lossSum /* the course's E = Σ_i E_i */, metric == null ? Double.NaN : metricSum / seen,
                    val == null ? Double.NaN : val.loss(), val == null ? Double.NaN : val.metric(), lr, seconds, seen / seconds);
            history.add(logs);
            callbacks.forEach(c -> c.onEpochEnd(ctx, logs));
        }
        history.setStopReason(ctx.stopReason());
        callbacks.forEach(c -> c.onTrainEnd(ctx, history));
        return history;
    }

    /** Mean loss and metric over a data set, in eval mode and without recording gradients. */
    public Evaluation evaluate(DataLoader loader) {
        boolean wasTraining = model.isTraining();
        model.eval();
        double lossSum = 0, metricSum = 0;
        int seen = 0;
        try (var ignored = NoGrad.enter()) {
            for (Batch batch : loader) {
                Tensor out = model.forward(batch.inputs());
                lossSum += (double) loss.forward(out, batch.targets()).item() * batch.size();
                if (metric != null) metricSum += metric.batchSum(out, batch.targets());
                seen += batch.size();
            }
        } finally {
            model.train(wasTraining);
        }
        return new Evaluation(seen == 0 ? Double.NaN : lossSum / seen, metric == null || seen == 0 ? Double.NaN : metricSum / seen, seen);
    }

    /** Mean loss and metric of one pass over a data set. */
    public record Evaluation(double loss, double metric, int samples) {}

    /** Validated configuration of a {@link Trainer}. */
    public static final class Builder {
        private Module model;
        private Loss loss;
        private Optimizer optimizer;
        private int epochs = 10;
        private BatchMetric metric;
        private final List<Callback> callbacks = new ArrayList<>();
        private double clipGradNorm;

        public Builder model(Module model) {
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        /** The loss, e.g. {@code new CrossEntropyLoss()}. */
        public Builder loss(Loss loss) {
            this.loss = Objects.requireNonNull(loss, "loss");
            return this;
        }

        public Builder optimizer(Optimizer optimizer) {
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
            return this;
        }

        public Builder epochs(int epochs) {
            if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
            this.epochs = epochs;
            return this;
        }

        /** A metric reported next to the loss each epoch, e.g. {@link BatchMetric#accuracy(float)}. */
        public Builder metric(BatchMetric metric) {
            this.metric = metric;
            return this;
        }

        public Builder callback(Callback callback) {
            callbacks.add(Objects.requireNonNull(callback, "callback"));
            return this;
        }

        /** Rescales gradients whose total L2 norm exceeds this (0 = off). */
        public Builder clipGradNorm(double maxNorm) {
            if (!(maxNorm >= 0)) throw new IllegalArgumentException("clipGradNorm must be >= 0, got " + maxNorm);
            this.clipGradNorm = maxNorm;
            return this;
        }

        public Trainer build() {
            if (model == null || loss == null || optimizer == null)
                throw new IllegalStateException("Trainer needs a model, a loss and an optimizer");
            return new Trainer(this);
        }
    }
}
