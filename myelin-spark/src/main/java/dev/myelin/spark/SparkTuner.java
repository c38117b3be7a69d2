package dev.myelin.spark;

import dev.myelin.tune.Config;
import dev.myelin.tune.Direction;
import dev.myelin.tune.Objective;
import dev.myelin.tune.SearchStrategy;
import dev.myelin.tune.TrialContext;
import dev.myelin.tune.Tuner;
import java.io.Serializable;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * Core's {@link Tuner} with each trial run as one Spark task: the tuner stays on the driver (strategy, JSON-lines
 * log, resume, results table, all unchanged) and its {@code parallelTrials} threads each submit a one-task job, so
 * as many trials run at once as the cluster has task slots. A trial's number, seed, budget and thread count travel
 * with it ({@link TrialContext#detached}); its intermediate reports stay on the executor, so a {@code Pruner} never
 * stops a Spark trial early.
 * <pre>{@code
 * SearchResult r = SparkTuner.builder(jsc, new RandomSearch(space, 1), ModuleTrial.of(train, val, true, 10, 3), Direction.MAXIMIZE, 1)
 *         .maxTrials(8).seed(1).outputDirectory(Path.of("runs/search")).resume(true).build().run();
 * }</pre>
 */
public final class SparkTuner {
    /** A trial that can be shipped to an executor: it gets the configuration and its detached context. */
    @FunctionalInterface
    public interface Trial extends Serializable {
        /**
         * Trains and scores one configuration on an executor, as {@link Objective#evaluate}.
         *
         * @param config the trial's hyperparameters
         * @param ctx the trial's number, seed, budget and thread count (detached: reports reach no pruner)
         * @return the score, to be maximized or minimized as the search's direction says
         * @throws Exception if the trial fails; the tuner records it as a failed trial
         */
        double evaluate(Config config, TrialContext ctx) throws Exception;
    }

    private SparkTuner() {}

    /**
     * A tuner builder whose trials run as Spark tasks, {@code jsc.defaultParallelism() / threadsPerTrial} at a time.
     * {@code threadsPerTrial} is what each trial is told it may use; give the executors as many cores per task
     * ({@code spark.task.cpus}) and kernel threads ({@code MYELIN_THREADS}).
     *
     * @param jsc the Spark context the trials run on
     * @param strategy the search strategy (grid, random, ...)
     * @param trial the trial, serialized to each task
     * @param direction whether a higher or a lower score is better
     * @param threadsPerTrial the threads each trial may use, &gt;= 1
     * @return core's tuner builder, with the parallel trials, threads and cores set; set the rest and build it
     * @throws IllegalArgumentException if {@code threadsPerTrial} is &lt; 1
     */
    public static Tuner.Builder builder(
            JavaSparkContext jsc, SearchStrategy strategy, Trial trial, Direction direction, int threadsPerTrial) {
        if (threadsPerTrial < 1)
            throw new IllegalArgumentException("threadsPerTrial must be >= 1, got " + threadsPerTrial);
        int slots = Math.max(1, jsc.defaultParallelism() / threadsPerTrial);
        return Tuner.builder(strategy, objective(jsc, trial, direction))
                .parallelTrials(slots)
                .threadsPerTrial(threadsPerTrial)
                .availableCores(slots * threadsPerTrial);
    }

    /**
     * The objective that runs {@code trial} as a one-task Spark job per call, for a {@link Tuner} built by hand.
     *
     * @param jsc the Spark context the trials run on
     * @param trial the trial, serialized to each task
     * @param direction whether a higher or a lower score is better
     * @return the objective
     */
    public static Objective objective(JavaSparkContext jsc, Trial trial, Direction direction) {
        return new Objective() {
            @Override
            public double evaluate(Config config, TrialContext ctx) {
                Map<String, Object> values = new LinkedHashMap<>(config.asMap());
                int number = ctx.number(), threads = ctx.threads();
                long seed = ctx.seed();
                double budget = ctx.budget();
                jsc.setLocalProperty("spark.job.description", "myelin trial " + number);
                List<Double> score = jsc.parallelize(List.of(number), 1)
                        .map(n -> {
                            ExecutorChecks.requireVectorApi();
                            return trial.evaluate(
                                    new Config(values), TrialContext.detached(n, seed, budget, threads, direction));
                        })
                        .collect();
                return score.getFirst();
            }

            @Override
            public Direction direction() {
                return direction;
            }
        };
    }
}
