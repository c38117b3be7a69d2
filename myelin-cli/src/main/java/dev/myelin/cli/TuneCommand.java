package dev.myelin.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.myelin.io.AtomicFiles;
import dev.myelin.kernel.Parallel;
import dev.myelin.nn.Architecture;
import dev.myelin.plot.Plots;
import dev.myelin.tensor.Generator;
import dev.myelin.train.spec.NetworkConfig;
import dev.myelin.train.spec.RunData;
import dev.myelin.train.spec.RunSpec;
import dev.myelin.tune.Config;
import dev.myelin.tune.Direction;
import dev.myelin.tune.Enqueued;
import dev.myelin.tune.GeneticAlgorithm;
import dev.myelin.tune.GridSearch;
import dev.myelin.tune.MedianPruner;
import dev.myelin.tune.ParticleSwarm;
import dev.myelin.tune.RandomSearch;
import dev.myelin.tune.SearchResult;
import dev.myelin.tune.SearchSpace;
import dev.myelin.tune.SearchStrategy;
import dev.myelin.tune.SuccessiveHalving;
import dev.myelin.tune.TrialResult;
import dev.myelin.tune.Tuner;
import dev.myelin.tune.objective.ModuleObjective;
import dev.myelin.tune.objective.NetworkConfigs;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.IDefaultValueProvider;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.ArgSpec;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Model.OptionSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code myelin tune}: searches network hyperparameters on a training/validation split of a data set (the test
 * split is never looked at), prints a live table of trials, and writes the search directory: trials.jsonl and
 * trials.csv (every trial), best.json (the best configuration, with the {@code myelin train} command that
 * trains it), tune.json (the settings, checked on --resume) and tune.png (score per trial, best so far).
 */
@Command(
        name = "tune",
        mixinStandardHelpOptions = true,
        sortOptions = false,
        defaultValueProvider = TuneCommand.Defaults.class,
        description = "Search hyperparameters (grid, random, particle swarm, genetic, successive halving).")
final class TuneCommand implements Callable<Integer> {
    static final String SETTINGS_FILE = "tune.json";

    /** The run settings at train's defaults, as JSON: what a search recorded before a setting existed used. */
    private static final JsonNode DEFAULT_SETTINGS = new ObjectMapper().valueToTree(RunSpec.DEFAULTS.toJson());

    @Mixin
    RunOptions run = new RunOptions();

    @Option(
            names = "--strategy",
            description = "grid, random, pso, ga or halving (default: ${DEFAULT-VALUE}).",
            defaultValue = "random")
    String strategy;

    @Mixin
    ModelChoice model = new ModelChoice();

    @Mixin
    SpaceOptions space = new SpaceOptions();

    @Option(
            names = "--trials",
            description = "At most this many trials (default: ${DEFAULT-VALUE}).",
            defaultValue = "20")
    int trials;

    @Option(
            names = "--time-limit",
            paramLabel = "DURATION",
            description = "Start no trial after this, e.g. 90s, 10m, 1h30m.")
    String timeLimit;

    @Option(
            names = "--grid-points",
            paramLabel = "N",
            description = "Grid points per float range for --strategy grid (default: ${DEFAULT-VALUE}).",
            defaultValue = "3")
    int gridPoints;

    @Option(
            names = "--population",
            paramLabel = "N",
            description = "Particles (pso) or individuals (ga) per generation (default: about sqrt(trials)).")
    Integer population;

    @Option(
            names = "--baseline",
            description =
                    "Trial 0 is the myelin train default (--hidden 256,128 --lr 1e-3, adam, batch 128; for a fixed --model its layers with adam, lr 1e-3, batch 128), to compare against.")
    boolean baseline;

    @Option(
            names = "--prune",
            description =
                    "Stop trials whose validation score after an epoch is worse than the median of earlier trials.")
    boolean prune;

    @Option(
            names = "--parallel",
            paramLabel = "P",
            description = "Trials run at the same time (default: ${DEFAULT-VALUE}).",
            defaultValue = "1")
    int parallel;

    @Option(
            names = "--threads-per-trial",
            paramLabel = "T",
            description =
                    "Compute threads per trial, as --threads (default: cores / P). P x T may not exceed the cores.")
    Integer threadsPerTrial;

    @Spec
    CommandSpec command;

    /** The run settings every trial trains with (the shared flags), set when the command runs. */
    private RunSpec spec;

    /**
     * tune's own defaults for two shared flags: shorter trials, and a validation part to score them on; the other
     * shared flags take train's ({@link RunOptions.Defaults}).
     */
    static final class Defaults implements IDefaultValueProvider {
        private final RunOptions.Defaults shared = new RunOptions.Defaults();

