package dev.myelin.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import org.junit.jupiter.api.Test;

/** Gains and fans as torch.nn.init, and the spread of each initializer. */
class InitTest {

    @Test
    void gainsMatchCalculateGain() {
        // torch.nn.init.calculate_gain(...) for each nonlinearity
        assertThat(Init.calculateGain("linear")).isEqualTo(1);
        assertThat(Init.calculateGain("sigmoid")).isEqualTo(1);
        assertThat(Init.calculateGain("tanh")).isCloseTo(5.0 / 3, within(1e-12));
        assertThat(Init.calculateGain("relu")).isCloseTo(1.4142135623730951, within(1e-12));
        assertThat(Init.calculateGain("leaky_relu")).isCloseTo(1.4141428569978354, within(1e-12));
        assertThat(Init.calculateGain("leaky_relu", Math.sqrt(5))).isCloseTo(0.5773502691896257, within(1e-12));
        assertThat(Init.calculateGain("selu")).isEqualTo(0.75);
        assertThatThrownBy(() -> Init.calculateGain("swish"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("swish");
    }

    @Test
    void fansFollowPyTorch() {
        assertThat(Init.fans(Tensor.zeros(32, 10))).containsExactly(10, 32);
        assertThat(Init.fans(Tensor.zeros(8, 3, 5, 5))).containsExactly(75, 200);
        assertThatThrownBy(() -> Init.fans(Tensor.zeros(4))).isInstanceOf(IllegalArgumentException.class);
    }

    private static double std(Tensor t) {
        double s = 0, ss = 0;
        for (float v : t.data()) {
            s += v;
            ss += v * v;
        }
        double m = s / t.numel();
        return Math.sqrt(ss / t.numel() - m * m);
    }

    private static double maxAbs(Tensor t) {
        double m = 0;
        for (float v : t.data()) m = Math.max(m, Math.abs(v));
        return m;
    }

    @Test
    void spreadsMatchTheirFormulas() {
        Generator gen = new Generator(1);
        Tensor w = Tensor.zeros(200, 100);
        double xavierBound = Math.sqrt(6.0 / 300);
        Init.xavierUniform(w, 1, gen);
        assertThat(maxAbs(w)).isLessThanOrEqualTo(xavierBound).isGreaterThan(0.99 * xavierBound);
        Init.xavierNormal(w, 2, gen);
        assertThat(std(w)).isCloseTo(2 * Math.sqrt(2.0 / 300), within(0.003));
        Init.kaimingNormal(w, 0, Init.Mode.FAN_IN, "relu", gen);
        assertThat(std(w)).isCloseTo(Math.sqrt(2.0 / 100), within(0.003));
        Init.kaimingUniform(w, 0, Init.Mode.FAN_OUT, "relu", gen);
        assertThat(maxAbs(w)).isLessThanOrEqualTo(Math.sqrt(6.0 / 200)).isGreaterThan(0.99 * Math.sqrt(6.0 / 200));
        Init.normal(w, 3, 0.5, gen);
        assertThat(std(w)).isCloseTo(0.5, within(0.01));
        Init.uniform(w, 2, 4, gen);
        for (float v : w.data()) assertThat(v).isBetween(2f, 4f);
        Init.constant(w, 0.25);
        assertThat(w.data()).containsOnly(0.25f);
        Init.zeros(w);
        assertThat(w.data()).containsOnly(0f);
    }

    @Test
    void sameSeedSameValues() {
        Tensor a =
                Init.kaimingUniform(Tensor.zeros(5, 4), Math.sqrt(5), Init.Mode.FAN_IN, "leaky_relu", new Generator(7));
        Tensor b =
                Init.kaimingUniform(Tensor.zeros(5, 4), Math.sqrt(5), Init.Mode.FAN_IN, "leaky_relu", new Generator(7));
        assertThat(a.data()).containsExactly(b.data());
    }

    @Test
    void activationNamesResolve() {
        assertThat(Activation.fromName("logistic")).isEqualTo(Activation.SIGMOID);
        assertThat(Activation.fromName("Leaky-ReLU")).isEqualTo(Activation.LEAKY_RELU);
        assertThat(Activation.fromName("linear").module()).isInstanceOf(Identity.class);
        assertThat(Activation.fromName("relu")
                        .apply(Tensor.fromArray(new float[] {-1, 2}))
                        .data())
                .containsExactly(0, 2);
        assertThat(Activation.fromName("SiLU")).isEqualTo(Activation.SILU);
        assertThat(Activation.fromName("gelu-tanh").module().toString()).isEqualTo("GELU(approximate='tanh')");
        assertThatThrownBy(() -> Activation.fromName("swish"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("swish")
                .hasMessageContaining("relu");
    }
}
