package dev.myelin.train;

import dev.myelin.autograd.NoGrad;
import dev.myelin.data.Batch;
import dev.myelin.data.DataLoader;
import dev.myelin.loss.Loss;
import dev.myelin.nn.Module;
import dev.myelin.optim.Optimizer;

import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SequencedMap;
import java.util.Set;

/**
 * The course's training loop, over mini-batches:
 * <pre>
 * repeat until the stopping criterion is met:            (epochs, or a callback's stop)
 *   total_error = 0
 *   for each batch: forward, loss, add to total_error,   (the train step: model.forward, loss,
 *                   backward, update weights              loss.backward, optimizer.step)
 *   check validation error                               (callbacks: early stopping, checkpoints)
 * </pre>
 * What happens to one batch is a {@link TrainStep}: by default {@link SupervisedStep} (one model, loss and
 * optimizer, set with {@link Builder#model}, {@link Builder#loss}, {@link Builder#optimizer}); with
 * {@link #builder(TrainStep)} any step, e.g. a GAN's two models and two optimizers. Callbacks, history, early
 * stopping and checkpoints work the same for both, on the step's named metrics.
 *
 * <p>A non-finite loss (a metric whose name ends in "loss") stops training with a message naming the epoch and
 * batch; that unfinished epoch is not logged, so the history holds only complete epochs.
 *
 * @param <B> the batch type of the data loaders
 */
public final class Trainer<B> {
    private static final Set<String> RESERVED = Set.of("epoch", "total_error", "lr", "seconds", "samples_per_second");

    private final TrainStep<B> step;
    private final int epochs;
    private final List<Callback> callbacks;
    private final List<String> trainNames, validationNames;
    private final SequencedMap<String, Module> models;
    private final SequencedMap<String, Optimizer> optimizers;

    private Trainer(TrainStep<B> step, Builder<B> b) {
        this.step = step;
        this.epochs = b.epochs;
        this.callbacks = List.copyOf(b.callbacks);
        this.trainNames = checkedNames(step.metricNames(), "metricNames()", step);
        this.validationNames = checkedNames(step.validationNames(), "validationNames()", step);
        if (trainNames.isEmpty()) throw new IllegalArgumentException("Trainer: " + stepName(step) + ".metricNames() is empty; a step reports at least its loss");
        this.models = new LinkedHashMap<>(Objects.requireNonNull(step.models(), "models()"));
        this.optimizers = new LinkedHashMap<>(Objects.requireNonNull(step.optimizers(), "optimizers()"));
    }

    /** A trainer of the default step; set its model, loss and optimizer. */
    public static Builder<Batch> builder() {
        return new Builder<>(null);
    }

    /** A trainer that runs {@code step} on every batch. */
    public static <B> Builder<B> builder(TrainStep<B> step) {
        return new Builder<>(Objects.requireNonNull(step, "step"));
    }

    /** The step run on every batch. */
    public TrainStep<B> step() {
        return step;
    }

    /** Trains for the configured epochs (or until a callback stops it); validation may be null. */
    public History fit(DataLoader<? extends B> train, DataLoader<? extends B> validation) {
        Objects.requireNonNull(train, "train");
        if (validation != null && validationNames.isEmpty())
            throw new IllegalArgumentException("Trainer.fit: got a validation loader but " + stepName(step)
                    + " does not validate (its validationNames() is empty); pass null");
        List<String> logNames = logNames();
        TrainingContext ctx = new TrainingContext(models, optimizers, epochs, train.numBatches(), train.dataset().size(), logNames);
        History history = new History(step instanceof SupervisedStep s ? s.metricName() : null, logNames);
        callbacks.forEach(c -> c.onTrainBegin(ctx));
        for (int epoch = 1; epoch <= epochs && !ctx.stopRequested(); epoch++) {
            final int e = epoch;
            ctx.startEpoch(e);
            callbacks.forEach(c -> c.onEpochBegin(ctx, e));
            long start = System.nanoTime();
            models.values().forEach(Module::train);
            double[] sums = new double[trainNames.size()];
            int seen = 0, batchIndex = 0;
            double[] lrs = optimizers.values().stream().mapToDouble(Optimizer::learningRate).toArray();
            boolean diverged = false;
            for (B batch : train) {
                batchIndex++;
                ctx.startBatch(batchIndex);
                StepMetrics m = step.step(batch, ctx);
                checkReported(m, trainNames, "metricNames()", e, batchIndex);
                String broken = nonFiniteLoss(m);
                if (broken != null) {
                    ctx.stop(divergedMessage(broken, m.get(broken), e, batchIndex));
                    diverged = true;
                    break;
                }
                for (int i = 0; i < sums.length; i++) sums[i] += m.sumOf(trainNames.get(i));
                int n = m.samples();
                seen += n;
                ctx.endStep(m, trainNames, sums, seen);
                final int bi = batchIndex;
                float batchLoss = m.names().contains("loss") ? (float) m.get("loss") : Float.NaN;
                callbacks.forEach(c -> c.onBatchEnd(ctx, e, bi, batchLoss, n));
                if (ctx.stopRequested()) break;
            }
            // an epoch cut short by a diverging loss is not logged: its numbers would mix finite and broken weights
            if (diverged) history.setDiverged();
            if (diverged || seen == 0) break;
            Map<String, Double> val = validation == null ? null : validate(validation, ctx);
            double seconds = (System.nanoTime() - start) / 1e9;
            EpochLogs logs = new EpochLogs(e, epochValues(sums, seen, val, lrs), seconds, seen / seconds);
            history.add(logs);
            callbacks.forEach(c -> c.onEpochEnd(ctx, logs));
        }
        history.setStopReason(ctx.stopReason());
        callbacks.forEach(c -> c.onTrainEnd(ctx, history));
        return history;
    }

