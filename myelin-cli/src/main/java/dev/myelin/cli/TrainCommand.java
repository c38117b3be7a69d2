package dev.myelin.cli;

import dev.myelin.data.Batch;
import dev.myelin.data.DataLoader;
import dev.myelin.data.TensorDataset;
import dev.myelin.data.split.Splits;
import dev.myelin.data.split.TrainTestSplit;
import dev.myelin.io.AtomicFiles;
import dev.myelin.io.ModelFile;
import dev.myelin.kernel.Parallel;
import dev.myelin.loss.CrossEntropyLoss;
import dev.myelin.loss.Loss;
import dev.myelin.loss.MSELoss;
import dev.myelin.nn.Module;
import dev.myelin.optim.Optimizer;
import dev.myelin.tensor.Generator;
import dev.myelin.train.BatchMetric;
import dev.myelin.train.EarlyStopping;
import dev.myelin.train.History;
import dev.myelin.train.ProgressBarCallback;
import dev.myelin.train.Trainer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/**
 * {@code myelin train}: loads a data set, builds the network, trains it with a live progress bar and
 * writes the run directory (model file, history.csv/json, summary.json and plots).
 */
@Command(name = "train", mixinStandardHelpOptions = true, sortOptions = false,
        description = "Train a network and write model, history, summary and plots to a run directory.")
final class TrainCommand implements Callable<Integer> {
    @Option(names = "--data", required = true, description = "mnist, fashion-mnist, idx:DIR, csv:FILE, text:FILE or a synthetic set (xor, moons, spirals, ...).")
    String data;

    @Option(names = "--label", description = "Target column for csv: data.")
    String label;

    @Option(names = "--task", description = "For csv: data: auto (regression when the targets are numbers, not all whole; "
            + "else classification), classification or regression (default: ${DEFAULT-VALUE}).", defaultValue = "auto")
    String task;

    @Mixin
    SequenceOptions sequence = new SequenceOptions();

    @Mixin
    ModelOptions model = new ModelOptions();

    @Option(names = "--loss", description = "auto, cross-entropy or mse (default: ${DEFAULT-VALUE}: cross-entropy for classes, mse for numbers).", defaultValue = "auto")
    String loss;

    @Mixin
    OptimizerOptions optimizer = new OptimizerOptions();

    @Option(names = "--batch-size", description = "Mini-batch size (default: ${DEFAULT-VALUE}).", defaultValue = "128")
    int batchSize;

    @Option(names = "--epochs", description = "Epochs (default: ${DEFAULT-VALUE}).", defaultValue = "10")
    int epochs;

    @Option(names = "--early-stopping", paramLabel = "PATIENCE", description = "Stop when val_loss has not improved for PATIENCE epochs and keep the best weights.")
    Integer patience;

    @Option(names = "--val-fraction", description = "Part of the training data held out for validation (default: ${DEFAULT-VALUE}; 0.1 when --early-stopping is set).", defaultValue = "0")
    double valFraction;

    @Option(names = "--augment", description = "Image augmentation (random shift, small rotation, noise) for image data.")
    boolean augment;

    @Option(names = "--subset", paramLabel = "N", description = "Use only N training examples (random, seeded), e.g. for quick runs.")
    Integer subset;

    @Option(names = "--seed", description = "Seed for initialization, shuffling, dropout and augmentation (default: ${DEFAULT-VALUE}).", defaultValue = "42")
    long seed;

    @Option(names = "--threads", description = "Compute threads (default: all cores or MYELIN_THREADS).")
    Integer threads;

    @Option(names = {"--out", "-o"}, paramLabel = "DIR", description = "Run directory (default: runs/<data>-<time>).")
    Path out;

    @Option(names = "--plots", negatable = true, defaultValue = "true", fallbackValue = "true", description = "Write PNG plots (default: ${DEFAULT-VALUE}).")
    boolean plots;

    @Option(names = "--no-progress", description = "No live progress bar, only one line per epoch.")
    boolean noProgress;