        @Override
        public String defaultValue(ArgSpec arg) {
            if (!(arg instanceof OptionSpec o)) return null;
            return switch (o.longestName()) {
                case "--epochs" -> "5";
                case "--val-fraction" -> "0.2";
                default -> shared.defaultValue(arg);
            };
        }
    }

    @Option(
            names = {"--out", "-o"},
            paramLabel = "DIR",
            description = "Search directory (default: runs/tune-<data>-<time>).")
    Path out;

    @Option(
            names = "--resume",
            description = "Continue the search recorded in --out DIR (same settings); finished trials are not rerun.")
    boolean resume;

    @Option(
            names = "--plots",
            negatable = true,
            defaultValue = "true",
            fallbackValue = "true",
            description = "Write tune.png (default: ${DEFAULT-VALUE}).")
    boolean plots;

    @Override
    public Integer call() throws Exception {
        if (run.data == null) // not required by picocli, as the mixin serves train's --resume too
        throw new CommandLine.ParameterException(command.commandLine(), "Missing required option: '--data=<data>'");
        spec = run.spec(); // the same checks and messages as train's
        if (!(spec.validationFraction() > 0))
            throw new IllegalArgumentException("--val-fraction must be in (0, 1) for tune (each trial is scored on the"
                    + " validation part), got " + spec.valFraction());
        if (trials < 1) throw new IllegalArgumentException("--trials must be >= 1, got " + trials);
        if (gridPoints < 1) throw new IllegalArgumentException("--grid-points must be >= 1, got " + gridPoints);
        if (population != null && population < 2)
            throw new IllegalArgumentException("--population must be >= 2, got " + population);
        if (resume && out == null)
            throw new IllegalArgumentException("--resume needs --out DIR, the directory of the search to continue");
        Duration limit = timeLimit == null ? null : parseDuration(timeLimit);
        int cores = Runtime.getRuntime().availableProcessors();
        if (parallel < 1) throw new IllegalArgumentException("--parallel must be >= 1, got " + parallel);
        if (threadsPerTrial != null && spec.threads() != null && !threadsPerTrial.equals(spec.threads()))
            throw new IllegalArgumentException("--threads " + spec.threads() + " and --threads-per-trial "
                    + threadsPerTrial + " both set the threads of a trial; give one");
        Integer given = threadsPerTrial != null ? threadsPerTrial : spec.threads();
        int threads = given != null ? given : Math.max(1, cores / parallel);
        if (threads < 1) throw new IllegalArgumentException("--threads-per-trial must be >= 1, got " + threads);
        if ((long) parallel * threads > cores)
            throw new IllegalArgumentException(
                    "--parallel " + parallel + " x --threads-per-trial " + threads + " = " + (long) parallel * threads
                            + " threads, but this machine has " + cores + " cores; lower one of them");

        Map<String, String> spaceText = new LinkedHashMap<>();
        SearchSpace searchSpace = space.build(spaceText, model.isMlp() ? null : model.name);
        String strategyName = strategy.toLowerCase(Locale.ROOT);
        SearchStrategy searchStrategy = strategy(strategyName, searchSpace);
        if (baseline)
            searchStrategy = new Enqueued(
                    List.of(
                            model.isMlp()
                                    ? NetworkConfigs.toConfig(NetworkConfig.DEFAULTS)
                                    : NetworkConfigs.toTrainingConfig(NetworkConfig.DEFAULTS)),
                    strategyName.equals("halving") ? spec.epochs() : 0,
                    searchStrategy);

        Path dir = out != null
                ? out
                : Path.of(
                        "runs",
                        "tune-" + spec.data().replaceAll("[^A-Za-z0-9._-]", "_") + "-"
                                + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        Map<String, Object> settings = settings(spaceText);
        Set<Integer> restored = prepareDirectory(dir, settings);

        // The kernels' thread pool is global: all parallel trials share one size (see ModuleObjective).
        Parallel.setThreads(threads);
        LoadedData loaded =
                DataSources.load(spec.data(), spec.label(), spec.seed(), spec.task(), new SequenceOptions());
        // cut as train cuts it: the trials fit the rows a train run with these flags fits, scored on its validation
        // part
        RunData parts = spec.split(loaded.train(), loaded.test(), loaded.classification(), new Generator(spec.seed()));
        String architecture = model.isMlp() ? null : model.spec(loaded); // a fixed model: built from each trial's seed
        ModuleObjective objective = new ModuleObjective(
                parts.train(),
                parts.validation(),
                loaded.classification(),
                loaded.outputs(),
                spec,
                architecture == null ? null : gen -> Architecture.fromJson(architecture, gen));

        System.out.printf(
                Locale.ROOT,
                "data %s: %d train, %d validation examples (the test set is not used)%n",
                loaded.name(),
                parts.train().size(),
                parts.validation().size());
        System.out.printf(
                Locale.ROOT,
                "%s search: up to %d trials of %d epochs, %d x %d threads%n",
                strategyName,
                trials,
                spec.epochs(),
                parallel,
                threads);
        System.out.println("space: " + spaceText);
        Tuner.Builder tb = Tuner.builder(searchStrategy, objective)
                .maxTrials(trials)
                .parallelTrials(parallel)
                .threadsPerTrial(threads)
                .seed(spec.seed())
                .outputDirectory(dir)
                .resume(resume)
                .listener(new TuneTable(System.out, objective.scoreName(), restored));
        if (limit != null) tb.maxDuration(limit);
        if (prune) tb.pruner(new MedianPruner());
        AtomicFiles.writeString(dir.resolve(SETTINGS_FILE), Json.pretty(settings));
        SearchResult result = tb.build().run();

        if (plots && !result.trials().isEmpty())
            Plots.tuneProgress(
                    Map.of(strategyName, scoresByNumber(result)),
                    objective.direction() == Direction.MAXIMIZE,
                    objective.scoreName(),
                    dir.resolve("tune.png"));
        TrialResult best = result.trials().stream().anyMatch(TrialResult::hasScore) ? result.best() : null;
        if (best == null) {
            System.err.println("error: every trial failed; see the error column of " + dir.resolve("trials.csv"));
            return 1;
        }
        AtomicFiles.writeString(dir.resolve("best.json"), Json.pretty(bestJson(best, objective.scoreName(), loaded)));
        System.out.printf(
                Locale.ROOT,
                "best: trial %d, %s %s, %s%n",
                best.number(),
                objective.scoreName(),
                TuneTable.format(best.score()),
                TuneTable.compact(best.config()));
        System.out.println("train it: " + trainCommand(best.config()));
        System.out.println("search written to " + dir);
        return 0;
    }

    private SearchStrategy strategy(String name, SearchSpace s) {
        int pop = population != null ? population : Math.max(2, (int) Math.ceil(Math.sqrt(trials)));
        return switch (name) {
            case "grid" -> {
                Map<String, Integer> points = new HashMap<>();
                s.dimensions().stream()
                        .filter(d -> d instanceof dev.myelin.tune.FloatRange)
                        .forEach(d -> points.put(d.name(), gridPoints));
                yield new GridSearch(s, points);
            }
            case "random" -> new RandomSearch(s, spec.seed());
            case "pso" ->
                ParticleSwarm.builder(s).swarmSize(pop).seed(spec.seed()).build();
            case "ga" ->
                GeneticAlgorithm.builder(s)
                        .populationSize(pop)
                        .seed(spec.seed())
                        .build();
            case "halving" -> halving(s);
            default ->
                throw new IllegalArgumentException(
                        "--strategy: unknown '" + strategy + "'; use grid, random, pso, ga or halving");
        };
    }

    /**
     * Successive halving with eta 3 and --epochs as the largest budget: rungs of E/3^k epochs (at least 1), and as
     * many starting configurations as --trials allows (n + n/3 + n/9 + ... <= trials).
     */
    private SearchStrategy halving(SearchSpace s) {
        int epochs = spec.epochs();
        double eta = 3;
        int rungs = 1;
        while (epochs / Math.pow(eta, rungs) >= 1) rungs++;
        double minBudget = epochs / Math.pow(eta, rungs - 1);
        int n = Math.max(1, trials - (baseline ? 1 : 0));
        while (n > 1 && halvingTrials(n, rungs, eta) > trials - (baseline ? 1 : 0)) n--;
        return new SuccessiveHalving(s, n, minBudget, eta, epochs, spec.seed());
    }

    static int halvingTrials(int n, int rungs, double eta) {
        int total = 0, size = n;
        for (int r = 0; r < rungs; r++) {
            total += size;
            if (size == 1) break;
            size = Math.max(1, (int) Math.floor(size / eta));
        }
        return total;
    }

    /** The settings that define the search; a resumed search must have the same. */
    private Map<String, Object> settings(Map<String, String> spaceText) {
        Map<String, Object> m = new LinkedHashMap<>(spec.toJson()); // the run settings every trial trains with
        m.remove("threads"); // a resumed search may run on other threads
        m.put("model", model.isMlp() ? null : model.name); // null for mlp, so searches from before --model resume
        m.put("strategy", strategy.toLowerCase(Locale.ROOT));
        m.put("space", spaceText);
        m.put("grid_points", gridPoints);
        m.put("population", population);
        m.put("baseline", baseline);
        return m;
    }

    /** Refuses to overwrite a search without --resume; on resume checks the settings; returns the recorded trial numbers. */
    private Set<Integer> prepareDirectory(Path dir, Map<String, Object> settings) throws IOException {
        Path trialsFile = dir.resolve("trials.jsonl");
        boolean hasTrials = Files.exists(trialsFile) && Files.size(trialsFile) > 0;
        if (!resume) {
            if (hasTrials)
                throw new IllegalArgumentException(dir
                        + " already holds a search (trials.jsonl); add --resume to continue it, or use another --out");
            Files.createDirectories(dir);
            return Set.of();
        }
        Path settingsFile = dir.resolve(SETTINGS_FILE);
        if (Files.exists(settingsFile)) {
            ObjectMapper mapper = new ObjectMapper();
            JsonNode before = mapper.readTree(settingsFile.toFile());
            JsonNode now = mapper.valueToTree(settings);
            for (var it = now.fieldNames(); it.hasNext(); ) {
                String key = it.next();
                // compared as JSON text: a seed read back as an int must equal the same seed written from a long
                // a setting added after the search was written is missing there: its default then matches
                JsonNode fallback = DEFAULT_SETTINGS.path(key);
                if (!now.get(key).toString().equals(before.path(key).toString())
                        && !(before.path(key).isMissingNode()
                                && (now.get(key).isNull()
                                        || now.get(key).toString().equals(fallback.toString()))))
                    throw new IllegalArgumentException("cannot resume " + dir + ": " + key + " was " + before.path(key)
                            + ", now " + now.get(key) + "; resume with the original settings (see " + settingsFile
                            + "), or start a new search with another --out");
            }
        }
        Set<Integer> numbers = new HashSet<>();
        if (hasTrials) {
            ObjectMapper mapper = new ObjectMapper();
            for (String line : Files.readAllLines(trialsFile)) {
                try {
                    JsonNode n = mapper.readTree(line);
                    if (n != null && n.path("number").canConvertToInt())
                        numbers.add(n.get("number").asInt());
                } catch (IOException e) {
                    // a line cut short by a crash: the tuner drops it
                }
            }
        }
        return numbers;
    }

    private static double[] scoresByNumber(SearchResult result) {
        int n = result.trials().stream().mapToInt(TrialResult::number).max().orElse(-1) + 1;
        double[] scores = new double[n];
        Arrays.fill(scores, Double.NaN);
        for (TrialResult t : result.trials()) if (t.hasScore()) scores[t.number()] = t.score();
        return scores;
    }

    private Map<String, Object> bestJson(TrialResult best, String scoreName, LoadedData loaded) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("trial", best.number());
        m.put("score_name", scoreName);
        m.put("score", best.score());
        m.put("status", best.status().name().toLowerCase(Locale.ROOT));
        m.put("epochs", (int) Math.round(best.budget() > 0 ? best.budget() : spec.epochs()));
        m.put("seconds", best.seconds());
        m.put("config", best.config().asMap());
        m.put("data", loaded.name());
        m.put("train_command", trainCommand(best.config()));
        return m;
    }

