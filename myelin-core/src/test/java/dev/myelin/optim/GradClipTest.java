package dev.myelin.optim;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.myelin.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Clipping against torch.nn.utils.clip_grad_norm_ / clip_grad_value_ (torch 1.13 values pasted). */
class GradClipTest {
    Tensor a = Tensor.zeros(2).requiresGrad(true),
            b = Tensor.zeros(3).requiresGrad(true),
            noGrad = Tensor.zeros(1).requiresGrad(true);

    void setGrads() {
        a.setGrad(Tensor.fromArray(new float[] {3, -4}));
        b.setGrad(Tensor.fromArray(new float[] {1, 2, -2}));
    }

    @Test
    void twoNormScalesAllGradientsTogether() {
        setGrads();
        double norm = GradClip.clipGradNorm(List.of(a, b, noGrad), 1.0);
        // torch: total 5.830951690673828; a.grad [0.5144957, -0.6859943], b.grad [0.1714986, 0.3429971, -0.3429971]
        assertThat(norm).isCloseTo(Math.sqrt(34), within(1e-9));
        assertThat(a.grad().toArray()).containsExactly(new float[] {0.5144957f, -0.6859943f}, within(1e-6f));
        assertThat(b.grad().toArray())
                .containsExactly(new float[] {0.1714986f, 0.3429971f, -0.3429971f}, within(1e-6f));
        assertThat(noGrad.grad()).isNull();
    }

    @Test
    void infinityNormUsesTheLargestMagnitude() {
        setGrads();
        double norm = GradClip.clipGradNorm(List.of(a, b), 2.0, Double.POSITIVE_INFINITY);
        // torch: total 4.0; a.grad [1.4999996, -1.9999995], b.grad [0.4999999, 0.9999998, -0.9999998]
        assertThat(norm).isEqualTo(4.0);
        assertThat(a.grad().toArray()).containsExactly(new float[] {1.4999996f, -1.9999995f}, within(1e-6f));
        assertThat(b.grad().toArray())
                .containsExactly(new float[] {0.4999999f, 0.9999998f, -0.9999998f}, within(1e-6f));
    }

    @Test
    void normBelowTheLimitLeavesGradientsAlone() {
        setGrads();
        double norm = GradClip.clipGradNorm(List.of(a, b), 100.0, 1);
        assertThat(norm).isEqualTo(12.0); // torch: 12.0, grads unchanged
        assertThat(a.grad().toArray()).containsExactly(3, -4);
        assertThat(b.grad().toArray()).containsExactly(1, 2, -2);
    }

    @Test
    void clipValueClampsEachElement() {
        setGrads();
        GradClip.clipGradValue(List.of(a, b, noGrad), 1.5);
        assertThat(a.grad().toArray()).containsExactly(1.5f, -1.5f);
        assertThat(b.grad().toArray()).containsExactly(1, 1.5f, -1.5f);
    }

    @Test
    void badArgumentsAreRejected() {
        assertThatThrownBy(() -> GradClip.clipGradNorm(List.of(a), -1)).hasMessageContaining("maxNorm");
        assertThatThrownBy(() -> GradClip.clipGradNorm(List.of(a), 1, 0)).hasMessageContaining("normType");
        assertThatThrownBy(() -> GradClip.clipGradValue(List.of(a), Double.NaN)).hasMessageContaining("clipValue");
    }
}