    /**
     * The step's validation over a data set: each validation metric's mean, in eval mode and without recording
     * gradients. For the default step, the mean loss and metric.
     */
    public Evaluation evaluate(DataLoader<? extends B> loader) {
        if (validationNames.isEmpty())
            throw new IllegalStateException("Trainer.evaluate: " + stepName(step) + " does not validate (its validationNames() is empty)");
        TrainingContext ctx = new TrainingContext(models, optimizers, epochs, loader.numBatches(), loader.dataset().size(), logNames());
        int[] seen = new int[1];
        Map<String, Double> means = validate(loader, ctx, seen);
        return new Evaluation(means, seen[0]);
    }

    private Map<String, Double> validate(DataLoader<? extends B> loader, TrainingContext ctx) {
        return validate(loader, ctx, new int[1]);
    }

    private Map<String, Double> validate(DataLoader<? extends B> loader, TrainingContext ctx, int[] samples) {
        Map<Module, Boolean> wasTraining = new IdentityHashMap<>();
        for (Module m : models.values()) wasTraining.putIfAbsent(m, m.isTraining());
        wasTraining.keySet().forEach(Module::eval);
        double[] sums = new double[validationNames.size()];
        int seen = 0, batchIndex = 0;
        try (var ignored = NoGrad.enter()) {
            for (B batch : loader) {
                StepMetrics m = step.validate(batch, ctx);
                checkReported(m, validationNames, "validationNames()", ctx.epoch(), ++batchIndex);
                for (int i = 0; i < sums.length; i++) sums[i] += m.sumOf(validationNames.get(i));
                seen += m.samples();
            }
        } finally {
            wasTraining.forEach(Module::train);
        }
        samples[0] = seen;
        Map<String, Double> means = new LinkedHashMap<>();
        for (int i = 0; i < sums.length; i++) means.put(validationNames.get(i), seen == 0 ? Double.NaN : sums[i] / seen);
        return means;
    }

    /** An epoch's logged values, in the order of {@link #logNames()}; {@code val} is null without validation. */
    private Map<String, Double> epochValues(double[] sums, int seen, Map<String, Double> val, double[] lrs) {
        Map<String, Double> values = new LinkedHashMap<>();
        for (int i = 0; i < sums.length; i++) {
            values.put(trainNames.get(i), sums[i] / seen);
            if (trainNames.get(i).equals("loss")) values.put("total_error", sums[i]); // the course's E = Σ_i E_i
        }
        for (String name : validationNames) values.put("val_" + name, val == null ? Double.NaN : val.get(name));
        List<String> lrNames = lrNames();
        for (int i = 0; i < lrs.length; i++) values.put(lrNames.get(i), lrs[i]);
        return values;
    }

    /** The names of every epoch's logs: train metrics (total_error after loss), val_ metrics, learning rates. */
    private List<String> logNames() {
        List<String> names = new ArrayList<>();
        for (String n : trainNames) {
            names.add(n);
            if (n.equals("loss")) names.add("total_error");
        }
        for (String n : validationNames) names.add("val_" + n);
        names.addAll(lrNames());
        return names;
    }

    private List<String> lrNames() {
        if (optimizers.size() == 1) return List.of("lr");
        return optimizers.keySet().stream().map(n -> "lr_" + n).toList();
    }

    private String divergedMessage(String name, double value, int epoch, int batch) {
        String lr = optimizers.size() == 1 ? String.format(" (learning rate %.3g)", optimizers.firstEntry().getValue().learningRate()) : "";
        return String.format("%s became %s at epoch %d, batch %d%s; try a lower learning rate", name, (float) value, epoch, batch, lr);
    }

