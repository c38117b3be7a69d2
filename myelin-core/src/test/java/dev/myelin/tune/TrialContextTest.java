package dev.myelin.tune;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TrialContextTest {
    @Test
    void detachedContextCarriesTheTunersValuesAndNeverPrunes() {
        TrialContext ctx = TrialContext.detached(3, Tuner.trialSeed(7, 3), 2.0, 1, Direction.MAXIMIZE);
        assertThat(ctx.number()).isEqualTo(3);
        assertThat(ctx.seed()).isEqualTo(Tuner.trialSeed(7, 3));
        assertThat(ctx.budgetOr(5)).isEqualTo(2.0);
        assertThat(ctx.threads()).isEqualTo(1);
        ctx.report(0, 0.1);
        assertThat(ctx.shouldStop()).isFalse();
        assertThat(ctx.reports()).hasSize(1);
    }

    @Test
    void detachedContextRejectsBadValues() {
        assertThatThrownBy(() -> TrialContext.detached(0, 1, 0, 0, Direction.MINIMIZE))
                .hasMessageContaining("threads must be >= 1, got 0");
        assertThatThrownBy(() -> TrialContext.detached(0, 1, -1, 1, Direction.MINIMIZE))
                .hasMessageContaining("budget must be >= 0, got -1");
    }
}
