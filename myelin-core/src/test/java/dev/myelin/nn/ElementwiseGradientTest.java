package dev.myelin.nn;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.autograd.GradCheck;
import dev.myelin.autograd.NoGrad;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.LinkedHashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The backward of every elementwise activation in {@link F} is differentiable: with grad mode on it
 * computes g·f'(x) through tensor ops, and that gradient function is checked by finite differences in
 * both g and x (so the second derivative is right), and against the raw-array path used under NoGrad.
 */
class ElementwiseGradientTest {

    private static Map<String, Elementwise> all() {
        Map<String, Elementwise> m = new LinkedHashMap<>();
        m.put("step", F.STEP);
        m.put("leaky_relu", F.leakyReluOf(0.2));
        m.put("elu", F.eluOf(0.7, 1));
        m.put("selu", F.SELU_FN);
        m.put("celu", F.celuOf(0.5));
        m.put("gelu", F.GELU_NONE);
        m.put("normal_cdf", F.NORMAL_CDF);
        m.put("gelu_tanh", F.GELU_TANH);
        m.put("silu", F.SILU);
        m.put("mish", F.MISH);
        m.put("hardswish", F.HARDSWISH);
        m.put("hardsigmoid", F.HARDSIGMOID);
        m.put("relu6", F.RELU6);
        m.put("log_sigmoid", F.LOG_SIGMOID);
        m.put("softsign", F.SOFTSIGN);
        m.put("softplus", F.softplusOf(1, 20));
        m.put("softplus_beta", F.softplusOf(2, 3));
        return m;
    }

    @Test
    void gradientFunctionPassesAFiniteDifferenceCheckInGAndX() {
        Generator gen = new Generator(21);
        for (var e : all().entrySet()) {
            Tensor x = LayerGradientTest.awayFromKinks(gen, 3, 5), g = Tensor.randn(gen, 3, 5);
            GradCheck.Result r = GradCheck.check(t -> e.getValue().gradient(t[0], t[1]), g, x);
            assertThat(r.ok()).as(e.getKey() + ": " + r.message()).isTrue();
        }
    }

    @Test
    void tensorOpPathEqualsRawArrayPath() {
        Generator gen = new Generator(22);
        for (var e : all().entrySet()) {
            Tensor x = LayerGradientTest.awayFromKinks(gen, 4, 6).requiresGrad(true), g = Tensor.randn(gen, 4, 6);
            Tensor raw;
            try (var ignored = NoGrad.enter()) {
                raw = e.getValue().gradient(g, x);
            }
            Tensor ops = e.getValue().gradient(g, x);
            assertThat(ops.allClose(raw, 1e-5f, 1e-6f)).as(e.getKey()).isTrue();
            if (!e.getKey().equals("step")
                    && !e.getKey().equals("leaky_relu")
                    && !e.getKey().equals("hardsigmoid")
                    && !e.getKey().equals("relu6"))
                assertThat(ops.requiresGrad())
                        .as(e.getKey() + ": the gradient records a graph")
                        .isTrue();
        }
    }

    @Test
    void gradientOfGradientFlowsIntoTheUpstreamGradientToo() {
        // d/dg of Σ g·f'(x) is f'(x): even piecewise-linear activations keep g in the graph
        Tensor x = Tensor.fromArray(new float[] {-4, -1, 0.5f, 2, 7});
        Tensor g = Tensor.ones(5).requiresGrad(true);
        F.RELU6.gradient(g, x).sum().backward();
        assertThat(g.grad().data()).containsExactly(0, 0, 1, 1, 0);
    }
}
