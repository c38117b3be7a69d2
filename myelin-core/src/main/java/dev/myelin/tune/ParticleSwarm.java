package dev.myelin.tune;

import dev.myelin.tensor.Generator;
import java.util.Optional;

/**
 * Particle swarm optimization (Kennedy and Eberhart, 1995) on the continuous encoding of the space (every
 * coordinate in [0, 1], log ranges in log space, integers floored and categoricals taken by argmax when
 * decoded; see {@link Dimension}).
 *
 * <p>Each particle i has a position x_i, a velocity v_i and remembers its best position p_i; g is the best
 * position of the whole swarm. After every particle of an iteration has been evaluated, each coordinate moves:
 * <pre>
 *   v_i &larr; w v_i + c1 r1 (p_i - x_i) + c2 r2 (g - x_i)      r1, r2 ~ U(0, 1) drawn per coordinate
 *   v_i &larr; clamp(v_i, -vMax, vMax)                         vMax = maxVelocity (a fraction of the range [0, 1])
 *   x_i &larr; x_i + v_i                                        a coordinate leaving [0, 1] stops at the wall (v = 0)
 * </pre>
 * w is the inertia, c1 the cognitive (own memory) and c2 the social (swarm memory) weight; the defaults are
 * Clerc's constriction values w = 0.7298, c1 = c2 = 1.49618. Positions and velocities start uniform in [0, 1]
 * and [-vMax, vMax].
 *
 * <p>Generation-synchronous: an iteration's {@code swarmSize} proposals are all asked before the swarm moves,
 * and the update visits particles in index order, so the proposals depend only on the seed and the scores.
 * A failed trial has loss +infinity and never becomes a best position.
 */
public final class ParticleSwarm implements SearchStrategy {
    private final SearchSpace space;
    private final int swarmSize;
    private final int iterations;
    private final double inertia, cognitive, social, maxVelocity;
    private final Generator rng;

    private final double[][] x, v, personalBest;
    private final double[] personalBestLoss, loss;
    private double[] globalBest;
    private double globalBestLoss = Double.POSITIVE_INFINITY;
    private int iteration, asked, told;

    private ParticleSwarm(Builder b) {
        this.space = b.space;
        this.swarmSize = b.swarmSize;
        this.iterations = b.iterations;
        this.inertia = b.inertia;
        this.cognitive = b.cognitive;
        this.social = b.social;
        this.maxVelocity = b.maxVelocity;
        this.rng = new Generator(b.seed);
        int dims = space.encodedSize();
        x = new double[swarmSize][];
        v = new double[swarmSize][dims];
        personalBest = new double[swarmSize][];
        personalBestLoss = new double[swarmSize];
        loss = new double[swarmSize];
        for (int i = 0; i < swarmSize; i++) {
            x[i] = space.randomPoint(rng);
            for (int d = 0; d < dims; d++) v[i][d] = (2 * rng.nextDouble() - 1) * maxVelocity;
            personalBest[i] = x[i].clone();
            personalBestLoss[i] = Double.POSITIVE_INFINITY;
        }
    }

    /**
     * A builder of a swarm over {@code space}.
     *
     * @param space the space to search
     * @return a builder with the default swarm settings
     */
    public static Builder builder(SearchSpace space) {
        return new Builder(space);
    }

    @Override
    public Optional<Proposal> ask() {
        if (isDone() || asked == swarmSize) return Optional.empty();
        int i = asked++;
        return Optional.of(new Proposal(space.decode(x[i]), i));
    }

    @Override
    public void tell(Proposal proposal, double loss) {
        int i = proposal.slot();
        if (i < 0 || i >= asked) throw new IllegalArgumentException("ParticleSwarm: no outstanding particle " + i);
        this.loss[i] = loss;
        if (++told < swarmSize) return;
        move();
        iteration++;
        asked = told = 0;
    }