    /** The {@code myelin train} command line for a configuration (all network settings spelled out). */
    String trainCommand(Config config) {
        NetworkConfig c = NetworkConfigs.from(config);
        StringBuilder sb = new StringBuilder("myelin train ").append(String.join(" ", RunOptions.dataArgs(spec)));
        if (model.isMlp()) {
            sb.append(" --hidden ")
                    .append(String.join(
                            ",", c.hidden().stream().map(String::valueOf).toList()));
            sb.append(" --activation ").append(c.activation().key());
            if (c.dropout() > 0) sb.append(" --dropout ").append(c.dropout());
            if (c.batchNorm()) sb.append(" --batch-norm");
        } else {
            sb.append(" --model ").append(model.name);
        }
        sb.append(" --optimizer ").append(c.optimizer()).append(" --lr ").append(c.lr());
        if (c.optimizer().equals("sgd")) sb.append(" --momentum ").append(c.momentum());
        if (c.weightDecay() > 0) sb.append(" --weight-decay ").append(c.weightDecay());
        sb.append(" --batch-size ").append(c.batchSize());
        sb.append(' ').append(String.join(" ", RunOptions.trainingArgs(spec)));
        return sb.toString();
    }

    /** 90s, 10m, 1h30m, 2h (ISO-8601 durations without the PT also work). */
    static Duration parseDuration(String text) {
        try {
            Duration d = Duration.parse("PT" + text.strip().toUpperCase(Locale.ROOT));
            if (d.isNegative() || d.isZero())
                throw new IllegalArgumentException("--time-limit must be positive, got '" + text + "'");
            return d;
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("--time-limit: bad value '" + text + "'; use e.g. 90s, 10m or 1h30m");
        }
    }
}
