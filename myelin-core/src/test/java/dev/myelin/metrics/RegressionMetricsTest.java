package dev.myelin.metrics;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.myelin.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Against scikit-learn 1.2.1 mean_squared_error, mean_absolute_error, r2_score (values pasted). */
class RegressionMetricsTest {
    static final float[] Y = {3f, -0.5f, 2f, 7f}, P = {2.5f, 0f, 2f, 8f};

    @Test
    void oneOutput() {
        assertThat(RegressionMetrics.mse(Y, P)).isCloseTo(0.375, within(1e-12));
        assertThat(RegressionMetrics.mae(Y, P)).isCloseTo(0.5, within(1e-12));
        assertThat(RegressionMetrics.r2(Y, P)).isCloseTo(0.9486081370449679, within(1e-12));
        assertThat(RegressionMetrics.r2(Tensor.fromArray(Y), Tensor.fromArray(P)))
                .isCloseTo(0.9486081370449679, within(1e-12));
    }

    @Test
    void constantTargetsFollowForceFinite() {
        // sklearn: r2_score([1,1,1],[1,1,1]) = 1.0, r2_score([1,1,1],[1,2,1]) = 0.0
        assertThat(RegressionMetrics.r2(new float[] {1, 1, 1}, new float[] {1, 1, 1}))
                .isEqualTo(1.0);
        assertThat(RegressionMetrics.r2(new float[] {1, 1, 1}, new float[] {1, 2, 1}))
                .isEqualTo(0.0);
    }

    @Test
    void multiOutputIsUniformlyAveraged() {
        Tensor y = Tensor.fromRows(new float[][] {{0.5f, 1}, {-1, 1}, {7, -6}}),
                p = Tensor.fromRows(new float[][] {{0, 2}, {-1, 2}, {8, -5}});
        assertThat(RegressionMetrics.mse(y, p)).isCloseTo(0.7083333333333334, within(1e-12));
        assertThat(RegressionMetrics.mae(y, p)).isCloseTo(0.75, within(1e-12));
        assertThat(RegressionMetrics.r2(y, p)).isCloseTo(0.9368005266622779, within(1e-12));
    }

    @Test
    void badInputsAreRejected() {
        assertThatThrownBy(() -> RegressionMetrics.mse(new float[] {1}, new float[] {1, 2}))
                .hasMessageContaining("yTrue has 1");
        assertThatThrownBy(() -> RegressionMetrics.r2(Tensor.zeros(3), Tensor.zeros(3, 1)))
                .hasMessageContaining("shape");
        assertThatThrownBy(() -> RegressionMetrics.mae(new float[0], new float[0]))
                .hasMessageContaining("empty");
    }
}
