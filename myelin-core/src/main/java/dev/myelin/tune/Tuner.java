package dev.myelin.tune;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.SplittableRandom;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorCompletionService;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a search: asks the {@link SearchStrategy} for trials, evaluates them with the {@link Objective} on a pool
 * of {@code parallelTrials} threads, tells the strategy the results, and logs every finished trial.
 *
 * <p><b>Budget.</b> The search stops when the strategy is done, when {@code maxTrials} trials (restored ones
 * included) have been proposed, or when {@code maxDuration} has passed since {@link #run()} started; trials
 * running at the deadline are allowed to finish.
 *
 * <p><b>Determinism.</b> Trials are numbered in proposal order and trial {@code n} gets the seed
 * {@link #trialSeed(long, int)}. Grid and random search propose the same configurations whatever the results;
 * particle swarm, genetic algorithm and successive halving are generation-synchronous (they wait for a whole
 * generation or rung, then update from the results sorted by slot), so for the same seeds and the same objective
 * values they propose exactly the same trials, in parallel or not. What may differ between parallel runs: the
 * order of lines in the results file (completion order), the set of trials finished when a {@code maxDuration}
 * deadline hits, and {@link Pruner} decisions.
 *
 * <p><b>Files and resume.</b> With an {@code outputDirectory}, each finished trial is appended to
 * {@code trials.jsonl} and flushed; {@code trials.csv} is written atomically at the end. With
 * {@code resume(true)} an earlier run's trials are read back: the strategy is replayed, and whenever it proposes
 * a trial number already recorded, it is told the recorded result instead of evaluating again (the recorded
 * configuration must match the proposal, otherwise the settings changed and resuming fails).
 *
 * <p><b>Failures.</b> An exception from the objective, or a NaN/infinite score (divergence), is recorded as a
 * failed trial with its cause, and the search continues; strategies see it as loss +infinity. An
 * {@link Error} (e.g. OutOfMemoryError) aborts the search and is rethrown; finished trials stay in the log.
 * A trial stopped by the {@link Pruner} is recorded as pruned, and the strategy is told the score it returned.
 *
 * <p><b>Threads.</b> {@code parallelTrials x threadsPerTrial} may not exceed the available cores. The tuner runs
 * the trials on its own pool; {@link TrialContext#threads()} tells each trial how many threads it may use, and
 * honouring it (e.g. for the kernels' thread pool) is the objective's job.
 *
 * <pre>{@code
 * SearchSpace space = SearchSpace.builder().floatRange("lr", 1e-4, 1e-1, true).intRange("width", 8, 256, true).build();
 * SearchResult result = Tuner.builder(ParticleSwarm.builder(space).seed(1).build(), (config, ctx) -> train(config, ctx))
 *         .maxTrials(200).parallelTrials(2).seed(1).outputDirectory(Path.of("runs/search1")).resume(true)
 *         .build().run();
 * System.out.println(result.bestConfig() + " " + result.bestScore());
 * }</pre>
 */
public final class Tuner {
    private final SearchStrategy strategy;
    private final Objective objective;
    private final int maxTrials;
    private final Duration maxDuration;
    private final int parallelTrials;
    private final int threadsPerTrial;
    private final long seed;
    private final Path outputDirectory;
    private final boolean resume;
    private final List<TuneListener> listeners;
    private final Pruner pruner;
    private boolean started;

    private Tuner(Builder b) {
        this.strategy = b.strategy;
        this.objective = b.objective;
        this.maxTrials = b.maxTrials;
        this.maxDuration = b.maxDuration;
        this.parallelTrials = b.parallelTrials;
        this.threadsPerTrial = b.threadsPerTrial;
        this.seed = b.seed;
        this.outputDirectory = b.outputDirectory;
        this.resume = b.resume;
        this.listeners = List.copyOf(b.listeners);
        this.pruner = b.pruner;
    }

    /**
     * A builder of a search.
     *
     * @param strategy proposes the configurations
     * @param objective scores each configuration
     * @return a builder of a search with these two
     */
    public static Builder builder(SearchStrategy strategy, Objective objective) {
        return new Builder(strategy, objective);
    }

    /**
     * The seed of trial {@code number}: a fixed mix of the search seed and the number.
     *
     * @param searchSeed the search's seed ({@link Builder#seed})
     * @param number the trial's number
     * @return the trial's seed
     */
    public static long trialSeed(long searchSeed, int number) {
        return new SplittableRandom(searchSeed ^ (0x9E3779B97F4A7C15L * (number + 1L))).nextLong();
    }

    /** Fails, naming the numbers and the fix, if the trials would use more threads than there are cores. */
    static void checkParallelism(int parallelTrials, int threadsPerTrial, int cores) {
        if (parallelTrials < 1)
            throw new IllegalArgumentException("parallelTrials must be >= 1, got " + parallelTrials);
        if (threadsPerTrial < 1)
            throw new IllegalArgumentException("threadsPerTrial must be >= 1, got " + threadsPerTrial);
        if ((long) parallelTrials * threadsPerTrial > cores)
            throw new IllegalArgumentException("parallelTrials (" + parallelTrials + ") x threadsPerTrial ("
                    + threadsPerTrial
                    + ") = " + (long) parallelTrials * threadsPerTrial + " threads, but only " + cores
                    + " cores are available; lower parallelTrials to at most " + Math.max(1, cores / threadsPerTrial)
                    + " or threadsPerTrial to at most " + Math.max(1, cores / parallelTrials));
    }

    /**
     * Runs the search to the end of its budget. A tuner (and its strategy) runs once.
     *
     * @throws InterruptedException if the calling thread is interrupted; running trials are cancelled and the
     * trials finished so far stay in the results file
     * @return every trial of the search (restored ones included), in number order
     */
    public SearchResult run() throws InterruptedException {
        if (started)
            throw new IllegalStateException(
                    "a Tuner runs once; build a new one (with a new strategy) for another search");
        started = true;
        Direction direction = objective.direction();
        Map<Integer, ResultsLog.Recorded> recorded = Map.of();
        ResultsLog log = null;
        if (outputDirectory != null) {
            Path file = outputDirectory.resolve(ResultsLog.TRIALS_FILE);
            ResultsLog.Contents contents = ResultsLog.read(file);
            if (!resume && contents.validLength() > 0)
                throw new IllegalStateException("results file " + file + " already holds "
                        + contents.trials().size()
                        + " trials; use resume(true) to continue that search, or another output directory");
            recorded = contents.trials();
            log = ResultsLog.open(outputDirectory, contents.validLength());
        }
        long start = System.nanoTime();
        long limit = maxDuration == null ? Long.MAX_VALUE : maxDuration.toNanos();
        List<TrialResult> finished = new ArrayList<>();
        for (TuneListener l : listeners) l.onSearchStart(recorded.size());

        ExecutorService pool = Executors.newFixedThreadPool(parallelTrials, daemonThreads());
        ExecutorCompletionService<Finished> completions = new ExecutorCompletionService<>(pool);
        int proposed = 0, running = 0;
        boolean completed = false;
        try {
            while (true) {
                // Fill the free workers with new proposals (recorded ones are replayed without evaluation).
                while (running < parallelTrials
                        && proposed < maxTrials
                        && System.nanoTime() - start < limit
                        && !strategy.isDone()) {
                    Optional<Proposal> next = strategy.ask();
                    if (next.isEmpty()) break;
                    Proposal p = next.get();
                    int number = proposed++;
                    ResultsLog.Recorded r = recorded.get(number);
                    if (r != null) {
                        TrialResult t = restore(r, p);
                        finish(t, p, direction, finished, null);
                    } else {
                        completions.submit(() -> evaluate(number, p, direction));
                        running++;
                    }
                }
                if (running == 0) {
                    if (strategy.isDone() || proposed >= maxTrials || System.nanoTime() - start >= limit) break;
                    // Nothing running and nothing proposed: the strategy waits for results it will never get.
                    throw new IllegalStateException(strategy.getClass().getSimpleName()
                            + " proposed nothing although no trial is running and it is not done");
                }
                Finished f = take(completions);
                running--;
                finish(f.result, f.proposal, direction, finished, log);
                if (pruner != null)
                    pruner.trialFinished(f.reports.stream()
                            .map(r -> new double[] {r[0], direction.toLoss(r[1])})
                            .toList());
            }
            completed = true;
        } finally {
            // After an error or interruption, running trials are interrupted and abandoned (they rerun on resume).
            pool.shutdownNow();
            if (completed) pool.awaitTermination(1, TimeUnit.MINUTES);
            if (log != null) log.close();
        }
        SearchResult result = new SearchResult(finished, direction);
        if (outputDirectory != null) ResultsLog.writeSummary(outputDirectory, result.trials());
        for (TuneListener l : listeners) l.onSearchEnd(result);
        return result;
    }

    private record Finished(Proposal proposal, TrialResult result, List<double[]> reports) {}

    /** Evaluates one trial on a worker thread; exceptions and non-finite scores become failed trials. */
    private Finished evaluate(int number, Proposal p, Direction direction) {
        TrialContext ctx =
                new TrialContext(number, trialSeed(seed, number), p.budget(), threadsPerTrial, direction, pruner);
        long start = System.nanoTime();
        double score = Double.NaN;
        TrialStatus status;
        String error = null;
        try {
            score = objective.evaluate(p.config(), ctx);
            if (!Double.isFinite(score)) {
                status = TrialStatus.FAILED;
                error = "objective returned " + score + " (diverged)";
                score = Double.NaN;
            } else {
                status = ctx.shouldStop() ? TrialStatus.PRUNED : TrialStatus.OK;
            }
        } catch (Exception e) {
            if (e instanceof InterruptedException) Thread.currentThread().interrupt();
            status = TrialStatus.FAILED;
            error = e.getClass().getSimpleName() + ": " + e.getMessage();
        }
        double seconds = (System.nanoTime() - start) / 1e9;
        return new Finished(
                p, new TrialResult(number, p.config(), p.budget(), score, seconds, status, error), ctx.reports());
    }

    private void finish(TrialResult t, Proposal p, Direction direction, List<TrialResult> finished, ResultsLog log) {
        if (log != null) log.append(t);
        finished.add(t);
        strategy.tell(p, t.hasScore() ? direction.toLoss(t.score()) : Double.POSITIVE_INFINITY);
        TrialResult best = SearchResult.best(finished, direction);
        for (TuneListener l : listeners) l.onTrialFinished(t, best);
    }

    /** The recorded result of a replayed proposal, after checking that the proposal is the one recorded. */
    private TrialResult restore(ResultsLog.Recorded r, Proposal p) {
        // Compared as JSON text, the form in which the config was recorded (an int and a long 3 both print "3").
        JsonNode proposedConfig = Json.MAPPER.valueToTree(p.config().asMap());
        if (!proposedConfig.toString().equals(r.config().toString()) || Double.compare(p.budget(), r.budget()) != 0)
            throw new IllegalStateException("cannot resume: results file line " + r.line() + " records trial "
                    + r.number()
                    + " as " + r.config() + " (budget " + r.budget() + ") but the strategy now proposes "
                    + proposedConfig
                    + " (budget " + p.budget() + "); the search space, strategy settings or seed changed. Use the "
                    + "original settings, or another output directory for a new search");
        return new TrialResult(r.number(), p.config(), r.budget(), r.score(), r.seconds(), r.status(), r.error());
    }

    private static Finished take(ExecutorCompletionService<Finished> completions) throws InterruptedException {
        Future<Finished> f = completions.take();
        try {
            return f.get();
        } catch (ExecutionException e) {
            // evaluate() catches every Exception, so this is an Error (or a bug): abort the search.
            if (e.getCause() instanceof Error err) throw err;
            throw new IllegalStateException("trial crashed: " + e.getCause(), e.getCause());
        }
    }

    private static ThreadFactory daemonThreads() {
        AtomicInteger n = new AtomicInteger();
        return r -> {
            Thread t = new Thread(r, "myelin-trial-" + n.getAndIncrement());
            t.setDaemon(true);
            return t;
        };
    }

    /** Configures a {@link Tuner}; every setting is validated when set. */
    public static final class Builder {
        private final SearchStrategy strategy;
        private final Objective objective;
        private int maxTrials = Integer.MAX_VALUE;
        private Duration maxDuration;
        private int parallelTrials = 1;
        private int threadsPerTrial = 1;
        private long seed;
        private Path outputDirectory;
        private boolean resume;
        private final List<TuneListener> listeners = new ArrayList<>();
        private Pruner pruner;
        private int availableCores = Runtime.getRuntime().availableProcessors();

        private Builder(SearchStrategy strategy, Objective objective) {
            this.strategy = Objects.requireNonNull(strategy, "strategy");
            this.objective = Objects.requireNonNull(objective, "objective");
        }

        /**
         * At most this many trials in total (restored ones included).
         *
         * @param maxTrials the limit, at least 1
         * @return this builder
         */
        public Builder maxTrials(int maxTrials) {
            if (maxTrials < 1) throw new IllegalArgumentException("maxTrials must be >= 1, got " + maxTrials);
            this.maxTrials = maxTrials;
            return this;
        }

        /**
         * No new trials after this wall time (running ones finish).
         *
         * @param maxDuration the time after which no trial starts
         * @return this builder
         */
        public Builder maxDuration(Duration maxDuration) {
            if (maxDuration == null || maxDuration.isNegative() || maxDuration.isZero())
                throw new IllegalArgumentException("maxDuration must be positive, got " + maxDuration);
            this.maxDuration = maxDuration;
            return this;
        }

        /**
         * Trials evaluated at the same time (default 1).
         *
         * @param parallelTrials trials at a time, at least 1
         * @return this builder
         */
        public Builder parallelTrials(int parallelTrials) {
            this.parallelTrials = parallelTrials;
            return this;
        }

        /**
         * Threads each trial may use, passed on in {@link TrialContext#threads()} (default 1).
         *
         * @param threadsPerTrial threads per trial, at least 1
         * @return this builder
         */
        public Builder threadsPerTrial(int threadsPerTrial) {
            this.threadsPerTrial = threadsPerTrial;
            return this;
        }

        /**
         * Seed of the trial seeds (the strategy has its own seed for its proposals).
         *
         * @param seed the search's seed
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Where {@code trials.jsonl} and {@code trials.csv} go; none by default.
         *
         * @param outputDirectory the directory, created if missing
         * @return this builder
         */
        public Builder outputDirectory(Path outputDirectory) {
            this.outputDirectory = outputDirectory;
            return this;
        }

        /**
         * Continue the search recorded in the output directory instead of refusing to overwrite it.
         *
         * @param resume whether to continue a recorded search
         * @return this builder
         */
        public Builder resume(boolean resume) {
            this.resume = resume;
            return this;
        }

        /**
         * Adds a listener (for example a live table of the trials).
         *
         * @param listener told of every trial as it starts and finishes
         * @return this builder
         */
        public Builder listener(TuneListener listener) {
            listeners.add(Objects.requireNonNull(listener, "listener"));
            return this;
        }

        /**
         * Stops poor trials early from their {@link TrialContext#report} scores; none by default.
         *
         * @param pruner decides after each report whether the trial goes on
         * @return this builder
         */
        public Builder pruner(Pruner pruner) {
            this.pruner = pruner;
            return this;
        }

        /**
         * Cores the parallelism check allows (default: the JVM's available processors).
         *
         * @param availableCores the cores parallelTrials × threadsPerTrial may use
         * @return this builder
         */
        public Builder availableCores(int availableCores) {
            if (availableCores < 1)
                throw new IllegalArgumentException("availableCores must be >= 1, got " + availableCores);
            this.availableCores = availableCores;
            return this;
        }

        /**
         * Builds the search.
         *
         * @return the search, its settings checked
         */
        public Tuner build() {
            checkParallelism(parallelTrials, threadsPerTrial, availableCores);
            if (resume && outputDirectory == null)
                throw new IllegalStateException(
                        "resume(true) needs an outputDirectory holding the earlier run's trials.jsonl");
            if (outputDirectory != null && Files.exists(outputDirectory) && !Files.isDirectory(outputDirectory))
                throw new IllegalArgumentException(
                        "outputDirectory " + outputDirectory + " exists and is not a directory");
            return new Tuner(this);
        }
    }
}