    /** Updates the memories, then moves every particle (the formulas in the class comment). */
    private void move() {
        for (int i = 0; i < swarmSize; i++) {
            if (loss[i] < personalBestLoss[i]) {
                personalBestLoss[i] = loss[i];
                personalBest[i] = x[i].clone();
            }
            if (personalBestLoss[i] < globalBestLoss) {
                globalBestLoss = personalBestLoss[i];
                globalBest = personalBest[i].clone();
            }
        }
        if (globalBest == null) globalBest = personalBest[0]; // every trial failed so far: follow particle 0
        for (int i = 0; i < swarmSize; i++) {
            for (int d = 0; d < x[i].length; d++) {
                double r1 = rng.nextDouble(), r2 = rng.nextDouble();
                double vel = inertia * v[i][d]
                        + cognitive * r1 * (personalBest[i][d] - x[i][d])
                        + social * r2 * (globalBest[d] - x[i][d]);
                vel = Math.max(-maxVelocity, Math.min(maxVelocity, vel));
                double pos = x[i][d] + vel;
                if (pos < 0 || pos > 1) {
                    pos = Dimension.clamp01(pos);
                    vel = 0;
                }
                x[i][d] = pos;
                v[i][d] = vel;
            }
        }
    }

    @Override
    public boolean isDone() {
        return iteration >= iterations;
    }

    /** {@return the best configuration found so far, or null before the first iteration completed} */
    public Config bestConfig() {
        return globalBestLoss < Double.POSITIVE_INFINITY ? space.decode(globalBest) : null;
    }

    /** Settings with the usual defaults: 20 particles, unlimited iterations, Clerc's constriction weights. */
    public static final class Builder {
        private final SearchSpace space;
        private int swarmSize = 20;
        private int iterations = Integer.MAX_VALUE;
        private double inertia = 0.7298, cognitive = 1.49618, social = 1.49618, maxVelocity = 0.2;
        private long seed;

        private Builder(SearchSpace space) {
            this.space = java.util.Objects.requireNonNull(space, "space");
        }

        /**
         * Particles per generation.
         *
         * @param n particles, at least 2
         * @return this builder
         */
        public Builder swarmSize(int n) {
            if (n < 1) throw new IllegalArgumentException("ParticleSwarm: swarmSize must be >= 1, got " + n);
            swarmSize = n;
            return this;
        }

        /**
         * Number of swarm moves; the search evaluates swarmSize x iterations trials.
         *
         * @param n at least 1
         * @return this builder
         */
        public Builder iterations(int n) {
            if (n < 1) throw new IllegalArgumentException("ParticleSwarm: iterations must be >= 1, got " + n);
            iterations = n;
            return this;
        }

        /**
         * w, the weight of the previous velocity.
         *
         * @param w the inertia weight
         * @return this builder
         */
        public Builder inertia(double w) {
            inertia = checkNonNegative("inertia", w);
            return this;
        }

        /**
         * c1, the pull towards the particle's own best position.
         *
         * @param c1 the cognitive coefficient
         * @return this builder
         */
        public Builder cognitive(double c1) {
            cognitive = checkNonNegative("cognitive", c1);
            return this;
        }

        /**
         * c2, the pull towards the swarm's best position.
         *
         * @param c2 the social coefficient
         * @return this builder
         */
        public Builder social(double c2) {
            social = checkNonNegative("social", c2);
            return this;
        }

        /**
         * Velocity limit per coordinate as a fraction of the coordinate's range, in (0, 1].
         *
         * @param fraction in (0, 1]
         * @return this builder
         */
        public Builder maxVelocity(double fraction) {
            if (!(fraction > 0 && fraction <= 1))
                throw new IllegalArgumentException("ParticleSwarm: maxVelocity must be in (0, 1], got " + fraction);
            maxVelocity = fraction;
            return this;
        }

        /**
         * Seed of the swarm's draws.
         *
         * @param seed the seed of the initial positions and the random pulls
         * @return this builder
         */
        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        /**
         * Builds the swarm.
         *
         * @return the strategy
         */
        public ParticleSwarm build() {
            return new ParticleSwarm(this);
        }

        private static double checkNonNegative(String name, double value) {
            if (!(value >= 0) || Double.isInfinite(value))
                throw new IllegalArgumentException("ParticleSwarm: " + name + " must be finite and >= 0, got " + value);
            return value;
        }
    }
}