    /** The first loss (a name ending in "loss") that is NaN or infinite, or null. */
    private static String nonFiniteLoss(StepMetrics m) {
        for (String name : m.names()) if (name.endsWith("loss") && !Double.isFinite(m.get(name))) return name;
        return null;
    }

    private void checkReported(StepMetrics m, List<String> names, String declared, int epoch, int batch) {
        if (m == null) throw new IllegalStateException(stepName(step) + " returned no metrics at epoch " + epoch + ", batch " + batch);
        if (m.names().size() != names.size() || !m.names().containsAll(names))
            throw new IllegalStateException(stepName(step) + " returned " + m.names() + " at epoch " + epoch + ", batch " + batch
                    + " but its " + declared + " are " + names);
    }

    private static List<String> checkedNames(List<String> names, String what, TrainStep<?> step) {
        Objects.requireNonNull(names, what);
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            if (n == null || n.isBlank() || RESERVED.contains(n) || n.startsWith("val_") || n.startsWith("lr_") || !seen.add(n))
                throw new IllegalArgumentException("Trainer: " + stepName(step) + "." + what + " has '" + n + "'; names must be unique, not blank, "
                        + "not start with val_ or lr_, and not be one of " + RESERVED);
        }
        return List.copyOf(names);
    }

    private static String stepName(TrainStep<?> step) {
        return step.getClass().getSimpleName().isEmpty() ? step.getClass().getName() : step.getClass().getSimpleName();
    }

    /** The mean of each validation metric over one pass over a data set; for the default step, its loss and metric. */
    public record Evaluation(Map<String, Double> values, int samples) {
        public Evaluation {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        /** The mean of {@code name}. */
        public double get(String name) {
            Double v = values.get(name);
            if (v == null) throw new IllegalArgumentException("Evaluation: no '" + name + "'; the step validates " + values.keySet());
            return v;
        }

        /** The mean "loss", or NaN if the step reports none. */
        public double loss() {
            return values.getOrDefault("loss", Double.NaN);
        }

        /** The mean "metric" (e.g. accuracy), or NaN if the step reports none. */
        public double metric() {
            return values.getOrDefault("metric", Double.NaN);
        }
    }

    /** Validated configuration of a {@link Trainer}. */
    public static final class Builder<B> {
        private final TrainStep<B> step;
        private Module model;
        private Loss loss;
        private Optimizer optimizer;
        private int epochs = 10;
        private BatchMetric metric;
        private final List<Callback> callbacks = new ArrayList<>();
        private double clipGradNorm;

        private Builder(TrainStep<B> step) {
            this.step = step;
        }

        /** The model of the default step. */
        public Builder<B> model(Module model) {
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        /** The loss of the default step, e.g. {@code new CrossEntropyLoss()}. */
        public Builder<B> loss(Loss loss) {
            this.loss = Objects.requireNonNull(loss, "loss");
            return this;
        }

        /** The optimizer of the default step. */
        public Builder<B> optimizer(Optimizer optimizer) {
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
            return this;
        }

        public Builder<B> epochs(int epochs) {
            if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
            this.epochs = epochs;
            return this;
        }

        /** A metric the default step reports next to the loss each epoch, e.g. {@link BatchMetric#accuracy(float)}. */
        public Builder<B> metric(BatchMetric metric) {
            this.metric = metric;
            return this;
        }

        public Builder<B> callback(Callback callback) {
            callbacks.add(Objects.requireNonNull(callback, "callback"));
            return this;
        }

        /** For the default step: rescales gradients whose total L2 norm exceeds this (0 = off). */
        public Builder<B> clipGradNorm(double maxNorm) {
            if (!(maxNorm >= 0)) throw new IllegalArgumentException("clipGradNorm must be >= 0, got " + maxNorm);
            this.clipGradNorm = maxNorm;
            return this;
        }

        public Trainer<B> build() {
            if (step != null) {
                if (model != null || loss != null || optimizer != null || metric != null || clipGradNorm != 0)
                    throw new IllegalStateException("model, loss, optimizer, metric and clipGradNorm configure the default step; this Trainer runs "
                            + stepName(step) + ", which has its own");
                return new Trainer<>(step, this);
            }
            if (model == null || loss == null || optimizer == null)
                throw new IllegalStateException("Trainer needs a model, a loss and an optimizer");
            @SuppressWarnings("unchecked") // builder() is the only way here without a step, and it makes a Builder<Batch>
            TrainStep<B> supervised = (TrainStep<B>) new SupervisedStep(model, loss, optimizer, metric, clipGradNorm);
            return new Trainer<>(supervised, this);
        }
    }
}
