package dev.myelin.tune;

import java.util.Objects;

/**
 * A trial a {@link SearchStrategy} wants evaluated.
 *
 * @param config the hyperparameters
 * @param budget the resource to spend on it (e.g. epochs, for {@link SuccessiveHalving}); 0 = unspecified,
 *               the objective uses its own default (see {@link TrialContext#budgetOr(double)})
 * @param slot   the strategy's own label for the trial (a particle or population index); returned in
 *               {@link SearchStrategy#tell}
 */
public record Proposal(Config config, double budget, int slot) {
    /** Checks the configuration and the budget. */
    public Proposal {
        Objects.requireNonNull(config, "config");
        if (!(budget >= 0) || Double.isInfinite(budget))
            throw new IllegalArgumentException("budget must be finite and >= 0, got " + budget);
    }

    /**
     * A proposal without a budget (the objective's default applies).
     *
     * @param config the hyperparameters
     * @param slot the strategy's own label for the trial
     */
    public Proposal(Config config, int slot) {
        this(config, 0, slot);
    }
}
