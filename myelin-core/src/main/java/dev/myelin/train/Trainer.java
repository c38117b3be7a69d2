package dev.myelin.train;

import dev.myelin.autograd.NoGrad;
import dev.myelin.data.Batch;
import dev.myelin.data.DataLoader;
import dev.myelin.io.CheckpointFile;
import dev.myelin.io.ModelFileException;
import dev.myelin.io.SafeTensors;
import dev.myelin.loss.Loss;
import dev.myelin.nn.Module;
import dev.myelin.nn.Stochastic;
import dev.myelin.optim.Optimizer;
import dev.myelin.tensor.Generator;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.IdentityHashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
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
 * <p>A loss (a metric whose name ends in "loss") that becomes NaN or infinite, or grows past
 * {@link Builder#divergenceFactor} times its first value, stops training as diverged with a message naming the
 * epoch and batch; that unfinished epoch is not logged, so the history holds only complete epochs.
 *
 * <p>A {@link ModelCheckpoint} saves the whole state of the fit (weights, optimizers, random streams, callbacks,
 * epoch, batch, data order) after any batch or epoch; {@link #resume} continues from such a file and ends with the
 * same weights, bit for bit, as a fit that never stopped. Checkpoints are written after every callback has
 * handled the batch or epoch, so they hold the callbacks' states as of that moment.
 *
 * <pre>{@code
 * Trainer<Batch> trainer = Trainer.builder()
 *         .model(model)
 *         .loss(new CrossEntropyLoss())
 *         .optimizer(new Adam(model.parameters(), 1e-3))
 *         .metric(BatchMetric.accuracy(0.5f))
 *         .epochs(10)
 *         .callback(new EarlyStopping("val_loss", 2, 0.0, true))
 *         .build();
 * History history = trainer.fit(trainLoader, validationLoader);
 * }</pre>
 *
 * @param <B> the batch type of the data loaders
 */
public final class Trainer<B> {
    private static final Set<String> RESERVED = Set.of("epoch", "total_error", "lr", "seconds", "samples_per_second");
    /** How many times its first value a loss may grow before the fit counts as diverged. */
    public static final double DEFAULT_DIVERGENCE_FACTOR = 1e4;

    private final TrainStep<B> step;
    private final int epochs;
    private final List<Callback> callbacks;
    private final List<String> trainNames, validationNames;
    private final SequencedMap<String, Module> models;
    private final SequencedMap<String, Optimizer> optimizers;
    private final double divergenceFactor;

    private Trainer(TrainStep<B> step, Builder<B> b) {
        this.step = step;
        this.epochs = b.epochs;
        this.divergenceFactor = b.divergenceFactor;
        this.callbacks = List.copyOf(b.callbacks);
        this.trainNames = checkedNames(step.metricNames(), "metricNames()", step);
        this.validationNames = checkedNames(step.validationNames(), "validationNames()", step);
        if (trainNames.isEmpty())
            throw new IllegalArgumentException(
                    "Trainer: " + stepName(step) + ".metricNames() is empty; a step reports at least its loss");
        this.models = new LinkedHashMap<>(Objects.requireNonNull(step.models(), "models()"));
        this.optimizers = new LinkedHashMap<>(Objects.requireNonNull(step.optimizers(), "optimizers()"));
    }

    /** {@return a builder of a trainer of the default step ({@link SupervisedStep}); set its model, loss and optimizer} */
    public static Builder<Batch> builder() {
        return new Builder<>(null);
    }

    /**
     * Starts configuring a trainer that runs a custom step on every batch; model, loss, optimizer, metric,
     * clipGradNorm and accumulate are the step's own business and may not be set.
     *
     * @param <B> the batch type the step takes
     * @param step what to do with one batch
     * @return a builder (default 10 epochs, no callbacks)
     * @throws NullPointerException if {@code step} is null
     */
    public static <B> Builder<B> builder(TrainStep<B> step) {
        return new Builder<>(Objects.requireNonNull(step, "step"));
    }

    /** {@return the step run on every batch} */
    public TrainStep<B> step() {
        return step;
    }

    /**
     * Trains for the configured epochs (or until a callback stops it or a loss diverges), validating after every
     * epoch.
     *
     * @param train the training batches; each epoch is one pass (one {@link DataLoader#iterator()})
     * @param validation the validation batches, or null for none
     * @return the history: one {@link EpochLogs} per finished epoch and why training stopped early, if it did
     * @throws NullPointerException if {@code train} is null
     * @throws IllegalArgumentException if a validation loader is given to a step that does not validate
     */
    public History fit(DataLoader<? extends B> train, DataLoader<? extends B> validation) {
        checkLoaders(train, validation);
        return run(train, validation, null);
    }

    /**
     * Continues the fit that wrote a training checkpoint ({@link ModelCheckpoint}): restores the models, the
     * optimizers, every random stream (loaders, stochastic modules, the step's), the callbacks' states, the epoch,
     * the batch and the data order, then trains on, so that the result is bit for bit that of an uninterrupted fit
     * with the same seed and threads. Build the loaders and the trainer as for the first fit (same data, batch size,
     * shuffling, step, epochs, callbacks in the same order); differences that can be seen are refused naming them.
     * A checkpoint of a finished fit trains no further and returns its history.
     *
     * @param checkpoint a file written by a {@link ModelCheckpoint} of the same fit
     * @param train the training batches, as for the first fit
     * @param validation the validation batches, as for the first fit, or null
     * @return the complete history, the checkpointed epochs included
     * @throws ModelFileException if the file holds no training state or was written by a fit that differs from
     *     this one (the message names the difference)
     * @throws IOException if the file cannot be read
     */
    public History resume(Path checkpoint, DataLoader<? extends B> train, DataLoader<? extends B> validation)
            throws IOException {
        Objects.requireNonNull(checkpoint, "checkpoint");
        checkLoaders(train, validation);
        String file = checkpoint.toString();
        Map<String, String> meta = SafeTensors.readMetadata(checkpoint);
        if (!TrainingState.presentIn(meta))
            throw new ModelFileException(
                    file,
                    "holds weights but no training state (epoch, random streams, data order) to resume from; "
                            + "it was not written by a ModelCheckpoint");
        // every key and the fit's shape are checked before anything changes
        checkMatches(file, TrainingState.parse(file, meta, Map.of(), logNames(), trainNames.size()), train, validation);
        CheckpointFile.Restored restored = CheckpointFile.restore(checkpoint, models, optimizers);
        TrainingState state =
                TrainingState.parse(file, restored.metadata(), restored.trainingState(), logNames(), trainNames.size());
        checkMatches(file, state, train, validation);
        return run(train, validation, state);
    }

    private void checkLoaders(DataLoader<? extends B> train, DataLoader<? extends B> validation) {
        Objects.requireNonNull(train, "train");
        if (validation != null && validationNames.isEmpty())
            throw new IllegalArgumentException("Trainer.fit: got a validation loader but " + stepName(step)
                    + " does not validate (its validationNames() is empty); pass null");
    }

    /** What a checkpoint says about the fit that wrote it, against this trainer and these loaders. */
    private void checkMatches(
            String file, TrainingState s, DataLoader<? extends B> train, DataLoader<? extends B> validation)
            throws ModelFileException {
        List<String> mine =
                statefulCallbacks().stream().map(c -> c.getClass().getName()).toList();
        List<String> saved = s.callbacks().stream().map(Map.Entry::getKey).toList();
        if (!mine.equals(saved))
            throw new ModelFileException(
                    file,
                    "was written by a fit with the callbacks " + saved + "; this trainer has " + mine
                            + " (the same ones with state are needed, in the same order)");
        Set<String> streams = generators(train, validation).keySet();
        if (!streams.equals(s.generators().keySet()))
            throw new ModelFileException(
                    file,
                    "holds the random streams " + s.generators().keySet() + "; this fit has " + streams
                            + " (the same models, loaders and step are needed)");
        if (s.lrs().length != optimizers.size())
            throw new ModelFileException(
                    file,
                    "holds " + s.lrs().length + " learning rates; this fit has " + optimizers.size() + " optimizer(s)");
        if (s.epoch() > epochs)
            throw new ModelFileException(
                    file, "is at epoch " + s.epoch() + " but this trainer runs " + epochs + " epochs");
        if (s.batch() > train.numBatches())
            throw new ModelFileException(
                    file,
                    "is at batch " + s.batch() + " of epoch " + s.epoch() + " but the train loader has "
                            + train.numBatches() + " batches an epoch (the data or the batch size changed)");
        if (s.samplesPerEpoch() != train.dataset().size() || s.batchesPerEpoch() != train.numBatches())
            throw new ModelFileException(
                    file,
                    "was written for " + s.samplesPerEpoch() + " training samples in " + s.batchesPerEpoch()
                            + " batches an epoch; this loader has "
                            + train.dataset().size() + " in " + train.numBatches());
    }

    /**
     * Every random stream of a fit, by name, each generator once: "data" (the train loader's shuffling and
     * augmentation), "validation_data", "MODEL.MODULE" for each {@link Stochastic} module, then the step's own.
     */
    private SequencedMap<String, Generator> generators(
            DataLoader<? extends B> train, DataLoader<? extends B> validation) {
        SequencedMap<String, Generator> out = new LinkedHashMap<>();
        Set<Generator> seen = Collections.newSetFromMap(new IdentityHashMap<>());
        java.util.function.BiConsumer<String, Generator> add = (name, g) -> {
            if (g != null && seen.add(g)) out.put(name, g);
        };
        add.accept("data", train.generator());
        if (validation != null) add.accept("validation_data", validation.generator());
        models.forEach((name, model) -> model.namedModules().forEach((path, m) -> {
            if (m instanceof Stochastic st) add.accept(path.isEmpty() ? name : name + "." + path, st.generator());
        }));
        Objects.requireNonNull(step.generators(), "generators()").forEach(add);
        return out;
    }

    /** Where the loop is; what a snapshot records besides the history and the streams. */
    private static final class Position {
        int epoch, batch, seen;
        boolean epochDone;
        double[] sums, lrs;
        Generator.State dataEpochStart;
        final Map<String, Double> firstLosses = new LinkedHashMap<>();
    }

    private History run(DataLoader<? extends B> train, DataLoader<? extends B> validation, TrainingState resumed) {
        List<String> logNames = logNames();
        TrainingContext ctx = new TrainingContext(
                models, optimizers, epochs, train.numBatches(), train.dataset().size(), logNames);
        History history = new History(step instanceof SupervisedStep s ? s.metricName() : null, logNames);
        SequencedMap<String, Generator> streams = generators(train, validation);
        Position at = new Position();
        ctx.snapshotSource(() -> snapshot(at, ctx, history, streams, train));
        callbacks.forEach(c -> c.onTrainBegin(ctx));
        int firstEpoch = 1;
        if (resumed != null) {
            resumed.history().forEach(history::add);
            List<Callback> stateful = statefulCallbacks();
            for (int i = 0; i < stateful.size(); i++)
                stateful.get(i).restoreState(resumed.callbacks().get(i).getValue());
            ctx.resumeAt(resumed.step());
            if (resumed.stopReason() != null) ctx.stop(resumed.stopReason());
            at.firstLosses.putAll(resumed.firstLosses());
            firstEpoch = resumed.epochDone() ? resumed.epoch() + 1 : resumed.epoch();
            if (resumed.epochDone()) restoreStreams(streams, resumed);
        }
        for (int epoch = firstEpoch; epoch <= epochs && !ctx.stopRequested(); epoch++) {
            final int e = epoch;
            boolean continuing = resumed != null && !resumed.epochDone() && e == resumed.epoch();
            ctx.startEpoch(e);
            callbacks.forEach(c -> c.onEpochBegin(ctx, e));
            long start = System.nanoTime();
            models.values().forEach(Module::train);
            at.epoch = e;
            at.epochDone = false;
            Iterator<? extends B> batches;
            if (continuing) {
                at.sums = resumed.sums().clone();
                at.seen = resumed.seen();
                at.batch = resumed.batch();
                at.lrs = resumed.lrs().clone();
                at.dataEpochStart = resumed.dataEpochStart();
                train.generator().setState(at.dataEpochStart); // draws this epoch's order again...
                batches = train.iterator(at.batch);
                restoreStreams(streams, resumed); // ...then every stream continues where it was
                ctx.runningFrom(trainNames, at.sums, at.seen);
            } else {
                at.sums = new double[trainNames.size()];
                at.seen = 0;
                at.batch = 0;
                at.lrs = optimizers.values().stream()
                        .mapToDouble(Optimizer::learningRate)
                        .toArray();
                at.dataEpochStart = train.generator().getState();
                batches = train.iterator();
            }
            boolean diverged = false;
            while (batches.hasNext()) {
                B batch = batches.next();
                int batchIndex = at.batch + 1;
                ctx.startBatch(batchIndex);
                StepMetrics m = step.step(batch, ctx);
                checkReported(m, trainNames, "metricNames()", e, batchIndex);
                String broken = divergence(m, at.firstLosses, e, batchIndex);
                if (broken != null) {
                    ctx.stop(broken);
                    diverged = true;
                    break;
                }
                for (int i = 0; i < at.sums.length; i++) at.sums[i] += m.sumOf(trainNames.get(i));
                int n = m.samples();
                at.seen += n;
                at.batch = batchIndex;
                ctx.endStep(m, trainNames, at.sums, at.seen);
                float batchLoss = m.names().contains("loss") ? (float) m.get("loss") : Float.NaN;
                callbacks.forEach(c -> c.onBatchEnd(ctx, e, batchIndex, batchLoss, n));
                saveDueCheckpoints(ctx);
                if (ctx.stopRequested()) break;
            }
            // an epoch cut short by a diverging loss is not logged: its numbers would mix finite and broken weights
            if (diverged) history.setDiverged();
            if (diverged || at.seen == 0) break;
            Map<String, Double> val = validation == null ? null : validate(validation, ctx);
            double seconds = (System.nanoTime() - start) / 1e9;
            EpochLogs logs = new EpochLogs(e, epochValues(at.sums, at.seen, val, at.lrs), seconds, at.seen / seconds);
            history.add(logs);
            callbacks.forEach(c -> c.onEpochEnd(ctx, logs));
            at.epochDone = true;
            at.batch = 0;
            saveDueCheckpoints(ctx);
        }
        history.setStopReason(ctx.stopReason());
        callbacks.forEach(c -> c.onTrainEnd(ctx, history));
        return history;
    }

    /**
     * The callbacks that keep state between epochs (those that override {@link Callback#state()}), in order: what a
     * checkpoint saves and a resumed fit must have again. Progress printers and the like may differ between the runs.
     */
    private List<Callback> statefulCallbacks() {
        List<Callback> out = new ArrayList<>();
        for (Callback c : callbacks) {
            try {
                if (c.getClass().getMethod("state").getDeclaringClass() != Callback.class) out.add(c);
            } catch (NoSuchMethodException e) {
                throw new IllegalStateException("Callback.state() not found", e);
            }
        }
        return out;
    }

    /** The checkpoints asked for by this batch's or epoch's callbacks, written once every callback has had its turn. */
    private void saveDueCheckpoints(TrainingContext ctx) {
        for (Callback c : callbacks) if (c instanceof ModelCheckpoint mc) mc.saveIfDue(ctx);
    }

    private static void restoreStreams(SequencedMap<String, Generator> streams, TrainingState s) {
        streams.forEach((name, g) -> g.setState(s.generators().get(name)));
    }

    private TrainingState snapshot(
            Position at,
            TrainingContext ctx,
            History history,
            SequencedMap<String, Generator> streams,
            DataLoader<? extends B> train) {
        Map<String, Generator.State> states = new LinkedHashMap<>();
        streams.forEach((name, g) -> states.put(name, g.getState()));
        List<Map.Entry<String, CallbackState>> cbs = new ArrayList<>();
        for (Callback c : statefulCallbacks())
            cbs.add(Map.entry(c.getClass().getName(), Objects.requireNonNull(c.state(), "state()")));
        return new TrainingState(
                at.epoch,
                at.batch,
                at.epochDone,
                ctx.step(),
                at.sums.clone(),
                at.seen,
                at.lrs.clone(),
                at.dataEpochStart,
                states,
                List.copyOf(history.epochs()),
                ctx.stopReason(),
                new LinkedHashMap<>(at.firstLosses),
                cbs,
                train.dataset().size(),
                train.numBatches());
    }

    /**
     * The step's validation over a data set: each validation metric's mean, in eval mode and without recording
     * gradients. For the default step, the mean loss and metric.
     *
     * @param loader the batches to score, one pass
     * @return the sample-weighted mean of each validation metric and the number of samples
     * @throws IllegalStateException if the step does not validate
     */
    public Evaluation evaluate(DataLoader<? extends B> loader) {
        if (validationNames.isEmpty())
            throw new IllegalStateException(
                    "Trainer.evaluate: " + stepName(step) + " does not validate (its validationNames() is empty)");
        TrainingContext ctx = new TrainingContext(
                models,
                optimizers,
                epochs,
                loader.numBatches(),
                loader.dataset().size(),
                logNames());
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
        for (int i = 0; i < sums.length; i++)
            means.put(validationNames.get(i), seen == 0 ? Double.NaN : sums[i] / seen);
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
        return String.format(
                "%s became %s at epoch %d, batch %d%s; try a lower learning rate",
                name, (float) value, epoch, batch, lrNote());
    }

    /**
     * Why this step's losses (names ending in "loss") mean the fit has diverged, or null: a loss that is NaN or
     * infinite, or one that grew past {@code divergenceFactor} times its first value (when that was positive).
     * The first values are recorded here.
     */
    private String divergence(StepMetrics m, Map<String, Double> firstLosses, int epoch, int batch) {
        for (String name : m.names()) {
            if (!name.endsWith("loss")) continue;
            double v = m.get(name);
            if (!Double.isFinite(v)) return divergedMessage(name, v, epoch, batch);
            Double first = firstLosses.putIfAbsent(name, v);
            if (first != null && first > 0 && v > divergenceFactor * first)
                return String.format(
                        Locale.ROOT,
                        "%s grew to %.4g at epoch %d, batch %d, more than %.4g times its first value %.4g%s; "
                                + "the training diverged: try a lower learning rate",
                        name,
                        v,
                        epoch,
                        batch,
                        divergenceFactor,
                        first,
                        lrNote());
        }
        return null;
    }

    private String lrNote() {
        return optimizers.size() == 1
                ? String.format(
                        " (learning rate %.3g)",
                        optimizers.firstEntry().getValue().learningRate())
                : "";
    }

    private void checkReported(StepMetrics m, List<String> names, String declared, int epoch, int batch) {
        if (m == null)
            throw new IllegalStateException(
                    stepName(step) + " returned no metrics at epoch " + epoch + ", batch " + batch);
        if (m.names().size() != names.size() || !m.names().containsAll(names))
            throw new IllegalStateException(stepName(step) + " returned " + m.names() + " at epoch " + epoch
                    + ", batch " + batch + " but its " + declared + " are " + names);
    }

    private static List<String> checkedNames(List<String> names, String what, TrainStep<?> step) {
        Objects.requireNonNull(names, what);
        Set<String> seen = new HashSet<>();
        for (String n : names) {
            if (n == null
                    || n.isBlank()
                    || RESERVED.contains(n)
                    || n.startsWith("val_")
                    || n.startsWith("lr_")
                    || !seen.add(n))
                throw new IllegalArgumentException("Trainer: " + stepName(step) + "." + what + " has '" + n
                        + "'; names must be unique, not blank, " + "not start with val_ or lr_, and not be one of "
                        + RESERVED);
        }
        return List.copyOf(names);
    }

    private static String stepName(TrainStep<?> step) {
        return step.getClass().getSimpleName().isEmpty()
                ? step.getClass().getName()
                : step.getClass().getSimpleName();
    }

    /**
     * The mean of each validation metric over one pass over a data set; for the default step, its loss and metric.
     *
     * @param values the mean of each validation metric, by name (copied, unmodifiable)
     * @param samples the number of samples scored
     */
    public record Evaluation(Map<String, Double> values, int samples) {
        /**
         * Copies the values, keeping their order.
         *
         * @param values the mean of each validation metric, by name
         * @param samples the number of samples scored
         */
        public Evaluation {
            values = Collections.unmodifiableMap(new LinkedHashMap<>(values));
        }

        /**
         * Reads one metric.
         *
         * @param name a validation metric's name, e.g. "loss"
         * @return the mean of {@code name}
         * @throws IllegalArgumentException if the step does not report it
         */
        public double get(String name) {
            Double v = values.get(name);
            if (v == null)
                throw new IllegalArgumentException(
                        "Evaluation: no '" + name + "'; the step validates " + values.keySet());
            return v;
        }

        /** {@return the mean "loss", or NaN if the step reports none} */
        public double loss() {
            return values.getOrDefault("loss", Double.NaN);
        }

        /** {@return the mean "metric" (e.g. accuracy), or NaN if the step reports none} */
        public double metric() {
            return values.getOrDefault("metric", Double.NaN);
        }
    }

    /**
     * Validated configuration of a {@link Trainer}. Defaults: 10 epochs, no metric, no callbacks, no clipping, no
     * accumulation, divergence factor {@value Trainer#DEFAULT_DIVERGENCE_FACTOR}.
     *
     * @param <B> the batch type of the data loaders
     */
    public static final class Builder<B> {
        private final TrainStep<B> step;
        private Module model;
        private Loss loss;
        private Optimizer optimizer;
        private int epochs = 10;
        private BatchMetric metric;
        private final List<Callback> callbacks = new ArrayList<>();
        private double clipGradNorm;
        private int accumulate = 1;
        private double divergenceFactor = DEFAULT_DIVERGENCE_FACTOR;

        private Builder(TrainStep<B> step) {
            this.step = step;
        }

        /**
         * Sets the model of the default step.
         *
         * @param model the model to train
         * @return this builder
         * @throws NullPointerException if {@code model} is null
         */
        public Builder<B> model(Module model) {
            this.model = Objects.requireNonNull(model, "model");
            return this;
        }

        /**
         * Sets the loss of the default step.
         *
         * @param loss e.g. {@code new CrossEntropyLoss()} or {@code new MSELoss()}
         * @return this builder
         * @throws NullPointerException if {@code loss} is null
         */
        public Builder<B> loss(Loss loss) {
            this.loss = Objects.requireNonNull(loss, "loss");
            return this;
        }

        /**
         * Sets the optimizer of the default step.
         *
         * @param optimizer an optimizer of the model's parameters, e.g. {@code new Adam(model.parameters(), 1e-3)}
         * @return this builder
         * @throws NullPointerException if {@code optimizer} is null
         */
        public Builder<B> optimizer(Optimizer optimizer) {
            this.optimizer = Objects.requireNonNull(optimizer, "optimizer");
            return this;
        }

        /**
         * Sets the number of epochs (default 10).
         *
         * @param epochs passes over the training data, &gt;= 1
         * @return this builder
         * @throws IllegalArgumentException if {@code epochs < 1}
         */
        public Builder<B> epochs(int epochs) {
            if (epochs < 1) throw new IllegalArgumentException("epochs must be >= 1, got " + epochs);
            this.epochs = epochs;
            return this;
        }

        /**
         * Sets a metric the default step reports next to the loss each epoch.
         *
         * @param metric e.g. {@link BatchMetric#accuracy(float)}, or null for none
         * @return this builder
         */
        public Builder<B> metric(BatchMetric metric) {
            this.metric = metric;
            return this;
        }

        /**
         * Adds a callback; callbacks run in the order they were added.
         *
         * @param callback e.g. an {@link EarlyStopping}, {@link ModelCheckpoint} or {@link ProgressBarCallback}
         * @return this builder
         * @throws NullPointerException if {@code callback} is null
         */
        public Builder<B> callback(Callback callback) {
            callbacks.add(Objects.requireNonNull(callback, "callback"));
            return this;
        }

        /**
         * For the default step: rescales gradients whose total L2 norm exceeds this, as
         * {@code torch.nn.utils.clip_grad_norm_}.
         *
         * @param maxNorm the largest total norm, &gt;= 0 (0 = off, the default)
         * @return this builder
         * @throws IllegalArgumentException if {@code maxNorm} is negative or NaN
         */
        public Builder<B> clipGradNorm(double maxNorm) {
            if (!(maxNorm >= 0)) throw new IllegalArgumentException("clipGradNorm must be >= 0, got " + maxNorm);
            this.clipGradNorm = maxNorm;
            return this;
        }

        /**
         * For the default step: gradient accumulation, one optimizer step every {@code batches} batches with each
         * batch's loss scaled by 1/{@code batches} (see {@link SupervisedStep}); 1 = off.
         *
         * @param batches the batches per optimizer step, &gt;= 1
         * @return this builder
         * @throws IllegalArgumentException if {@code batches < 1}
         */
        public Builder<B> accumulate(int batches) {
            if (batches < 1) throw new IllegalArgumentException("accumulate must be >= 1 batch, got " + batches);
            this.accumulate = batches;
            return this;
        }

        /**
         * Stops training as diverged when a loss grows past {@code factor} times its first batch's value (default
         * {@value #DEFAULT_DIVERGENCE_FACTOR}); {@code Double.POSITIVE_INFINITY} turns the bound off (a NaN or infinite
         * loss always stops).
         *
         * @param factor the bound on a loss's growth, &gt; 1
         * @return this builder
         * @throws IllegalArgumentException unless {@code factor > 1}
         */
        public Builder<B> divergenceFactor(double factor) {
            if (!(factor > 1))
                throw new IllegalArgumentException(
                        "divergenceFactor must be > 1 (or infinite for no bound), got " + factor);
            this.divergenceFactor = factor;
            return this;
        }

        /**
         * {@return the trainer}
         *
         * @throws IllegalStateException if the default step lacks a model, loss or optimizer, or a custom step was
         *     given settings of the default step
         * @throws IllegalArgumentException if the step's metric names are empty, repeated, blank, reserved or start
         *     with val_ or lr_
         */
        public Trainer<B> build() {
            if (step != null) {
                if (model != null
                        || loss != null
                        || optimizer != null
                        || metric != null
                        || clipGradNorm != 0
                        || accumulate != 1)
                    throw new IllegalStateException(
                            "model, loss, optimizer, metric, clipGradNorm and accumulate configure the default step; this Trainer runs "
                                    + stepName(step) + ", which has its own");
                return new Trainer<>(step, this);
            }
            if (model == null || loss == null || optimizer == null)
                throw new IllegalStateException("Trainer needs a model, a loss and an optimizer");
            @SuppressWarnings(
                    "unchecked") // builder() is the only way here without a step, and it makes a Builder<Batch>
            TrainStep<B> supervised =
                    (TrainStep<B>) new SupervisedStep(model, loss, optimizer, metric, clipGradNorm, accumulate);
            return new Trainer<>(supervised, this);
        }
    }
}
