package dev.myelin.autograd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import com.fasterxml.jackson.databind.JsonNode;
import dev.myelin.nn.F;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import dev.myelin.testing.Fixtures;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

/** Gradients of gradients (createGraph, Autograd.grad) against PyTorch, and user-defined Functions. */
class HigherOrderAndFunctionTest {

    private static void assertClose(Tensor actual, JsonNode expected, String what) {
        Tensor e = Fixtures.tensor(expected);
        float[] a = actual == null ? new float[e.numel()] : actual.toArray(), x = e.data();
        if (actual != null) assertThat(actual.shape()).as(what).containsExactly(e.shape());
        for (int i = 0; i < x.length; i++)
            assertThat((double) a[i]).as(what + "[" + i + "]").isCloseTo(x[i], within(1e-5 + 1e-5 * Math.abs(x[i])));
    }

    /** D(x) = W2·act(W1·x + b1) + b2; the penalty mean_i (‖∂D/∂x_i‖ − 1)², through Autograd.grad or backward(createGraph). */
    private static void checkPenalty(String act, UnaryOperator<Tensor> activation, boolean viaBackward) {
        JsonNode f = Fixtures.load("gradient_penalty");
        Tensor x = Fixtures.tensor(f.get("x")).requiresGrad(true);
        Tensor w1 = Fixtures.tensor(f.get("w1")).requiresGrad(true),
                b1 = Fixtures.tensor(f.get("b1")).requiresGrad(true);
        Tensor w2 = Fixtures.tensor(f.get("w2")).requiresGrad(true),
                b2 = Fixtures.tensor(f.get("b2")).requiresGrad(true);
        Tensor d = F.linear(activation.apply(F.linear(x, w1, b1)), w2, b2);
        JsonNode ref = f.get(act);
        assertClose(d, ref.get("d"), act + " D(x)");
        Tensor gx;
        if (viaBackward) {
            d.backward(Tensor.ones(d.shape()), true);
            gx = x.grad();
            for (Tensor w : List.of(w1, b1, w2, b2)) w.zeroGrad(); // drop the first-order gradients
        } else {
            gx = Autograd.grad(List.of(d), List.of(x), List.of(Tensor.ones(d.shape())), true)
                    .get(0);
            assertThat(w1.grad()).as("Autograd.grad leaves .grad alone").isNull();
        }
        assertClose(gx, ref.get("grad_x"), act + " dD/dx");
        Tensor penalty = gx.square().sum(1).sqrt().sub(1f).square().mean();
        assertClose(penalty, ref.get("penalty"), act + " penalty");
        penalty.backward();
        assertClose(w1.grad(), ref.get("grad_w1"), act + " dP/dW1");
        assertClose(b1.grad(), ref.get("grad_b1"), act + " dP/db1");
        assertClose(w2.grad(), ref.get("grad_w2"), act + " dP/dW2");
        assertThat(ref.get("grad_b2_is_none").asBoolean()).isTrue();
        assertThat(b2.grad())
                .as("b2 does not move dD/dx, so it gets no gradient (None in PyTorch)")
                .isNull();
    }

    @Test
    void gradientPenaltyMatchesPyTorchThroughAutogradGrad() {
        checkPenalty("tanh", Tensor::tanh, false);
        checkPenalty("relu", Tensor::relu, false);
    }

    @Test
    void gradientPenaltyMatchesPyTorchThroughBackwardWithCreateGraph() {
        checkPenalty("tanh", Tensor::tanh, true);
        checkPenalty("relu", Tensor::relu, true);
    }

