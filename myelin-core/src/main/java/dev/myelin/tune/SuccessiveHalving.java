package dev.myelin.tune;

import dev.myelin.tensor.Generator;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Successive halving (Jamieson and Talwalkar, 2016): start {@code n} random configurations at a small budget
 * (e.g. epochs), keep the best 1/eta of them, multiply the budget by eta, and repeat until one configuration is
 * left or the next budget would exceed {@code maxBudget}. With n = 27, eta = 3 and minBudget = 1: 27 configs at
 * 1 epoch, 9 at 3, 3 at 9, 1 at 27. Each rung retrains from scratch with the larger budget (the objective reads
 * it from {@link TrialContext#budget()}).
 *
 * <p>Rung-synchronous: a rung's results are ranked by (loss, slot) once all are in, so the proposals depend only
 * on the seed and the scores.
 */
public final class SuccessiveHalving implements SearchStrategy {
    private final double eta, maxBudget;
    private List<Config> rung;
    private double budget;
    private double[] loss;
    private int next, told;
    private boolean done;

    /**
     * Halving until one configuration is left.
     *
     * @param space the space the configurations are drawn from
     * @param n configurations in the first rung, at least 1
     * @param minBudget the first rung's budget (e.g. epochs), positive
     * @param eta the factor of the halving, more than 1
     * @param seed the seed of the random configurations
     */
    public SuccessiveHalving(SearchSpace space, int n, double minBudget, double eta, long seed) {
        this(space, n, minBudget, eta, Double.MAX_VALUE, seed);
    }

    /**
     * Halving until one configuration is left or the next rung's budget would exceed {@code maxBudget}.
     *
     * @param space the space the configurations are drawn from
     * @param n configurations in the first rung, at least 1
     * @param minBudget the first rung's budget (e.g. epochs), positive
     * @param eta the factor of the halving, more than 1
     * @param maxBudget the largest budget a rung may have
     * @param seed the seed of the random configurations
     */
    public SuccessiveHalving(SearchSpace space, int n, double minBudget, double eta, double maxBudget, long seed) {
        if (n < 1) throw new IllegalArgumentException("SuccessiveHalving: n must be >= 1, got " + n);
        if (!(minBudget > 0) || Double.isInfinite(minBudget))
            throw new IllegalArgumentException("SuccessiveHalving: minBudget must be finite and > 0, got " + minBudget);
        if (!(eta > 1) || Double.isInfinite(eta))
            throw new IllegalArgumentException("SuccessiveHalving: eta must be > 1, got " + eta);
        if (!(maxBudget >= minBudget))
            throw new IllegalArgumentException(
                    "SuccessiveHalving: maxBudget (" + maxBudget + ") must be >= minBudget (" + minBudget + ")");
        this.eta = eta;
        this.maxBudget = maxBudget;
        Generator rng = new Generator(seed);
        List<Config> first = new ArrayList<>();
        for (int i = 0; i < n; i++) first.add(space.decode(space.randomPoint(rng)));
        startRung(first, minBudget);
    }

    private void startRung(List<Config> configs, double budget) {
        this.rung = configs;
        this.budget = budget;
        this.loss = new double[configs.size()];
        this.next = this.told = 0;
    }

    /** {@return the budget of the current rung} */
    public double budget() {
        return budget;
    }

    @Override
    public Optional<Proposal> ask() {
        if (done || next == rung.size()) return Optional.empty();
        int i = next++;
        return Optional.of(new Proposal(rung.get(i), budget, i));
    }

    @Override
    public void tell(Proposal proposal, double loss) {
        int i = proposal.slot();
        if (i < 0 || i >= next)
            throw new IllegalArgumentException("SuccessiveHalving: no outstanding configuration " + i);
        this.loss[i] = loss;
        if (++told < rung.size()) return;
        double nextBudget = budget * eta;
        if (rung.size() == 1 || nextBudget > maxBudget * (1 + 1e-12)) {
            done = true;
            return;
        }
        // Keep the best floor(size / eta) (at least one), ranked by loss, ties by slot.
        int keep = Math.max(1, (int) Math.floor(rung.size() / eta));
        Integer[] order = IntStream.range(0, rung.size()).boxed().toArray(Integer[]::new);
        Arrays.sort(
                order, Comparator.<Integer>comparingDouble(k -> this.loss[k]).thenComparingInt(k -> k));
        List<Config> survivors = new ArrayList<>();
        for (int k = 0; k < keep; k++) survivors.add(rung.get(order[k]));
        startRung(survivors, nextBudget);
    }

    @Override
    public boolean isDone() {
        return done;
    }
}
