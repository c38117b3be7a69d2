package dev.myelin.cli;

import dev.myelin.cli.dashboard.TrainDashboard;
import dev.myelin.data.Batch;
import dev.myelin.data.DataLoader;
import dev.myelin.data.TensorDataset;
import dev.myelin.io.AtomicFiles;
import dev.myelin.io.ModelFile;
import dev.myelin.kernel.Parallel;
import dev.myelin.loss.CrossEntropyLoss;
import dev.myelin.loss.Loss;
import dev.myelin.loss.MSELoss;
import dev.myelin.nn.Module;
import dev.myelin.optim.LRScheduler;
import dev.myelin.optim.Optimizer;
import dev.myelin.tensor.Generator;
import dev.myelin.train.BatchMetric;
import dev.myelin.train.EarlyStopping;
import dev.myelin.train.History;
import dev.myelin.train.HistoryFile;
import dev.myelin.train.LRSchedulerCallback;
import dev.myelin.train.ProgressBarCallback;
import dev.myelin.train.Trainer;
import dev.myelin.train.spec.RunData;
import dev.myelin.train.spec.RunSpec;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code myelin train}: loads a data set, builds the network, trains it with a live progress bar and
 * writes the run directory (model file, history.csv/json, plots, then summary.json; see {@link RunDirectory}).
 * With {@code --checkpoint-every} it saves checkpoints there that {@code --resume} continues from.
 */
@Command(
        name = "train",
        mixinStandardHelpOptions = true,
        defaultValueProvider = RunOptions.Defaults.class,
        sortOptions = false,
        description = "Train a network and write model, history, summary and plots to a run directory.")
final class TrainCommand implements Callable<Integer> {
    @Mixin
    RunOptions run = new RunOptions();

    @Mixin
    SequenceOptions sequence = new SequenceOptions();

    @Mixin
    ModelOptions model = new ModelOptions();

    @Option(
            names = "--loss",
            description =
                    "auto, cross-entropy or mse (default: ${DEFAULT-VALUE}: cross-entropy for classes, mse for numbers).",
            defaultValue = "auto")
    String loss;

    @Mixin
    OptimizerOptions optimizer = new OptimizerOptions();

    @Option(names = "--batch-size", description = "Mini-batch size (default: ${DEFAULT-VALUE}).", defaultValue = "128")
    int batchSize;

    @Option(
            names = "--augment",
            description = "Image augmentation (random shift, small rotation, noise) for image data.")
    boolean augment;

    @Option(
            names = {"--out", "-o"},
            paramLabel = "DIR",
            description = "Run directory (default: runs/<data>-<time>).")
    Path out;

    @Option(
            names = "--plots",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "Write PNG plots (default: ${DEFAULT-VALUE}).")
    boolean plots;

    @Option(names = "--no-progress", description = "No live progress bar, only one line per epoch.")
    boolean noProgress;

    @Option(
            names = "--checkpoint-every",
            paramLabel = "N[steps]",
            converter = CheckpointEvery.Converter.class,
            description =
                    "Save the whole training state to RUN_DIR/checkpoint.safetensors every N epochs (or every N batches: 500steps), for --resume.")
    CheckpointEvery checkpointEvery;

    @Option(
            names = "--resume",
            paramLabel = "RUN_DIR",
            description = "Finish the run in RUN_DIR (killed or crashed) with its own settings, "
                    + "from its last checkpoint: it ends with the same model as a run that was never stopped.")
    Path resume;

    @Option(
            names = "--dashboard",
            description =
                    "Serve the live dashboard of this run (and the runs beside it) while it trains; prints the address.")
    boolean dashboard;

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (resume != null) return resumeRun();
        if (run.data
                == null) // required unless --resume, so picocli cannot require it; the same usage error as if it could
        throw new CommandLine.ParameterException(
                    spec.commandLine(), "Missing required option: '--data=<data>' (or --resume RUN_DIR)");
        RunSpec runSpec = TrainFlags.check(this);
        if (runSpec.threads() != null) Parallel.setThreads(runSpec.threads());
        Path runDir = out != null
                ? out
                : Path.of(
                        "runs",
                        run.data.replaceAll("[^A-Za-z0-9._-]", "_") + "-"
                                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        RunDirectory directory = RunDirectory.begin(runDir, ownArgs(), Parallel.threads());
        try (var ignored = TrainDashboard.openIf(dashboard, runDir, System.out)) {
            return train(runSpec, directory, false);
        }
    }

    /** This command's arguments (picocli's original arguments start with the command's name when it ran as a subcommand). */
    private List<String> ownArgs() {
        List<String> args = spec.commandLine().getParseResult().originalArgs();
        int name = args.indexOf(spec.name());
        return List.copyOf(name >= 0 && spec.parent() != null ? args.subList(name + 1, args.size()) : args);
    }

