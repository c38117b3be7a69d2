package dev.myelin.nn;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.myelin.tensor.Tensor;
import org.junit.jupiter.api.Test;

/**
 * Activation and normalization outputs against values computed once with torch 1.13 (CPU, float32)
 * for the same inputs; the Python that produced them is quoted next to each block.
 */
class ReferenceValuesTest {
    private static final float[] G = {-3, -1, -0.5f, 0, 0.7f, 2, 5};

    private static void assertValues(Tensor actual, double... expected) {
        float[] a = actual.data();
        assertThat(a).hasSize(expected.length);
        for (int i = 0; i < a.length; i++)
            assertThat((double) a[i])
                    .as("element " + i)
                    .isCloseTo(expected[i], within(2e-6 + 2e-6 * Math.abs(expected[i])));
    }

    @Test
    void activationsMatchTorch() {
        Tensor g = Tensor.fromArray(G);
        // g = torch.tensor([-3.0, -1.0, -0.5, 0.0, 0.7, 2.0, 5.0]); F.gelu(g), F.elu(g), ...
        assertValues(F.gelu(g), -0.00404987, -0.15865529, -0.15426879, 0.0, 0.53062546, 1.95449996, 4.99999857);
        assertValues(F.elu(g, 1), -0.95021296, -0.63212055, -0.39346933, 0.0, 0.69999999, 2.0, 5.0);
        assertValues(F.elu(g, 0.5), -0.47510648, -0.31606027, -0.19673467, 0.0, 0.69999999, 2.0, 5.0);
        assertValues(
                F.softplus(g, 1, 20),
                0.04858735,
                0.31326169,
                0.47407699,
                0.69314718,
                1.10318601,
                2.12692809,
                5.0067153);
        assertValues(F.softplus(g, 2, 3), 0.00123784, 0.063464, 0.15663084, 0.34657359, 0.81020874, 2.0, 5.0);
        assertValues(F.leakyRelu(g, 0.1), -0.30000001, -0.1, -0.05, 0.0, 0.69999999, 2.0, 5.0);
        assertValues(F.step(g), 0, 0, 0, 0, 1, 1, 1);
    }

    @Test
    void geluGradientMatchesTorch() {
        // gg = g.clone().requires_grad_(); F.gelu(gg).sum().backward(); gg.grad
        Tensor g = Tensor.fromArray(G).requiresGrad(true);
        F.gelu(g).sum().backward();
        assertValues(g.grad(), -0.01194561, -0.08331543, 0.13250491, 0.5, 0.97661412, 1.0852319, 1.00000715);
    }

    @Test
    void batchNorm1dTrainEvalAndRunningStatsMatchTorch() {
        // bn = nn.BatchNorm1d(3); weight = [1, 2, 0.5]; bias = [0, -1, 0.3]; one training step, then eval
        BatchNorm1d bn = new BatchNorm1d(3);
        System.arraycopy(new float[] {1, 2, 0.5f}, 0, bn.parameter("weight").data(), 0, 3);
        System.arraycopy(new float[] {0, -1, 0.3f}, 0, bn.parameter("bias").data(), 0, 3);
        Tensor x = Tensor.fromRows(new float[][] {{1, 2, 3}, {4, -1, 0}, {0.5f, 0.5f, 2}, {-2, 1, 1}});
        assertValues(
                bn.forward(x),
                0.05862099,
                1.54033041,
                0.97081769,
                1.46552444,
                -4.00220871,
                -0.37081769,
                -0.17586291,
                -1.23093903,
                0.52360594,
                -1.34828234,
                -0.30718255,
                0.07639411);
        assertValues(bn.buffer("running_mean"), 0.0875, 0.0625, 0.15000001);
        assertValues(bn.buffer("running_var"), 1.50625002, 1.05624998, 1.0666666);
        bn.eval();
        assertValues(
                bn.forward(x),
                0.74350327,
                2.77039003,
                1.67974401,
                3.18789768,
                -3.06763315,
                0.2273819,
                0.33610421,
                -0.14862156,
                1.19562328,
                -1.70089102,
                0.82438231,
                0.71150261);
        assertValues(bn.buffer("running_mean"), 0.0875, 0.0625, 0.15000001); // eval does not move them
    }

    /** x3 = torch.arange(12.0).reshape(2, 2, 3) ** 1.5 / 4. */
    private static Tensor x3() {
        return Tensor.arange(12).pow(1.5f).div(4).reshape(2, 2, 3);
    }

    @Test
    void batchNorm1dOnThreeDimInputMatchesTorch() {
        BatchNorm1d bn = new BatchNorm1d(2);
        assertValues(
                bn.forward(x3()),
                -1.10446298,
                -0.99341154,
                -0.79036206,
                -1.20391095,
                -0.97455305,
                -0.71439773,
                0.52765346,
                0.9522388,
                1.40834451,
                0.57966805,
                0.95781624,
                1.35537744);
        assertValues(bn.buffer("running_mean"), 0.24863768, 0.49784228);
        assertValues(bn.buffer("running_var"), 1.50815165, 2.02083707);
    }

    @Test
    void layerNormMatchesTorch() {
        // ln = nn.LayerNorm(4); weight = [1, 0.5, 2, -1]; bias = [0.1, 0.2, 0.3, 0.4]
        LayerNorm ln = new LayerNorm(4);
        System.arraycopy(new float[] {1, 0.5f, 2, -1}, 0, ln.parameter("weight").data(), 0, 4);
        System.arraycopy(
                new float[] {0.1f, 0.2f, 0.3f, 0.4f}, 0, ln.parameter("bias").data(), 0, 4);
        Tensor x = Tensor.fromRows(new float[][] {{1, -2, 0.5f, 3}, {0.2f, 0.1f, -1, 2}, {-0.5f, 1.5f, 2.5f, -3}});
        assertValues(
                ln.forward(x),
                0.31055838,
                -0.5369544,
                0.15962774,
                -0.93353653,
                -0.01621573,
                0.09540584,
                -2.16377378,
                -1.15729082,
                -0.19721884,
                0.5269407,
                2.55886292,
                1.88609409);
        // nn.LayerNorm([2, 3])(x3)
        assertValues(
                new LayerNorm(2, 3).forward(x3()),
                -1.19778442,
                -0.94298112,
                -0.47709188,
                0.1262123,
                0.84064198,
                1.651003,
                -1.40354109,
                -0.89059162,
                -0.33956194,
                0.24707831,
                0.86728525,
                1.51933181);
    }
}
