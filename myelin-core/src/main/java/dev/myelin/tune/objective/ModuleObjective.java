package dev.myelin.tune.objective;

import dev.myelin.data.Batch;
import dev.myelin.data.DataLoader;
import dev.myelin.data.TensorDataset;
import dev.myelin.loss.CrossEntropyLoss;
import dev.myelin.loss.Loss;
import dev.myelin.loss.MSELoss;
import dev.myelin.nn.Module;
import dev.myelin.optim.LRScheduler;
import dev.myelin.optim.Optimizer;
import dev.myelin.tensor.Generator;
import dev.myelin.train.BatchMetric;
import dev.myelin.train.Callback;
import dev.myelin.train.EarlyStopping;
import dev.myelin.train.EpochLogs;
import dev.myelin.train.History;
import dev.myelin.train.LRSchedulerCallback;
import dev.myelin.train.Trainer;
import dev.myelin.train.TrainingContext;
import dev.myelin.train.spec.NetworkConfig;
import dev.myelin.train.spec.RunSpec;
import dev.myelin.tune.Config;
import dev.myelin.tune.Direction;
import dev.myelin.tune.Objective;
import dev.myelin.tune.TrialContext;
import java.util.Map;
import java.util.Objects;
import java.util.function.Function;

/**
 * Trains a network ({@link dev.myelin.nn}) described by a {@link Config} (names in {@link NetworkConfig}) with
 * the {@link Trainer} on a training set for {@link TrialContext#budgetOr(double) ctx.budgetOr(epochs)} epochs, so
 * that {@link dev.myelin.tune.SuccessiveHalving}'s epoch budgets apply, and returns the validation score of the
 * last epoch: accuracy (maximized) for classification, mean loss (minimized) for regression. Every epoch's
 * validation score is reported to the trial context; when its pruner says stop, training ends and the score so
 * far is returned. Training that diverges (the Trainer stops on a non-finite loss) throws, so the tuner records
 * a failed trial with the Trainer's reason. All randomness (initialization, shuffling, dropout) comes from the
 * trial's seed.
 *
 * <p>Thread use: the kernels' thread pool is global ({@link dev.myelin.kernel.Parallel}); this objective does not
 * change it. With several parallel trials, call {@code Parallel.setThreads(threadsPerTrial)} once before the
 * search; trials then share that pool (a kernel call that finds the pool busy runs on its caller's thread).
 */
public final class ModuleObjective implements Objective {
    private final TensorDataset train, validation;
    private final boolean classification;
    private final int inputs, outputs;
    private final RunSpec run;
    private final Function<Generator, Module> model;

    /**
     * An objective that trains the configured MLP with train's default loop settings for {@code epochs} epochs.
     *
     * @param train          training examples: features [N, F], targets class indices [N] (classification) or
     *                       values [N, outputs] (regression)
     * @param validation     held-out examples scored after every epoch
     * @param classification true: cross-entropy loss, accuracy score; false: MSE loss, loss score
     * @param outputs        number of classes, or of regression targets
     * @param epochs         epochs per trial when the strategy gives no budget
     */
    public ModuleObjective(
            TensorDataset train, TensorDataset validation, boolean classification, int outputs, int epochs) {
        this(train, validation, classification, outputs, epochs, null);
    }

    /**
     * As above, but every trial trains the model {@code model} builds from the trial's generator (e.g. a CNN from
     * its architecture JSON) instead of an MLP; configurations then set only the optimizer and batch size, and one
     * that names an MLP hyperparameter ({@link NetworkConfig#MLP_NAMES}) fails. A null {@code model} is the MLP.
     *
     * @param train training examples, as above
     * @param validation held-out examples scored after every epoch
     * @param classification true: cross-entropy loss, accuracy score; false: MSE loss, loss score
     * @param outputs number of classes, or of regression targets
     * @param epochs epochs per trial when the strategy gives no budget
     * @param model builds the fixed model of every trial from its generator, or null for the configured MLP
     */
    public ModuleObjective(
            TensorDataset train,
            TensorDataset validation,
            boolean classification,
            int outputs,
            int epochs,
            Function<Generator, Module> model) {
        this(train, validation, classification, outputs, epochsOnly(epochs), model);
    }