    @Test
    void secondDerivativesOfElementwiseOpsMatchFiniteDifferences() {
        // d/dx of (d/dx f) for f built from several ops, checked by GradCheck on the first derivative
        Tensor x0 = Tensor.fromArray(new float[] {-1.3f, -0.4f, 0.2f, 0.9f, 1.7f});
        // GradCheck's finite differences run under NoGrad; the first derivative needs grad mode, hence enable()
        GradCheck.Result r = GradCheck.check(
                in -> {
                    try (var on = NoGrad.enable()) {
                        Tensor x = in[0];
                        Tensor y = x.tanh()
                                .mul(x.sigmoid())
                                .add(x.exp().mul(0.1f))
                                .add(x.square().sin())
                                .div(x.mul(x).add(2f))
                                .sum();
                        return Autograd.grad(List.of(y), List.of(x), null, true).get(0);
                    }
                },
                x0);
        assertThat(r.ok()).as(r.message()).isTrue();
        Tensor m0 = Tensor.randn(new Generator(5), 3, 4);
        GradCheck.Result rm = GradCheck.check(
                in -> {
                    try (var on = NoGrad.enable()) {
                        Tensor m = in[0];
                        Tensor y = m.matmul(m.t())
                                .softmax(-1)
                                .log()
                                .mul(m.select(1, 0).unsqueeze(1))
                                .sum()
                                .add(m.max(1, false).values().sum());
                        return Autograd.grad(List.of(y), List.of(m), null, true).get(0);
                    }
                },
                m0);
        assertThat(rm.ok()).as(rm.message()).isTrue();
    }

    @Test
    void autogradGradChecksItsArguments() {
        Tensor x = Tensor.fromArray(new float[] {1, 2}).requiresGrad(true),
                unused = Tensor.ones(2).requiresGrad(true);
        Tensor y = x.square().sum();
        assertThatThrownBy(() -> Autograd.grad(List.of(y), List.of(unused), null, false))
                .hasMessageContaining("not used");
        assertThatThrownBy(() -> Autograd.grad(List.of(x.mul(2f)), List.of(x), null, false))
                .hasMessageContaining("scalar outputs");
        assertThat(Autograd.grad(y, x, false).toArray()).containsExactly(2, 4);
    }

    /** Identity forward; backward clips the gradient to [-1, 1] (a straight-through estimator with clipping). */
    static final class ClippedIdentity extends Function {
        @Override
        protected Tensor forward(FunctionContext ctx, Tensor... inputs) {
            return inputs[0].copy();
        }

        @Override
        protected Tensor[] backward(FunctionContext ctx, Tensor g) {
            return new Tensor[] {g.clamp(-1, 1)};
        }
    }

    /** x·w with saved inputs, as a user would write a fused op. */
    static final class ScaledProduct extends Function {
        @Override
        protected Tensor forward(FunctionContext ctx, Tensor... in) {
            ctx.saveForBackward(in[0], in[1]);
            ctx.put("scale", 3f);
            return in[0].mul(in[1]).mul(3f);
        }

        @Override
        protected Tensor[] backward(FunctionContext ctx, Tensor g) {
            Tensor[] s = ctx.savedTensors();
            float scale = ctx.get("scale");
            return new Tensor[] {
                ctx.needsInputGrad(0) ? g.mul(s[1]).mul(scale) : null,
                ctx.needsInputGrad(1) ? g.mul(s[0]).mul(scale) : null
            };
        }
    }

    @Test
    void aUserFunctionPassesAGradientCheckAndCanClip() {
        Tensor a = Tensor.randn(new Generator(8), 3, 4), b = Tensor.randn(new Generator(9), 3, 4);
        GradCheck.Result r =
                GradCheck.check(in -> new ScaledProduct().apply(in[0], in[1]).tanh(), a, b);
        assertThat(r.ok()).as(r.message()).isTrue();
        Tensor x = Tensor.fromArray(new float[] {1, 2, 3}).requiresGrad(true);
        Tensor y = new ClippedIdentity().apply(x);
        assertThat(y.gradFn().op()).isEqualTo("ClippedIdentityBackward");
        y.backward(Tensor.fromArray(new float[] {-5, 0.5f, 2}));
        assertThat(x.grad().toArray()).containsExactly(-1, 0.5f, 1);
    }

    @Test
    void aUserFunctionsSavedTensorsAreVersionChecked() {
        Tensor a = Tensor.fromArray(new float[] {1, 2}).requiresGrad(true), b = Tensor.fromArray(new float[] {3, 4});
        Tensor y = new ScaledProduct().apply(a, b).sum();
        try (var ignored = NoGrad.enter()) {
            b.mul_(2f);
        }
        assertThatThrownBy(y::backward)
                .hasMessageContaining("ScaledProductBackward")
                .hasMessageContaining("inplace");
    }
}
