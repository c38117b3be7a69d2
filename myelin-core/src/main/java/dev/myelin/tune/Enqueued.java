package dev.myelin.tune;

import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Evaluates some fixed configurations first (e.g. the current defaults, as a baseline to beat), then whatever
 * another strategy proposes, as Optuna's {@code enqueue_trial}. The fixed trials get the budget given here; their
 * results are not told to the other strategy (its proposals stay those of a search without them). Repeatable
 * and resumable like the strategy it wraps.
 */
public final class Enqueued implements SearchStrategy {
    private final List<Config> first;
    private final double budget;
    private final SearchStrategy then;
    private int next;

    /**
     * Proposes {@code first}, then whatever {@code then} proposes.
     *
     * @param first configurations to evaluate first, in order
     * @param budget their budget (0 = the objective's default)
     * @param then the strategy that proposes the rest
     */
    public Enqueued(List<Config> first, double budget, SearchStrategy then) {
        this.first = List.copyOf(first);
        this.then = Objects.requireNonNull(then, "then");
        if (!(budget >= 0) || Double.isInfinite(budget))
            throw new IllegalArgumentException("Enqueued: budget must be finite and >= 0, got " + budget);
        this.budget = budget;
    }

    @Override
    public Optional<Proposal> ask() {
        if (next < first.size()) {
            int i = next++;
            return Optional.of(new Proposal(first.get(i), budget, -1 - i)); // negative slots: ours, not the strategy's
        }
        return then.ask();
    }

    @Override
    public void tell(Proposal proposal, double loss) {
        if (proposal.slot() < 0) return; // a fixed trial (the built-in strategies use slots >= 0)
        then.tell(proposal, loss);
    }

    @Override
    public boolean isDone() {
        return next >= first.size() && then.isDone();
    }
}
