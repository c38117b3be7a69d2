package dev.myelin.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.ToDoubleFunction;
import org.junit.jupiter.api.Test;

/** Mechanics of the learning strategies: generation barriers, determinism, velocity clamping, elitism, rungs. */
class SwarmGeneticHalvingTest {

    private static final SearchSpace SPACE = SearchSpace.builder()
            .floatRange("x", -2, 2)
            .intRange("k", 1, 9)
            .categorical("c", "a", "b", "c")
            .build();

    private static double loss(Config c) {
        return Math.abs(c.getDouble("x") - 0.5)
                + Math.abs(c.getInt("k") - 3)
                + (c.get("c").equals("b") ? 0 : 1);
    }

    /** Runs a strategy to the end with one generation asked before any result is told; returns proposals in order. */
    private static List<Proposal> runGenerations(SearchStrategy s, ToDoubleFunction<Config> f, int maxTrials) {
        List<Proposal> all = new ArrayList<>();
        while (!s.isDone() && all.size() < maxTrials) {
            List<Proposal> generation = new ArrayList<>();
            for (var p = s.ask(); p.isPresent(); p = s.ask()) generation.add(p.get());
            assertThat(generation)
                    .as("a strategy that is not done proposes something")
                    .isNotEmpty();
            // tell in reverse order: results must not depend on arrival order
            for (int i = generation.size() - 1; i >= 0; i--)
                s.tell(generation.get(i), f.applyAsDouble(generation.get(i).config()));
            all.addAll(generation);
        }
        return all;
    }

    @Test
    void particleSwarmWaitsForTheWholeSwarmAndIsDeterministic() {
        ParticleSwarm pso =
                ParticleSwarm.builder(SPACE).swarmSize(7).iterations(5).seed(1).build();
        for (int i = 0; i < 7; i++) assertThat(pso.ask()).isPresent();
        assertThat(pso.ask()).as("iteration barrier").isEmpty();
        List<Proposal> a = runGenerations(
                ParticleSwarm.builder(SPACE).swarmSize(7).iterations(5).seed(1).build(),
                SwarmGeneticHalvingTest::loss,
                1000);
        List<Proposal> b = runGenerations(
                ParticleSwarm.builder(SPACE).swarmSize(7).iterations(5).seed(1).build(),
                SwarmGeneticHalvingTest::loss,
                1000);
        assertThat(a).hasSize(35).isEqualTo(b);
    }

    @Test
    void particleSwarmVelocityIsClampedToTheGivenFractionOfTheRange() {
        SearchSpace line = SearchSpace.builder().floatRange("x", -2, 2).build();
        double vMax = 0.05;
        ParticleSwarm pso = ParticleSwarm.builder(line)
                .swarmSize(4)
                .iterations(20)
                .maxVelocity(vMax)
                .seed(3)
                .build();
        List<Proposal> all = runGenerations(pso, c -> Math.abs(c.getDouble("x") - 1.9), 1000);
        for (int t = 1; t < 20; t++)
            for (int i = 0; i < 4; i++) {
                double before = line.encode(all.get((t - 1) * 4 + i).config())[0];
                double after = line.encode(all.get(t * 4 + i).config())[0];
                assertThat(Math.abs(after - before)).isLessThanOrEqualTo(vMax + 1e-12);
            }
        assertThat(pso.bestConfig().getDouble("x")).isGreaterThan(1.5);
    }

    @Test
    void geneticAlgorithmKeepsElitesWithoutReevaluatingThem() {
        GeneticAlgorithm ga = GeneticAlgorithm.builder(SPACE)
                .populationSize(10)
                .elitism(3)
                .generations(4)
                .seed(2)
                .build();
        List<Integer> generationSizes = new ArrayList<>();
        while (!ga.isDone()) {
            List<Proposal> gen = new ArrayList<>();
            for (var p = ga.ask(); p.isPresent(); p = ga.ask()) gen.add(p.get());
            generationSizes.add(gen.size());
            for (Proposal p : gen) ga.tell(p, loss(p.config()));
        }
        assertThat(generationSizes).containsExactly(10, 7, 7, 7);
    }

