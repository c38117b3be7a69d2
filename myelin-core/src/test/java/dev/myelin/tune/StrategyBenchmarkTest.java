package dev.myelin.tune;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.function.LongFunction;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/**
 * Particle swarm and the genetic algorithm (default settings) against random search on test functions with known
 * optima, 5 seeds each, the same trial budget for every strategy (stated in each test's name). Each asserts that
 * PSO and GA reach the optimum's region on every seed and that their mean best score beats random search's.
 */
class StrategyBenchmarkTest {
    private static final int SEEDS = 5;

    /** Rosenbrock: sum 100 (x_{i+1} - x_i^2)^2 + (1 - x_i)^2, minimum 0 at (1, ..., 1). */
    static double rosenbrock(double[] x) {
        double s = 0;
        for (int i = 0; i + 1 < x.length; i++) s += 100 * Math.pow(x[i + 1] - x[i] * x[i], 2) + Math.pow(1 - x[i], 2);
        return s;
    }

    /** Rastrigin: 10 n + sum x_i^2 - 10 cos(2 pi x_i), minimum 0 at the origin, local minima near every integer point. */
    static double rastrigin(double[] x) {
        double s = 10 * x.length;
        for (double v : x) s += v * v - 10 * Math.cos(2 * Math.PI * v);
        return s;
    }

    static SearchSpace box(int dims, double lo, double hi) {
        SearchSpace.Builder b = SearchSpace.builder();
        for (int i = 0; i < dims; i++) b.floatRange("x" + i, lo, hi);
        return b.build();
    }

    static double[] point(Config c, int dims) {
        double[] x = new double[dims];
        for (int i = 0; i < dims; i++) x[i] = c.getDouble("x" + i);
        return x;
    }

    static SearchResult search(SearchStrategy strategy, Objective objective, int trials, long seed)
            throws InterruptedException {
        return Tuner.builder(strategy, objective)
                .maxTrials(trials)
                .seed(seed)
                .build()
                .run();
    }

    /** Best scores of each strategy over the seeds: rows random, PSO, GA. */
    static double[][] compare(SearchSpace space, Objective objective, int trials) throws InterruptedException {
        LongFunction<SearchStrategy> random = seed -> new RandomSearch(space, seed);
        LongFunction<SearchStrategy> pso =
                seed -> ParticleSwarm.builder(space).seed(seed).build();
        LongFunction<SearchStrategy> ga =
                seed -> GeneticAlgorithm.builder(space).seed(seed).build();
        double[][] best = new double[3][SEEDS];
        for (int seed = 0; seed < SEEDS; seed++) {
            best[0][seed] = search(random.apply(seed), objective, trials, seed).bestScore();
            best[1][seed] = search(pso.apply(seed), objective, trials, seed).bestScore();
            best[2][seed] = search(ga.apply(seed), objective, trials, seed).bestScore();
        }
        return best;
    }

    static double mean(double[] v) {
        double s = 0;
        for (double x : v) s += x;
        return s / v.length;
    }

    static void assertAllBelow(double[] bestPerSeed, double limit, String strategy) {
        for (int seed = 0; seed < bestPerSeed.length; seed++)
            assertThat(bestPerSeed[seed])
                    .as("%s best score, seed %d", strategy, seed)
                    .isLessThan(limit);
    }

    static void assertBeatRandomOnAverage(double[][] best) {
        assertThat(mean(best[1])).as("mean best of PSO vs random").isLessThan(mean(best[0]));
        assertThat(mean(best[2])).as("mean best of GA vs random").isLessThan(mean(best[0]));
    }

    @Test
    void rosenbrock2dWithin1000TrialsPsoAndGaGetBelow0point05AndBeatRandom() throws Exception {
        SearchSpace space = box(2, -2, 2);
        ToDoubleFunction<double[]> f = StrategyBenchmarkTest::rosenbrock;
        double[][] best = compare(space, (c, ctx) -> f.applyAsDouble(point(c, 2)), 1000);
        for (int s = 1; s <= 2; s++) assertAllBelow(best[s], 0.05, s == 1 ? "PSO" : "GA");
        assertBeatRandomOnAverage(best);
        // and the best point is near (1, 1): f < 0.05 forces |1 - x0| < 0.23
        Config c = search(
                        ParticleSwarm.builder(space).seed(0).build(),
                        (cfg, ctx) -> f.applyAsDouble(point(cfg, 2)),
                        1000,
                        0)
                .bestConfig();
        assertThat(c.getDouble("x0")).isBetween(0.77, 1.23);
        assertThat(c.getDouble("x1")).isBetween(0.5, 1.5);
    }