    @Override
    public Integer call() throws Exception {
        if (epochs < 1) throw new IllegalArgumentException("--epochs must be >= 1, got " + epochs);
        if (batchSize < 1) throw new IllegalArgumentException("--batch-size must be >= 1, got " + batchSize);
        if (threads != null) Parallel.setThreads(threads);
        Generator gen = new Generator(seed);
        LoadedData loaded = DataSources.load(data, label, seed, task, sequence);
        TensorDataset train = loaded.train(), test = loaded.test();
        if (subset != null) train = RunSplits.randomSubset(train, subset, gen);
        if (test == null) {
            TrainTestSplit s = Splits.trainTestSplit(train.features(), train.targets(), 0.2, seed, loaded.classification());
            train = new TensorDataset(s.xTrain(), s.yTrain());
            test = new TensorDataset(s.xTest(), s.yTest());
        }
        double vf = patience != null && valFraction == 0 ? 0.1 : valFraction;
        TensorDataset val = null;
        if (vf > 0) {
            TrainTestSplit s = Splits.trainTestSplit(train.features(), train.targets(), vf, seed + 1, loaded.classification());
            train = new TensorDataset(s.xTrain(), s.yTrain());
            val = new TensorDataset(s.xTest(), s.yTest());
        }

        Module net = model.build(loaded, gen, optimizer);
        Loss criterion = switch (loss) {
            case "auto" -> loaded.classification() ? new CrossEntropyLoss() : new MSELoss();
            case "cross-entropy" -> new CrossEntropyLoss();
            case "mse" -> new MSELoss();
            default -> throw new IllegalArgumentException("--loss: unknown '" + loss + "'; use auto, cross-entropy or mse");
        };
        Optimizer opt = optimizer.build(net.parameters(), model);
        Path runDir = out != null ? out : Path.of("runs", loaded.name().replaceAll("[^A-Za-z0-9._-]", "_") + "-"
                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Files.createDirectories(runDir);

        DataLoader.Builder<Batch> trainLoader = DataLoader.builder(train).batchSize(batchSize).shuffle(true).generator(gen.split()).prefetch(true);
        if (augment && loaded.imageShape() != null) trainLoader.transform(Augmentations.forImages(loaded.imageShape()));
        Trainer.Builder<Batch> tb = Trainer.builder().model(net).loss(criterion).optimizer(opt).epochs(epochs)
                .metric(loaded.classification() ? BatchMetric.accuracy(0.5f) : BatchMetric.meanSquaredError());
        // a live bar only makes sense on a terminal; logs and pipes get one line per epoch
        boolean live = !noProgress && System.console() != null && System.console().isTerminal();
        tb.callback(live ? new ProgressBarCallback(System.out) : new EpochLinePrinter(System.out));
        if (patience != null) tb.callback(new EarlyStopping("val_loss", patience, 0, true));
        if (loaded.vocabulary() != null)
            tb.callback(new TextSamples(runDir.resolve("samples.txt"), net, loaded.vocabulary(), test.features().select(0, 0).toArray(), seed));
        Trainer<Batch> trainer = tb.build();

        System.out.printf(Locale.ROOT, "data %s: %d train, %d validation, %d test examples, %d features%n", loaded.name(), train.size(),
                val == null ? 0 : val.size(), test.size(), loaded.features());
        System.out.println("model " + net.typeName() + " with " + net.parameterCount() + " parameters; optimizer " + opt);
        long start = System.nanoTime();
        History history = trainer.fit(trainLoader.build(), val == null ? null : DataLoader.builder(val).batchSize(1024).build());
        double trainSeconds = (System.nanoTime() - start) / 1e9;
        if (history.epochs().isEmpty()) {
            System.err.println("error: " + history.stopReason());
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
        double[] epochSeconds = history.epochs().stream().mapToDouble(e -> e.seconds()).toArray();
        summary.put("seconds_per_epoch", Arrays.stream(epochSeconds).average().orElse(Double.NaN));
        // The first epoch carries the JIT's warm-up of the vector kernels; the median shows the steady pace.
        summary.put("median_seconds_per_epoch", median(epochSeconds));
        summary.put("parameters", net.parameterCount());
        summary.put("settings", settings(loaded, train.size(), val == null ? 0 : val.size()));
        AtomicFiles.writeString(runDir.resolve("summary.json"), Json.pretty(summary));
        if (plots) RunPlots.write(runDir, history, report, net, test, loaded);
        if (plots && forecast != null) forecast.plot(runDir.resolve("forecast.png"));

        System.out.println(report.headline());
        if (forecast != null) System.out.println(forecast.line());
        System.out.printf(Locale.ROOT, "%.2f s/epoch (median %.2f s); run written to %s%n",
                (double) summary.get("seconds_per_epoch"), (double) summary.get("median_seconds_per_epoch"), runDir);
        if (history.diverged()) {
            // the run directory holds the epochs before it broke, but the training did not succeed
            System.err.println("error: " + history.stopReason() + " (the " + history.epochs().size()
                    + " finished epoch(s) are in " + runDir + ")");
            return 1;
        }
        return 0;
    }

    private Map<String, Object> settings(LoadedData loaded, int trainSize, int valSize) {
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
        s.put("batch_size", batchSize);
        s.put("epochs", epochs);
        s.put("early_stopping_patience", patience);
        s.put("augment", augment);
        s.put("seed", seed);
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