    /** {@code --resume RUN_DIR}: the run's own arguments and thread count, the directory reopened, training from its checkpoint. */
    private Integer resumeRun() throws Exception {
        List<String> others = spec.commandLine().getParseResult().matchedOptions().stream()
                .map(OptionSpec::longestName)
                .filter(n -> !n.equals("--resume") && !n.equals("--no-progress"))
                .toList();
        if (!others.isEmpty())
            throw new IllegalArgumentException("--resume takes the run's settings from "
                    + resume.resolve(RunDirectory.SETTINGS) + "; leave out " + others);
        RunDirectory.Settings saved = RunDirectory.settings(resume);
        if (RunDirectory.complete(resume)) {
            System.out.println("the run in " + resume + " is complete (" + RunDirectory.SUMMARY
                    + " is written); nothing to resume");
            return 0;
        }
        TrainCommand original = new TrainCommand();
        try {
            new CommandLine(original).parseArgs(saved.args().toArray(String[]::new));
        } catch (CommandLine.ParameterException e) {
            throw new IOException(
                    resume.resolve(RunDirectory.SETTINGS) + ": the saved arguments are not valid: " + e.getMessage());
        }
        if (original.resume != null)
            throw new IOException(resume.resolve(RunDirectory.SETTINGS) + ": the saved arguments hold --resume");
        RunSpec runSpec = TrainFlags.check(original);
        original.noProgress |= noProgress;
        Parallel.setThreads(saved.threads());
        return original.train(runSpec, RunDirectory.reopen(resume), true);
    }

    private Integer train(RunSpec spec, RunDirectory run, boolean resuming) throws Exception {
        long seed = spec.seed();
        int epochs = spec.epochs(), accumulate = spec.accumulate();
        Generator gen = new Generator(seed);
        LoadedData loaded = DataSources.load(spec.data(), spec.label(), seed, spec.task(), sequence);
        // the subset is drawn from gen itself, so the model's initialization follows it as before
        RunData parts = spec.split(loaded.train(), loaded.test(), loaded.classification(), gen);
        TensorDataset train = parts.train(), val = parts.validation(), test = parts.test();

        Module net = model.build(loaded, gen, optimizer);
        Loss criterion = switch (loss) {
            case "auto" -> loaded.classification() ? new CrossEntropyLoss() : new MSELoss();
            case "cross-entropy" -> {
                if (!loaded.classification())
                    throw new IllegalArgumentException("--loss cross-entropy needs class labels, but " + loaded.name()
                            + " has real-valued targets" + " (a regression task); use --loss mse"
                            + (spec.data().startsWith("csv:")
                                    ? ", or --task classification if the values are classes"
                                    : ""));
                yield new CrossEntropyLoss();
            }
            case "mse" -> new MSELoss();
            default ->
                throw new IllegalArgumentException("--loss: unknown '" + loss + "'; use auto, cross-entropy or mse");
        };
        Optimizer opt = optimizer.build(net, model);
        Path runDir = run.dir();

        DataLoader.Builder<Batch> trainLoader = DataLoader.builder(train)
                .batchSize(batchSize)
                .shuffle(true)
                .generator(gen.split())
                .prefetch(true);
        if (augment && loaded.imageShape() != null) trainLoader.transform(Augmentations.forImages(loaded.imageShape()));
        Trainer.Builder<Batch> tb = Trainer.builder()
                .model(net)
                .loss(criterion)
                .optimizer(opt)
                .epochs(epochs)
                .metric(loaded.classification() ? BatchMetric.accuracy(0.5f) : BatchMetric.meanSquaredError())
                .clipGradNorm(spec.clipGradNorm())
                .accumulate(accumulate);
        LRScheduler schedule = spec.scheduler(opt, epochs * spec.optimizerStepsPerEpoch(train.size(), batchSize));
        if (schedule != null) tb.callback(LRSchedulerCallback.everyOptimizerStep(schedule, accumulate));
        // a live bar only makes sense on a terminal; logs and pipes get one line per epoch
        boolean live =
                !noProgress && System.console() != null && System.console().isTerminal();
        tb.callback(live ? new ProgressBarCallback(System.out) : new EpochLinePrinter(System.out));
        tb.callback(new HistoryFile(
                runDir.resolve("history.csv"))); // history.csv grows as the run trains (the dashboard's curves)
        if (spec.earlyStopping() != null) tb.callback(new EarlyStopping("val_loss", spec.earlyStopping(), 0, true));
        if (loaded.vocabulary() != null)
            tb.callback(new TextSamples(
                    runDir.resolve("samples.txt"),
                    net,
                    loaded.vocabulary(),
                    test.features().select(0, 0).toArray(),
                    seed));
        if (checkpointEvery != null) tb.callback(checkpointEvery.callback(run.checkpoint()));
        Trainer<Batch> trainer = tb.build();

        System.out.printf(
                Locale.ROOT,
                "data %s: %d train, %d validation, %d test examples, %d features%n",
                loaded.name(),
                train.size(),
                val == null ? 0 : val.size(),
                test.size(),
                loaded.features());
        System.out.println(
                "model " + net.typeName() + " with " + net.parameterCount() + " parameters; optimizer " + opt);
        long start = System.nanoTime();
        DataLoader<Batch> trainBatches = trainLoader.build(),
                valBatches =
                        val == null
                                ? null
                                : DataLoader.builder(val).batchSize(1024).build();
        boolean fromCheckpoint = resuming && Files.exists(run.checkpoint());
        if (resuming)
            System.out.println(
                    fromCheckpoint
                            ? "resuming from " + run.checkpoint()
                            : "no checkpoint in " + runDir + ": training from the start");
        History history = fromCheckpoint
                ? trainer.resume(run.checkpoint(), trainBatches, valBatches)
                : trainer.fit(trainBatches, valBatches);
        double trainSeconds = (System.nanoTime() - start) / 1e9;
        if (history.epochs().isEmpty()) {
            System.err.println("error: "
                    + (history.stopReason() != null
                            ? history.stopReason()
                            : "no epoch finished (no training batches)"));
            return 1;
        }

        RunReport report = RunReport.evaluate(net, criterion, test, loaded);
        Map<String, String> meta = new LinkedHashMap<>();
        meta.put("myelin.task", loaded.classification() ? "classification" : "regression");
        meta.put("myelin.classes", String.join("\n", loaded.classNames()));
        meta.put("myelin.data", loaded.name());
        if (loaded.csvSchema() != null) meta.put(CsvSchemaJson.KEY, CsvSchemaJson.write(loaded.csvSchema()));
        SequenceModels.describe(loaded, meta);
        ModelFile.save(runDir.resolve("model.safetensors"), net, opt, meta);
        history.writeCsv(runDir.resolve("history.csv"));
        history.writeJson(runDir.resolve("history.json"));

        Map<String, Object> summary = new LinkedHashMap<>();
        summary.put("data", loaded.name());
        summary.put("task", meta.get("myelin.task"));
        summary.put("test", report.asMap());
        ForecastReport forecast = loaded.series() == null ? null : ForecastReport.of(net, test, loaded.series());
        if (forecast != null) summary.put("forecast", forecast.asMap());
        summary.put("epochs_run", history.epochs().size());
        summary.put("best_epoch", history.bestEpoch());
        summary.put("stop_reason", history.stopReason());
        summary.put("train_seconds", trainSeconds);
        double[] epochSeconds =
                history.epochs().stream().mapToDouble(e -> e.seconds()).toArray();
        summary.put("seconds_per_epoch", Arrays.stream(epochSeconds).average().orElse(Double.NaN));
        // The first epoch carries the JIT's warm-up of the vector kernels; the median shows the steady pace.
        summary.put("median_seconds_per_epoch", median(epochSeconds));
        summary.put("parameters", net.parameterCount());
        summary.put("settings", settings(spec, loaded, train.size(), val == null ? 0 : val.size()));
        if (plots) RunPlots.write(runDir, history, report, net, test, loaded);
        if (plots && forecast != null) forecast.plot(runDir.resolve("forecast.png"));
        // the summary comes last: its presence (and INCOMPLETE's absence) says the run directory is whole
        AtomicFiles.writeString(runDir.resolve(RunDirectory.SUMMARY), Json.pretty(summary));
        run.finish();

        System.out.println(report.headline());
        if (forecast != null) System.out.println(forecast.line());
        System.out.printf(
                Locale.ROOT,
                "%.2f s/epoch (median %.2f s); run written to %s%n",
                (double) summary.get("seconds_per_epoch"),
                (double) summary.get("median_seconds_per_epoch"),
                runDir);
        if (history.diverged()) {
            // the run directory holds the epochs before it broke, but the training did not succeed
            System.err.println("error: " + history.stopReason() + " (the "
                    + history.epochs().size() + " finished epoch(s) are in " + runDir + ")");
            return 1;
        }
        return 0;
    }