    /**
     * 4-D Rosenbrock has a local minimum (f ~ 3.70) near (-1, 1, 1, 1) besides the global one, and some seeds end
     * there: every seed must reach the valley floor (f < 4), and the mean must be far below random search's.
     */
    @Test
    void rosenbrock4dWithin3000TrialsPsoAndGaReachTheValleyFloorAndBeatRandom() throws Exception {
        double[][] best = compare(box(4, -2, 2), (c, ctx) -> rosenbrock(point(c, 4)), 3000);
        for (int s = 1; s <= 2; s++) {
            assertAllBelow(best[s], 4.0, s == 1 ? "PSO" : "GA");
            assertThat(mean(best[s])).isLessThan(mean(best[0]) / 2);
        }
        assertBeatRandomOnAverage(best);
    }

    /** The global basin of 2-D Rastrigin: every other local minimum has f >= 0.99, so f < 0.2 means the origin's basin. */
    @Test
    void rastrigin2dWithin1000TrialsPsoAndGaFindTheGlobalBasinAndBeatRandom() throws Exception {
        double[][] best = compare(box(2, -5.12, 5.12), (c, ctx) -> rastrigin(point(c, 2)), 1000);
        for (int s = 1; s <= 2; s++) assertAllBelow(best[s], 0.2, s == 1 ? "PSO" : "GA");
        assertBeatRandomOnAverage(best);
    }

    /**
     * A noisy quadratic over mixed dimensions: two floats, a log-scaled float, a log-scaled integer and a
     * categorical, minimum ~0 at x = 0.3, y = -0.5, lr = 0.01, width = 64, act = "tanh"; noise N(0, 0.01^2) drawn
     * from the trial seed.
     */
    static final Objective NOISY_QUADRATIC = (c, ctx) -> {
        double actPenalty = switch (c.getString("act")) {
            case "tanh" -> 0.0;
            case "relu" -> 0.5;
            default -> 1.0;
        };
        double noise = 0.01 * new dev.myelin.tensor.Generator(ctx.seed()).nextGaussian();
        return Math.pow(c.getDouble("x") - 0.3, 2)
                + Math.pow(c.getDouble("y") + 0.5, 2)
                + Math.pow(Math.log10(c.getDouble("lr")) + 2, 2) / 4
                + Math.pow(Math.log(c.getInt("width") / 64.0) / Math.log(2), 2) / 16
                + actPenalty
                + noise;
    };

    static SearchSpace noisyQuadraticSpace() {
        return SearchSpace.builder()
                .floatRange("x", -1, 1)
                .floatRange("y", -1, 1)
                .floatRange("lr", 1e-4, 1, true)
                .intRange("width", 8, 512, true)
                .categorical("act", "relu", "sigmoid", "tanh")
                .build();
    }

    @Test
    void noisyQuadraticWithCategoricalWithin400TrialsPsoAndGaFindTheOptimumRegionAndBeatRandom() throws Exception {
        SearchSpace space = noisyQuadraticSpace();
        double[][] best = compare(space, NOISY_QUADRATIC, 400);
        assertBeatRandomOnAverage(best);
        for (int seed = 0; seed < SEEDS; seed++) {
            for (SearchStrategy s : new SearchStrategy[] {
                ParticleSwarm.builder(space).seed(seed).build(),
                GeneticAlgorithm.builder(space).seed(seed).build()
            }) {
                Config c = search(s, NOISY_QUADRATIC, 400, seed).bestConfig();
                assertThat(c.get("act"))
                        .as("%s seed %d: %s", s.getClass().getSimpleName(), seed, c)
                        .isEqualTo("tanh");
                assertThat(c.getDouble("x")).as("%s", c).isBetween(0.1, 0.5);
                assertThat(c.getDouble("y")).as("%s", c).isBetween(-0.7, -0.3);
                assertThat(c.getDouble("lr")).as("%s", c).isBetween(0.001, 0.1);
                assertThat(c.getInt("width")).as("%s", c).isBetween(16, 256);
            }
        }
    }
}
