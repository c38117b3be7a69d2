package dev.myelin.tune;

import dev.myelin.tensor.Generator;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * A genetic algorithm on the continuous encoding of the space (see {@link Dimension}). A gene is one
 * dimension: a number u in [0, 1] for ranges, the block of choice coordinates for a categorical.
 *
 * <p>Each generation, after the whole population has been evaluated (loss f, lower is fitter):
 * <ol>
 *   <li>Elitism: the {@code elitism} fittest individuals pass unchanged (and are not evaluated again).</li>
 *   <li>Selection: each parent is the fittest of {@code tournamentSize} individuals drawn uniformly with
 *       replacement (tournament selection).</li>
 *   <li>Crossover, with probability {@code crossoverRate} (otherwise the child copies parent a):
 *       uniform: child gene j = a_j or b_j with probability 1/2 each; one-point: cut c ~ U{1, ..., G-1},
 *       child = a_1..a_(c-1), b_c..b_G.</li>
 *   <li>Mutation, per gene with probability {@code mutationRate}: numeric u &larr; clamp(u + N(0, sigma^2), 0, 1)
 *       with sigma = {@code mutationSigma}; categorical: a uniformly random choice.</li>
 * </ol>
 * The first population is uniform random. Generation-synchronous and ordered by index (ties by index), so the
 * proposals depend only on the seed and the scores. A failed trial has loss +infinity and loses every tournament.
 */
public final class GeneticAlgorithm implements SearchStrategy {

    /** How two parents' genes are combined. */
    public enum Crossover {
        /** Each gene from either parent with equal probability. */
        UNIFORM,
        /** The genes before a random cut from the first parent, the rest from the second. */
        ONE_POINT
    }

    private final SearchSpace space;
    private final int populationSize, generations, tournamentSize, elitism;
    private final double crossoverRate, mutationRate, mutationSigma;
    private final Crossover crossover;
    private final Generator rng;

    private double[][] population;
    private final double[] loss;
    private int generation, next, told, firstToEvaluate;

    private GeneticAlgorithm(Builder b) {
        this.space = b.space;
        this.populationSize = b.populationSize;
        this.generations = b.generations;
        this.tournamentSize = b.tournamentSize;
        this.elitism = b.elitism;
        this.crossoverRate = b.crossoverRate;
        // The classical 1/L rule: on average one gene of each child mutates.
        this.mutationRate =
                Double.isNaN(b.mutationRate) ? 1.0 / space.dimensions().size() : b.mutationRate;
        this.mutationSigma = b.mutationSigma;
        this.crossover = b.crossover;
        if (elitism >= populationSize)
            throw new IllegalArgumentException(
                    "GeneticAlgorithm: elitism (" + elitism + ") must be < populationSize (" + populationSize + ")");
        this.rng = new Generator(b.seed);
        this.population = new double[populationSize][];
        for (int i = 0; i < populationSize; i++) population[i] = space.randomPoint(rng);
        this.loss = new double[populationSize];
    }

    /**
     * A builder of a genetic search over {@code space}.
     *
     * @param space the space to search
     * @return a builder with the default settings
     */
    public static Builder builder(SearchSpace space) {
        return new Builder(space);
    }

    @Override
    public Optional<Proposal> ask() {
        if (isDone() || next == populationSize) return Optional.empty();
        int i = next++;
        return Optional.of(new Proposal(space.decode(population[i]), i));
    }

    @Override
    public void tell(Proposal proposal, double loss) {
        int i = proposal.slot();
        if (i < firstToEvaluate || i >= next)
            throw new IllegalArgumentException("GeneticAlgorithm: no outstanding individual " + i);
        this.loss[i] = loss;
        if (++told < populationSize - firstToEvaluate) return;
        breed();
        generation++;
        told = 0;
        firstToEvaluate = next = elitism;
    }

    /** Builds the next population (steps 1-4 of the class comment). */
    private void breed() {
        Integer[] order = IntStream.range(0, populationSize).boxed().toArray(Integer[]::new);
        Arrays.sort(order, Comparator.<Integer>comparingDouble(i -> loss[i]).thenComparingInt(i -> i));
        double[][] children = new double[populationSize][];
        double[] childLoss = new double[populationSize];
        for (int k = 0; k < elitism; k++) {
            children[k] = population[order[k]];
            childLoss[k] = loss[order[k]];
        }
        for (int k = elitism; k < populationSize; k++) {
            double[] a = population[tournament()], b = population[tournament()];
            double[] child = rng.nextDouble() < crossoverRate ? crossover(a, b) : a.clone();
            mutate(child);
            children[k] = child;
        }
        population = children;
        System.arraycopy(childLoss, 0, loss, 0, populationSize);
    }

    /** Index of the fittest of tournamentSize uniformly drawn individuals (lower index on ties). */
    private int tournament() {
        int best = rng.nextInt(populationSize);
        for (int t = 1; t < tournamentSize; t++) {
            int c = rng.nextInt(populationSize);
            if (loss[c] < loss[best] || (loss[c] == loss[best] && c < best)) best = c;
        }
        return best;
    }

