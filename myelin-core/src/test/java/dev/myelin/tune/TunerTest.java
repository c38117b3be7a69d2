package dev.myelin.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TunerTest {
    @TempDir
    Path dir;

    private static final SearchSpace SPACE = SearchSpace.builder()
            .floatRange("x", -2, 2)
            .intRange("k", 1, 5)
            .categorical("act", "relu", "tanh")
            .build();

    /** Deterministic, cheap objective with a known minimum 0 at x = 0.5, k = 3, act = tanh. */
    private static double quadratic(Config c) {
        return Math.pow(c.getDouble("x") - 0.5, 2)
                + Math.pow(c.getInt("k") - 3, 2)
                + (c.get("act").equals("tanh") ? 0 : 0.25);
    }

    /** Stands in for the process being killed in the middle of a trial. */
    @SuppressWarnings("serial")
    static final class SimulatedCrash extends Error {
        SimulatedCrash() {
            super("simulated crash");
        }
    }

    /** Counts evaluations; on evaluation number {@code crashAt} (1-based) it throws a {@link SimulatedCrash}. */
    static final class CountingObjective implements Objective {
        final AtomicInteger calls = new AtomicInteger();
        final int crashAt;

        CountingObjective(int crashAt) {
            this.crashAt = crashAt;
        }

        @Override
        public double evaluate(Config config, TrialContext ctx) {
            if (calls.incrementAndGet() == crashAt) throw new SimulatedCrash();
            return quadratic(config);
        }
    }

    /** Everything about the trials except timing. */
    private static List<String> rows(SearchResult r) {
        return r.trials().stream()
                .map(t -> t.number() + " " + t.config() + " " + t.budget() + " " + t.score() + " " + t.status() + " "
                        + t.error())
                .toList();
    }

    private static List<String> lines(Path file) throws Exception {
        return Files.readAllLines(file, StandardCharsets.UTF_8);
    }

    @Test
    void failingTrialsAreRecordedWithTheirCauseAndTheSearchContinues() throws Exception {
        SearchSpace ints = SearchSpace.builder().intRange("n", 0, 5).build();
        Objective objective = (c, ctx) -> switch (c.getInt("n")) {
            case 2 -> throw new IllegalStateException("out of memory for \"n\"=2, really");
            case 3 -> Double.NaN;
            case 4 -> Double.POSITIVE_INFINITY;
            default -> (c.getInt("n") - 1) * (c.getInt("n") - 1);
        };
        SearchResult r = Tuner.builder(new GridSearch(ints), objective)
                .outputDirectory(dir)
                .build()
                .run();
        assertThat(r.trials()).hasSize(6);
        assertThat(r.trials().stream().map(TrialResult::status).toList())
                .containsExactly(
                        TrialStatus.OK,
                        TrialStatus.OK,
                        TrialStatus.FAILED,
                        TrialStatus.FAILED,
                        TrialStatus.FAILED,
                        TrialStatus.OK);
        assertThat(r.trials().get(2).error()).isEqualTo("IllegalStateException: out of memory for \"n\"=2, really");
        assertThat(r.trials().get(3).error()).contains("NaN").contains("diverged");
        assertThat(r.trials().get(4).error()).contains("Infinity");
        assertThat(r.trials().get(3).score()).isNaN();
        assertThat(r.bestConfig().getInt("n")).isEqualTo(1);
        assertThat(r.bestScore()).isEqualTo(0.0);
        assertThat(r.bestSoFar()).containsExactly(1, 0, 0, 0, 0, 0);

        List<String> jsonl = lines(dir.resolve("trials.jsonl"));
        assertThat(jsonl).hasSize(6);
        JsonNode failed = Json.MAPPER.readTree(jsonl.get(2));
        assertThat(failed.get("status").asText()).isEqualTo("failed");
        assertThat(failed.get("score").isNull()).isTrue();
        assertThat(failed.get("config").toString()).isEqualTo("{\"n\":2}");

        List<String> csv = lines(dir.resolve("trials.csv"));
        assertThat(csv.get(0)).isEqualTo("number,status,score,seconds,budget,n,error");
        assertThat(csv.get(3))
                .startsWith("2,failed,,")
                .endsWith(",0.0,2,\"IllegalStateException: out of memory for \"\"n\"\"=2, really\"");
        assertThat(csv.get(2)).startsWith("1,ok,0.0,").endsWith(",1,");
    }

    @Test
    void allTrialsFailingGivesAClearErrorForBestAndLearningStrategiesCarryOn() throws Exception {
        Objective boom = (c, ctx) -> {
            throw new RuntimeException("boom");
        };
        SearchResult r = Tuner.builder(new RandomSearch(SPACE, 1), boom)
                .maxTrials(3)
                .build()
                .run();
        assertThat(r.trials()).hasSize(3).allMatch(t -> t.status() == TrialStatus.FAILED);
        assertThatThrownBy(r::best).hasMessageContaining("all failed");
        SearchResult pso = Tuner.builder(
                        ParticleSwarm.builder(SPACE).swarmSize(4).iterations(3).build(), boom)
                .build()
                .run();
        assertThat(pso.trials()).hasSize(12).allMatch(t -> t.status() == TrialStatus.FAILED);
        SearchResult ga = Tuner.builder(
                        GeneticAlgorithm.builder(SPACE)
                                .populationSize(4)
                                .generations(3)
                                .build(),
                        boom)
                .build()
                .run();
        assertThat(ga.trials()).hasSize(4 + 3 + 3).allMatch(t -> t.status() == TrialStatus.FAILED);
    }

    @Test
    void csvSummaryLeavesInactiveDimensionsEmptyAndQuotesLists() throws Exception {
        SearchSpace space = SearchSpace.builder()
                .categorical("solver", "sgd", "adam")
                .floatRange("momentum", 0.0, 0.5)
                .activeWhen("solver", "sgd")
                .intRange("depth", 1, 2)
                .intRange("width", 4, 4)
                .hiddenLayers("hidden", "depth", "width")
                .build();
        Tuner.builder(new GridSearch(space, Map.of("momentum", 2)), (c, ctx) -> c.getInt("depth"))
                .outputDirectory(dir)
                .build()
                .run();
        List<String> csv = lines(dir.resolve("trials.csv"));
        assertThat(csv.get(0)).isEqualTo("number,status,score,seconds,budget,solver,momentum,depth,width,hidden,error");
        assertThat(csv).hasSize(1 + 2 * 2 + 2);
        assertThat(csv.get(1)).startsWith("0,ok,1.0,").endsWith(",0.0,sgd,0.0,1,4,[4],");
        assertThat(csv.get(6)).startsWith("5,ok,2.0,").endsWith(",0.0,adam,,2,4,\"[4,4]\",");
    }

    @Test
    void interruptingTheCallerStopsTheSearchAndKeepsFinishedTrials() throws Exception {
        Objective slow = (c, ctx) -> {
            Thread.sleep(30);
            return quadratic(c);
        };
        Tuner tuner = Tuner.builder(new RandomSearch(SPACE, 1), slow)
                .maxTrials(1000)
                .outputDirectory(dir)
                .build();
        List<Throwable> thrown = new ArrayList<>();
        Thread caller = new Thread(() -> {
            try {
                tuner.run();
            } catch (Throwable t) {
                thrown.add(t);
            }
        });
        caller.start();
        Thread.sleep(200);
        caller.interrupt();
        caller.join(10_000);
        assertThat(caller.isAlive()).isFalse();
        assertThat(thrown).singleElement().isInstanceOf(InterruptedException.class);
        assertThat(lines(dir.resolve("trials.jsonl")).size()).isBetween(1, 999);
    }

    @Test
    void maximizeFindsTheHighestScore() throws Exception {
        SearchSpace ints = SearchSpace.builder().intRange("n", 0, 9).build();
        SearchResult r = Tuner.builder(
                        new GridSearch(ints), Objective.maximize((c, ctx) -> -Math.abs(c.getInt("n") - 6)))
                .build()
                .run();
        assertThat(r.direction()).isEqualTo(Direction.MAXIMIZE);
        assertThat(r.bestConfig().getInt("n")).isEqualTo(6);
        assertThat(r.bestScore()).isEqualTo(0.0);
    }

    private void resumeAfterCrashEqualsUninterruptedRun(
            Supplier<SearchStrategy> strategy, int maxTrials, int crashAt, int parallelTrials) throws Exception {
        resumeAfterCrashEqualsUninterruptedRun(
                strategy, maxTrials, crashAt, parallelTrials, n -> "{\"number\":" + n + ",\"config\":{\"x\":0.1");
    }

    /** {@code torn} is what the crash left after the last complete record, given the next trial's number. */
    private void resumeAfterCrashEqualsUninterruptedRun(
            Supplier<SearchStrategy> strategy,
            int maxTrials,
            int crashAt,
            int parallelTrials,
            java.util.function.IntFunction<String> torn)
            throws Exception {
        Path full = dir.resolve("full"), crashed = dir.resolve("crashed");
        CountingObjective plain = new CountingObjective(-1);
        SearchResult uninterrupted = Tuner.builder(strategy.get(), plain)
                .maxTrials(maxTrials)
                .seed(5)
                .outputDirectory(full)
                .build()
                .run();

        CountingObjective crashing = new CountingObjective(crashAt);
        assertThatThrownBy(() -> Tuner.builder(strategy.get(), crashing)
                        .maxTrials(maxTrials)
                        .seed(5)
                        .parallelTrials(parallelTrials)
                        .availableCores(2)
                        .outputDirectory(crashed)
                        .build()
                        .run())
                .isInstanceOf(SimulatedCrash.class);
        Path log = crashed.resolve("trials.jsonl");
        int finished = lines(log).size();
        // the trials in flight beside the crashing one may still finish and be logged before the run stops
        assertThat(finished).isBetween(crashAt - parallelTrials, crashAt + parallelTrials - 2);
        // the crash also cut the next record short
        Files.writeString(log, torn.apply(finished), StandardOpenOption.APPEND);

        CountingObjective resumed = new CountingObjective(-1);
        List<Integer> reported = new ArrayList<>();
        SearchResult result = Tuner.builder(strategy.get(), resumed)
                .maxTrials(maxTrials)
                .seed(5)
                .outputDirectory(crashed)
                .resume(true)
                .listener(new TuneListener() {
                    @Override
                    public void onSearchStart(int restored) {
                        reported.add(restored);
                    }
                })
                .build()
                .run();
        assertThat(reported).containsExactly(finished);
        assertThat(resumed.calls.get())
                .as("finished trials are not evaluated again")
                .isEqualTo(uninterrupted.trials().size() - finished);
        assertThat(rows(result)).isEqualTo(rows(uninterrupted));
        assertThat(lines(log)).hasSize(uninterrupted.trials().size());
        for (String line : lines(log)) Json.MAPPER.readTree(line); // the partial line was cut off, every line parses
        assertThat(lines(crashed.resolve("trials.csv")))
                .hasSize(uninterrupted.trials().size() + 1);
    }

    @Test
    void gridSearchResumesAfterACrashWithoutRepeatingTrials() throws Exception {
        resumeAfterCrashEqualsUninterruptedRun(() -> new GridSearch(SPACE, Map.of("x", 3)), Integer.MAX_VALUE, 9, 1);
    }

    @Test
    void aCorruptLastCompleteLineIsDroppedOnResume() throws Exception {
        // a file system can show a crashed append as a complete line of garbage...
        resumeAfterCrashEqualsUninterruptedRun(
                () -> new GridSearch(SPACE, Map.of("x", 3)),
                Integer.MAX_VALUE,
                9,
                1,
                n -> "{\"number\":" + n + ",\"config\":{\"x\":0.1\n");
    }

    @Test
    void aLastLineOfZerosIsDroppedOnResume() throws Exception {
        // ...or of zeros where the data never reached the disk
        resumeAfterCrashEqualsUninterruptedRun(() -> new RandomSearch(SPACE, 11), 30, 13, 1, n -> "\0\0\0\0\0\0\n\0\0");
    }

    @Test
    void aCorruptLineBeforeTheLastIsAnErrorNamingIt() throws Exception {
        Tuner.builder(new RandomSearch(SPACE, 4), (c, ctx) -> quadratic(c))
                .maxTrials(4)
                .outputDirectory(dir)
                .build()
                .run();
        Path log = dir.resolve("trials.jsonl");
        List<String> lines = lines(log);
        lines.set(1, "{\"number\": oops");
        Files.write(log, lines);
        assertThatThrownBy(() -> Tuner.builder(new RandomSearch(SPACE, 4), (c, ctx) -> quadratic(c))
                        .maxTrials(8)
                        .outputDirectory(dir)
                        .resume(true)
                        .build()
                        .run())
                .hasMessageContaining("line 2 is not a trial record");
    }

    @Test
    void randomSearchResumesAfterACrashWithoutRepeatingTrials() throws Exception {
        resumeAfterCrashEqualsUninterruptedRun(() -> new RandomSearch(SPACE, 11), 30, 13, 1);
    }

    @Test
    void particleSwarmResumesMidIterationWithTheSameProposals() throws Exception {
        resumeAfterCrashEqualsUninterruptedRun(
                () -> ParticleSwarm.builder(SPACE)
                        .swarmSize(6)
                        .iterations(5)
                        .seed(3)
                        .build(),
                Integer.MAX_VALUE,
                16,
                1);
    }

    @Test
    void geneticAlgorithmResumesAfterACrashInAParallelRun() throws Exception {
        resumeAfterCrashEqualsUninterruptedRun(
                () -> GeneticAlgorithm.builder(SPACE)
                        .populationSize(8)
                        .generations(4)
                        .seed(3)
                        .build(),
                Integer.MAX_VALUE,
                14,
                2);
    }

    @Test
    void aSearchStoppedByItsTrialBudgetContinuesWithALargerOne() throws Exception {
        SearchResult full = Tuner.builder(new RandomSearch(SPACE, 4), (c, ctx) -> quadratic(c))
                .maxTrials(20)
                .build()
                .run();
        Tuner.builder(new RandomSearch(SPACE, 4), (c, ctx) -> quadratic(c))
                .maxTrials(7)
                .outputDirectory(dir)
                .build()
                .run();
        CountingObjective counting = new CountingObjective(-1);
        SearchResult resumed = Tuner.builder(new RandomSearch(SPACE, 4), counting)
                .maxTrials(20)
                .outputDirectory(dir)
                .resume(true)
                .build()
                .run();
        assertThat(counting.calls.get()).isEqualTo(13);
        assertThat(rows(resumed)).isEqualTo(rows(full));
    }

    @Test
    void resumeRefusesChangedSettingsAndAnExistingFileNeedsResume() throws Exception {
        Tuner.builder(new RandomSearch(SPACE, 1), (c, ctx) -> quadratic(c))
                .maxTrials(3)
                .outputDirectory(dir)
                .build()
                .run();
        assertThatThrownBy(() -> Tuner.builder(new RandomSearch(SPACE, 1), (c, ctx) -> quadratic(c))
                        .maxTrials(3)
                        .outputDirectory(dir)
                        .build()
                        .run())
                .hasMessageContaining("already holds 3 trials")
                .hasMessageContaining("resume(true)");
        assertThatThrownBy(() -> Tuner.builder(new RandomSearch(SPACE, 2), (c, ctx) -> quadratic(c))
                        .maxTrials(5)
                        .outputDirectory(dir)
                        .resume(true)
                        .build()
                        .run())
                .hasMessageContaining("cannot resume")
                .hasMessageContaining("trial 0")
                .hasMessageContaining("changed");
    }

    @Test
    void aCorruptLineInTheMiddleNamesTheFileAndLine() throws Exception {
        Tuner.builder(new RandomSearch(SPACE, 1), (c, ctx) -> quadratic(c))
                .maxTrials(3)
                .outputDirectory(dir)
                .build()
                .run();
        Path log = dir.resolve("trials.jsonl");
        List<String> l = new ArrayList<>(lines(log));
        l.set(1, "garbage");
        Files.write(log, l);
        assertThatThrownBy(() -> Tuner.builder(new RandomSearch(SPACE, 1), (c, ctx) -> quadratic(c))
                        .maxTrials(3)
                        .outputDirectory(dir)
                        .resume(true)
                        .build()
                        .run())
                .hasMessageContaining(log.toString())
                .hasMessageContaining("line 2");
    }

    @Test
    void aTunerRunsOnce() throws Exception {
        Tuner tuner = Tuner.builder(new RandomSearch(SPACE, 1), (c, ctx) -> quadratic(c))
                .maxTrials(2)
                .build();
        assertThat(tuner.run().trials()).hasSize(2);
        assertThatThrownBy(tuner::run).hasMessageContaining("runs once");
    }

    @Test
    void parallelismCheckSaysTheNumbersAndTheFix() {
        assertThatThrownBy(() -> Tuner.builder(new RandomSearch(SPACE, 1), (c, ctx) -> 0)
                        .parallelTrials(4)
                        .threadsPerTrial(2)
                        .availableCores(2)
                        .build())
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("parallelTrials (4) x threadsPerTrial (2) = 8 threads, but only 2 cores are available; "
                        + "lower parallelTrials to at most 1 or threadsPerTrial to at most 1");
        assertThat(Tuner.builder(new RandomSearch(SPACE, 1), (c, ctx) -> 0)
                        .parallelTrials(2)
                        .threadsPerTrial(1)
                        .availableCores(2)
                        .build())
                .isNotNull();
    }

    @Test
    void parallelTrialsGiveTheSameResultsAsSequentialOnesForGenerationSynchronousStrategies() throws Exception {
        Objective jittery = (c, ctx) -> {
            Thread.sleep(new dev.myelin.tensor.Generator(ctx.seed()).nextInt(4)); // completion order varies
            assertThat(ctx.threads()).isEqualTo(1);
            return quadratic(c);
        };
        Supplier<SearchStrategy> pso = () ->
                ParticleSwarm.builder(SPACE).swarmSize(6).iterations(4).seed(8).build();
        SearchResult sequential = Tuner.builder(pso.get(), jittery).build().run();
        SearchResult parallel = Tuner.builder(pso.get(), jittery)
                .parallelTrials(2)
                .availableCores(2)
                .build()
                .run();
        assertThat(sequential.trials()).allMatch(t -> t.status() == TrialStatus.OK);
        assertThat(rows(parallel)).hasSize(24).isEqualTo(rows(sequential));
    }

    @Test
    void trialsGetDistinctRepeatableSeedsAndTheStrategysBudget() throws Exception {
        List<long[]> seen = new ArrayList<>();
        Objective recording = (c, ctx) -> {
            synchronized (seen) {
                seen.add(new long[] {ctx.number(), ctx.seed(), (long) ctx.budget(), (long) ctx.budgetOr(99)});
            }
            return quadratic(c);
        };
        Tuner.builder(new SuccessiveHalving(SPACE, 9, 2, 3, 1), recording)
                .seed(42)
                .build()
                .run();
        assertThat(seen).hasSize(9 + 3 + 1);
        assertThat(new HashSet<>(seen.stream().map(s -> s[1]).toList())).hasSize(13);
        for (long[] s : seen) {
            assertThat(s[1]).isEqualTo(Tuner.trialSeed(42, (int) s[0]));
            assertThat(s[2]).isEqualTo(s[0] < 9 ? 2 : s[0] < 12 ? 6 : 18);
            assertThat(s[3]).isEqualTo(s[2]);
        }
        assertThat(Tuner.trialSeed(42, 0)).isNotEqualTo(Tuner.trialSeed(43, 0));
    }

    @Test
    void listenerSeesEveryTrialWithTheBestSoFar() throws Exception {
        List<String> events = new ArrayList<>();
        SearchResult r = Tuner.builder(new RandomSearch(SPACE, 6), (c, ctx) -> quadratic(c))
                .maxTrials(15)
                .listener(new TuneListener() {
                    @Override
                    public void onTrialFinished(TrialResult trial, TrialResult best) {
                        events.add(trial.number() + ":" + best.score());
                    }

                    @Override
                    public void onSearchEnd(SearchResult result) {
                        events.add("end " + result.trials().size());
                    }
                })
                .build()
                .run();
        double[] bestSoFar = r.bestSoFar();
        assertThat(events).hasSize(16).endsWith("end 15");
        for (int i = 0; i < 15; i++) {
            assertThat(events.get(i)).isEqualTo(i + ":" + bestSoFar[i]);
            if (i > 0) assertThat(bestSoFar[i]).isLessThanOrEqualTo(bestSoFar[i - 1]);
        }
        assertThat(bestSoFar[14]).isEqualTo(r.bestScore());
    }

    @Test
    void wallTimeBudgetStopsProposingNewTrials() throws Exception {
        long start = System.nanoTime();
        SearchResult r = Tuner.builder(new RandomSearch(SPACE, 1), (c, ctx) -> {
                    Thread.sleep(20);
                    return quadratic(c);
                })
                .maxDuration(Duration.ofMillis(200))
                .build()
                .run();
        double seconds = (System.nanoTime() - start) / 1e9;
        assertThat(r.trials().size()).isBetween(1, 11);
        assertThat(seconds).isLessThan(5);
    }

    @Test
    void medianPrunerStopsTrialsWorseThanTheMedianOfFinishedOnes() throws Exception {
        // Trials 0..4 report 1.0 at every step; later trials with an odd k report 5.0 and are pruned at step 0.
        SearchSpace ints = SearchSpace.builder().intRange("k", 0, 9).build();
        Objective learningCurve = (c, ctx) -> {
            int k = c.getInt("k");
            double level = k < 5 || k % 2 == 0 ? 1.0 : 5.0;
            int steps = 0;
            for (int step = 0; step < 10 && !ctx.shouldStop(); step++, steps++)
                ctx.report(step, level + 1.0 / (step + 1));
            return level + 1.0 / steps;
        };
        SearchResult r = Tuner.builder(new GridSearch(ints), learningCurve)
                .pruner(new MedianPruner(5, 0))
                .build()
                .run();
        assertThat(r.trials().stream().map(TrialResult::status).toList())
                .containsExactly(
                        TrialStatus.OK,
                        TrialStatus.OK,
                        TrialStatus.OK,
                        TrialStatus.OK,
                        TrialStatus.OK,
                        TrialStatus.PRUNED,
                        TrialStatus.OK,
                        TrialStatus.PRUNED,
                        TrialStatus.OK,
                        TrialStatus.PRUNED);
        assertThat(r.trials().get(5).score()).isEqualTo(6.0); // stopped after one step
        assertThat(r.bestScore()).isEqualTo(1.1);
    }
}