    /**
     * As above, with every training setting of the trials from a run specification, as {@code myelin train} uses
     * it: its epochs (when the strategy gives no budget), gradient accumulation and clipping, early stopping (the
     * trial then scores the best epoch, whose weights it keeps) and learning-rate schedule. Its data settings
     * (data, subset, validation fraction) and seed are the caller's: it cut {@code train} and {@code validation}
     * with {@link RunSpec#split}, and each trial draws from its own seed.
     *
     * @param train training examples, as above
     * @param validation held-out examples scored after every epoch
     * @param classification true: cross-entropy loss, accuracy score; false: MSE loss, loss score
     * @param outputs number of classes, or of regression targets
     * @param run the training settings of every trial
     * @param model builds the fixed model of every trial from its generator, or null for the configured MLP
     */
    public ModuleObjective(
            TensorDataset train,
            TensorDataset validation,
            boolean classification,
            int outputs,
            RunSpec run,
            Function<Generator, Module> model) {
        this.run = Objects.requireNonNull(run, "run");
        this.model = model;
        this.train = Objects.requireNonNull(train, "train");
        this.validation = Objects.requireNonNull(validation, "validation");
        if (train.size() == 0 || validation.size() == 0)
            throw new IllegalArgumentException("ModuleObjective: train and validation sets must not be empty (got "
                    + train.size() + " and " + validation.size() + " examples)");
        this.inputs = train.features().numel() / train.size();
        if (validation.features().numel() / validation.size() != inputs)
            throw new IllegalArgumentException(
                    "ModuleObjective: train has " + inputs + " features per example, validation "
                            + validation.features().numel() / validation.size());
        if (outputs < 1) throw new IllegalArgumentException("ModuleObjective: outputs must be >= 1, got " + outputs);
        this.classification = classification;
        this.outputs = outputs;
    }

    private static RunSpec epochsOnly(int epochs) {
        if (epochs < 1) throw new IllegalArgumentException("ModuleObjective: epochs must be >= 1, got " + epochs);
        return RunSpec.fromJson(Map.of("epochs", epochs));
    }

    @Override
    public Direction direction() {
        return classification ? Direction.MAXIMIZE : Direction.MINIMIZE;
    }

    /** {@return what the score is: "val_accuracy" or "val_loss"} */
    public String scoreName() {
        return classification ? "val_accuracy" : "val_loss";
    }

    @Override
    public double evaluate(Config config, TrialContext ctx) {
        NetworkConfig net = NetworkConfigs.from(config);
        int trialEpochs = (int) Math.round(ctx.budgetOr(run.epochs()));
        if (trialEpochs < 1)
            throw new IllegalArgumentException("budget " + ctx.budget() + " rounds to " + trialEpochs + " epochs");
        Generator gen = new Generator(ctx.seed());
        if (this.model != null)
            for (String name : config.names())
                if (NetworkConfig.MLP_NAMES.contains(name))
                    throw new IllegalArgumentException(
                            "hyperparameter '" + name + "' shapes an MLP, but this search trains a fixed model");
        Module model = this.model != null ? this.model.apply(gen) : net.buildModel(inputs, outputs, gen);
        Optimizer optimizer = net.buildOptimizer(model);
        Loss loss = classification ? new CrossEntropyLoss() : new MSELoss();
        PruningReporter reporter = new PruningReporter(ctx);
        Trainer.Builder<Batch> tb = Trainer.builder()
                .model(model)
                .loss(loss)
                .optimizer(optimizer)
                .epochs(trialEpochs)
                .metric(classification ? BatchMetric.accuracy(0.5f) : BatchMetric.meanSquaredError())
                .clipGradNorm(run.clipGradNorm())
                .accumulate(run.accumulate())
                .callback(reporter);
        LRScheduler schedule =
                run.scheduler(optimizer, trialEpochs * run.optimizerStepsPerEpoch(train.size(), net.batchSize()));
        if (schedule != null) tb.callback(LRSchedulerCallback.everyOptimizerStep(schedule, run.accumulate()));
        if (run.earlyStopping() != null) tb.callback(new EarlyStopping("val_loss", run.earlyStopping(), 0, true));
        Trainer<Batch> trainer = tb.build();
        DataLoader<Batch> trainLoader = DataLoader.builder(train)
                .batchSize(net.batchSize())
                .shuffle(true)
                .generator(gen.split())
                .build();
        DataLoader<Batch> valLoader =
                DataLoader.builder(validation).batchSize(1024).build();
        History history = trainer.fit(trainLoader, valLoader);
        boolean stoppedEarly = !history.diverged() && history.bestEpoch() >= 0;
        if (history.stopReason() != null && !reporter.pruned && !stoppedEarly)
            throw new TrainingDivergedException(history.stopReason());
        if (history.epochs().isEmpty()) throw new TrainingDivergedException("no epoch finished");
        if (run.earlyStopping() != null && history.bestEpoch() >= 0) // the kept weights are the best epoch's
        for (EpochLogs e : history.epochs()) if (e.epoch() == history.bestEpoch()) return score(e);
        return score(history.last());
    }

    private double score(EpochLogs logs) {
        return classification ? logs.valMetric() : logs.valLoss();
    }

    /** Reports each epoch's validation score and stops training when the trial's pruner says so. */
    private final class PruningReporter implements Callback {
        private final TrialContext ctx;
        boolean pruned;

        PruningReporter(TrialContext ctx) {
            this.ctx = ctx;
        }

        @Override
        public void onEpochEnd(TrainingContext training, EpochLogs logs) {
            ctx.report(logs.epoch(), score(logs));
            if (ctx.shouldStop()) {
                pruned = true;
                training.stop("pruned after epoch " + logs.epoch());
            }
            if (Thread.currentThread().isInterrupted()) training.stop("interrupted");
        }
    }
}