    @Test
    void geneticAlgorithmWithoutCrossoverOrMutationOnlyCopiesTournamentWinners() {
        GeneticAlgorithm ga = GeneticAlgorithm.builder(SPACE)
                .populationSize(12)
                .elitism(0)
                .generations(2)
                .crossover(GeneticAlgorithm.Crossover.ONE_POINT, 0)
                .mutation(0, 0.1)
                .tournamentSize(12)
                .seed(4)
                .build();
        List<Proposal> all = runGenerations(ga, SwarmGeneticHalvingTest::loss, 1000);
        List<Config> first = all.subList(0, 12).stream().map(Proposal::config).toList();
        Config fittest =
                first.stream().min((p, q) -> Double.compare(loss(p), loss(q))).orElseThrow();
        // A tournament of 12 drawn with replacement almost always contains the fittest; every child is a copy of a
        // parent.
        Set<Config> firstSet = new HashSet<>(first);
        for (Proposal child : all.subList(12, 24)) assertThat(firstSet).contains(child.config());
        assertThat(all.subList(12, 24).stream()
                        .filter(p -> p.config().equals(fittest))
                        .count())
                .isGreaterThan(6);
    }

    @Test
    void geneticAlgorithmIsDeterministicGivenSeedAndScoresForBothCrossovers() {
        for (GeneticAlgorithm.Crossover kind : GeneticAlgorithm.Crossover.values()) {
            List<Proposal> a = runGenerations(
                    GeneticAlgorithm.builder(SPACE)
                            .crossover(kind, 0.9)
                            .generations(5)
                            .seed(9)
                            .build(),
                    SwarmGeneticHalvingTest::loss,
                    1000);
            List<Proposal> b = runGenerations(
                    GeneticAlgorithm.builder(SPACE)
                            .crossover(kind, 0.9)
                            .generations(5)
                            .seed(9)
                            .build(),
                    SwarmGeneticHalvingTest::loss,
                    1000);
            assertThat(a).hasSize(20 + 4 * 19).isEqualTo(b);
            double lastMean = a.subList(a.size() - 19, a.size()).stream()
                    .mapToDouble(p -> loss(p.config()))
                    .average()
                    .orElseThrow();
            double firstMean = a.subList(0, 20).stream()
                    .mapToDouble(p -> loss(p.config()))
                    .average()
                    .orElseThrow();
            assertThat(lastMean).as("selection improves the population").isLessThan(firstMean);
        }
    }

    @Test
    void successiveHalvingKeepsTheBestThirdAndTriplesTheBudget() {
        SuccessiveHalving sh = new SuccessiveHalving(SPACE, 27, 1, 3, 7);
        List<List<Proposal>> rungs = new ArrayList<>();
        while (!sh.isDone()) {
            List<Proposal> rung = new ArrayList<>();
            for (var p = sh.ask(); p.isPresent(); p = sh.ask()) rung.add(p.get());
            rungs.add(rung);
            for (Proposal p : rung) sh.tell(p, loss(p.config()));
        }
        assertThat(rungs.stream().map(List::size).toList()).containsExactly(27, 9, 3, 1);
        assertThat(rungs.stream().map(r -> r.get(0).budget()).toList()).containsExactly(1.0, 3.0, 9.0, 27.0);
        for (int r = 1; r < rungs.size(); r++) {
            List<Double> previous = rungs.get(r - 1).stream()
                    .map(p -> loss(p.config()))
                    .sorted()
                    .toList();
            List<Double> kept =
                    rungs.get(r).stream().map(p -> loss(p.config())).sorted().toList();
            assertThat(kept).isEqualTo(previous.subList(0, kept.size()));
        }
    }

    @Test
    void successiveHalvingStopsAtMaxBudget() {
        SuccessiveHalving sh = new SuccessiveHalving(SPACE, 27, 1, 3, 9, 7);
        List<Proposal> all = runGenerations(sh, SwarmGeneticHalvingTest::loss, 1000);
        assertThat(all).hasSize(27 + 9 + 3);
        assertThat(all.getLast().budget()).isEqualTo(9.0);
    }

    @Test
    void badSettingsAreRejected() {
        assertThatThrownBy(() -> ParticleSwarm.builder(SPACE).maxVelocity(0)).hasMessageContaining("maxVelocity");
        assertThatThrownBy(() -> GeneticAlgorithm.builder(SPACE)
                        .populationSize(4)
                        .elitism(4)
                        .build())
                .hasMessageContaining("elitism");
        assertThatThrownBy(() -> GeneticAlgorithm.builder(SPACE).mutation(1.5, 0.1))
                .hasMessageContaining("mutationRate");
        assertThatThrownBy(() -> new SuccessiveHalving(SPACE, 9, 1, 1, 0)).hasMessageContaining("eta");
    }
}
