package dev.myelin.loss;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.autograd.GradCheck;
import dev.myelin.autograd.NoGrad;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The losses with a hand-written backward (BCELoss, reduced MSELoss) compute their gradients with tensor
 * ops when grad mode is on, so the gradients are differentiable: those gradient functions pass a
 * finite-difference check and agree with the raw-array path; running the recorded backward with grad mode
 * on gives the same gradients as the normal backward. (The other losses are composites of tensor ops.)
 */
class LossHigherOrderTest {

    private static void check(Function<Tensor[], Tensor> f, Tensor... inputs) {
        GradCheck.Result r = GradCheck.check(f, inputs);
        assertThat(r.ok()).as(r.message()).isTrue();
    }

    private static void assertPathsAgree(Function<Tensor[], Tensor> f, Tensor... inputs) {
        Tensor raw;
        try (var ignored = NoGrad.enter()) {
            raw = f.apply(inputs);
        }
        Tensor ops = f.apply(inputs);
        assertThat(ops.allClose(raw, 1e-5f, 1e-6f))
                .as("tensor-op path " + ops + " vs raw path " + raw)
                .isTrue();
    }

    @Test
    void bceGradientFunctionsAreDifferentiable() {
        Generator gen = new Generator(31);
        Tensor g = Tensor.randn(gen, 3, 4),
                x = Tensor.uniform(gen, 0.05f, 0.95f, 3, 4),
                t = Tensor.uniform(gen, 0, 1, 3, 4);
        check(in -> BCELoss.inputGradient(in[0], in[1], in[2]), g, x, t);
        check(in -> BCELoss.targetGradient(in[0], in[1]), g, x);
        assertPathsAgree(in -> BCELoss.inputGradient(in[0], in[1], in[2]), g, x, t);
        assertPathsAgree(in -> BCELoss.targetGradient(in[0], in[1]), g, x);
    }

    @Test
    void mseGradientFunctionIsDifferentiable() {
        Generator gen = new Generator(32);
        Tensor g = Tensor.scalar(0.7f), x = Tensor.randn(gen, 3, 4), t = Tensor.randn(gen, 3, 4);
        check(in -> MSELoss.inputGradient(in[0], in[1], in[2], 1f / 12), g, x, t);
        assertPathsAgree(in -> MSELoss.inputGradient(in[0], in[1], in[2], 1f / 12), g, x, t);
    }

    @Test
    void recordedBackwardWithGradModeOnGivesTheSameGradients() {
        Generator gen = new Generator(33);
        Tensor x = Tensor.uniform(gen, 0.05f, 0.95f, 2, 3), t = Tensor.uniform(gen, 0, 1, 2, 3);
        for (Loss loss :
                new Loss[] {new BCELoss(Reduction.NONE), new MSELoss(Reduction.SUM), new MSELoss(Reduction.MEAN)}) {
            Tensor xFast = x.copy().requiresGrad(true), tFast = t.copy().requiresGrad(true);
            Tensor xGraph = x.copy().requiresGrad(true), tGraph = t.copy().requiresGrad(true);
            Tensor yFast = loss.forward(xFast, tFast), yGraph = loss.forward(xGraph, tGraph);
            Tensor g = Tensor.randn(gen, yFast.shape());
            try (var ignored = NoGrad.enter()) {
                yFast.gradFn().backward().apply(g); // the normal backward: raw arrays
            }
            yGraph.gradFn().backward().apply(g); // grad mode on, as backward(createGraph=true) will run it
            assertThat(xGraph.grad().allClose(xFast.grad(), 1e-5f, 1e-6f))
                    .as(loss + " input gradient")
                    .isTrue();
            assertThat(tGraph.grad().allClose(tFast.grad(), 1e-5f, 1e-6f))
                    .as(loss + " target gradient")
                    .isTrue();
        }
    }
}