    private Map<String, Object> settings(RunSpec spec, LoadedData loaded, int trainSize, int valSize) {
        Map<String, Object> s = new LinkedHashMap<>();
        s.put("model", model.model.name);
        if (model.model.isMlp()) { // the mlp's shape; other models are described by their architecture JSON
            s.put("hidden", model.hidden);
            s.put("activation", model.activation);
            s.put("dropout", model.dropout);
            s.put("batch_norm", model.batchNorm);
        }
        if (sequence.window != null) s.put("window", sequence.window);
        if (loaded.series() != null) s.put("horizon", loaded.series().horizon());
        s.put("loss", loss);
        s.put("optimizer", optimizer.name);
        s.put("lr", optimizer.lr);
        s.put("weight_decay", optimizer.weightDecay);
        s.put("lr_schedule", spec.lrSchedule());
        s.put("warmup", spec.warmup());
        s.put("clip_grad_norm", spec.clipGradNorm());
        s.put("accumulate", spec.accumulate());
        s.put("batch_size", batchSize);
        s.put("epochs", spec.epochs());
        s.put("early_stopping_patience", spec.earlyStopping());
        s.put("augment", augment);
        s.put("seed", spec.seed());
        s.put("threads", Parallel.threads());
        s.put("train_examples", trainSize);
        s.put("validation_examples", valSize);
        return s;
    }

    private static double median(double[] values) {
        if (values.length == 0) return Double.NaN;
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        int mid = sorted.length / 2;
        return sorted.length % 2 == 1 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
    }
}