    private double[] crossover(double[] a, double[] b) {
        int genes = space.dimensions().size();
        double[] child = a.clone();
        int cut = genes > 1 ? 1 + rng.nextInt(genes - 1) : genes;
        for (int g = 0; g < genes; g++) {
            boolean fromB = crossover == Crossover.UNIFORM ? rng.nextDouble() < 0.5 : g >= cut;
            if (fromB) copyGene(b, child, g);
        }
        return child;
    }

    private void copyGene(double[] from, double[] to, int gene) {
        int off = space.offset(gene);
        System.arraycopy(from, off, to, off, space.dimensions().get(gene).width());
    }

    private void mutate(double[] child) {
        for (int g = 0; g < space.dimensions().size(); g++) {
            if (rng.nextDouble() >= mutationRate) continue;
            Dimension d = space.dimensions().get(g);
            int off = space.offset(g);
            if (d instanceof Categorical c) c.encode(c.choices().get(rng.nextInt(c.width())), child, off);
            else child[off] = Dimension.clamp01(child[off] + mutationSigma * rng.nextGaussian());
        }
    }

    @Override
    public boolean isDone() {
        return generation >= generations;
    }

    /**
     * Settings with common defaults: population 20, tournament 3, uniform crossover with rate 0.9, mutation
     * rate 1 / (number of genes) per gene with sigma 0.1, 1 elite, unlimited generations.
     */
    public static final class Builder {
        private final SearchSpace space;
        private int populationSize = 20, generations = Integer.MAX_VALUE, tournamentSize = 3, elitism = 1;
        private double crossoverRate = 0.9, mutationRate = Double.NaN, mutationSigma = 0.1;
        private Crossover crossover = Crossover.UNIFORM;
        private long seed;

        private Builder(SearchSpace space) {
            this.space = Objects.requireNonNull(space, "space");
        }

        /**
         * Individuals per generation.
         *
         * @param n individuals, at least 2
         * @return this builder
         */
        public Builder populationSize(int n) {
            if (n < 2) throw new IllegalArgumentException("GeneticAlgorithm: populationSize must be >= 2, got " + n);
            populationSize = n;
            return this;
        }

        /**
         * Number of generations evaluated (the first costs populationSize trials, later ones populationSize - elitism).
         *
         * @param n at least 1
         * @return this builder
         */
        public Builder generations(int n) {
            if (n < 1) throw new IllegalArgumentException("GeneticAlgorithm: generations must be >= 1, got " + n);
            generations = n;
            return this;
        }

        /**
         * Individuals in each selection tournament (the fittest of them is a parent).
         *
         * @param k contestants, at least 1
         * @return this builder
         */
        public Builder tournamentSize(int k) {
            if (k < 1) throw new IllegalArgumentException("GeneticAlgorithm: tournamentSize must be >= 1, got " + k);
            tournamentSize = k;
            return this;
        }

        /**
         * The best individuals carried unchanged into the next generation.
         *
         * @param n at least 0, less than the population
         * @return this builder
         */
        public Builder elitism(int n) {
            if (n < 0) throw new IllegalArgumentException("GeneticAlgorithm: elitism must be >= 0, got " + n);
            elitism = n;
            return this;
        }

        /**
         * How and how often parents are crossed (otherwise a child copies its first parent).
         *
         * @param kind how genes are combined
         * @param rate the probability that two parents cross, in [0, 1]
         * @return this builder
         */
        public Builder crossover(Crossover kind, double rate) {
            crossover = Objects.requireNonNull(kind, "crossover");
            crossoverRate = probability("crossoverRate", rate);
            return this;
        }

        /**
         * Per-gene mutation probability (default 1 / number of genes) and the Gaussian step sigma (default 0.1,
         * in the [0, 1] encoding) for numeric genes.
         *
         * @param rate the probability per gene
         * @param sigma the standard deviation of the Gaussian step, in encoded units
         * @return this builder
         */
        public Builder mutation(double rate, double sigma) {
            mutationRate = probability("mutationRate", rate);
            if (!(sigma > 0) || Double.isInfinite(sigma))
                throw new IllegalArgumentException("GeneticAlgorithm: mutation sigma must be > 0, got " + sigma);
            mutationSigma = sigma;
            return this;
        }

        /**
         * Seed of the algorithm's draws.
         *
         * @param seed the seed of the first population, selection, crossover and mutation
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Builds the algorithm.
         *
         * @return the strategy
         */
        public GeneticAlgorithm build() {
            return new GeneticAlgorithm(this);
        }

        private static double probability(String name, double p) {
            if (!(p >= 0 && p <= 1))
                throw new IllegalArgumentException("GeneticAlgorithm: " + name + " must be in [0, 1], got " + p);
            return p;
        }
    }
}
