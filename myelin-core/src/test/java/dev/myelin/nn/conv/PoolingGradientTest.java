package dev.myelin.nn.conv;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.autograd.Autograd;
import dev.myelin.autograd.GradCheck;
import dev.myelin.autograd.NoGrad;
import dev.myelin.nn.Module;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * Finite-difference gradient checks of the pooling and image layers over their options, and of the gradients
 * built as graphs (createGraph), which a gradient penalty differentiates again.
 */
class PoolingGradientTest {

    private static void check(Function<Tensor[], Tensor> f, Tensor... inputs) {
        GradCheck.Result r = GradCheck.check(f, inputs);
        assertThat(r.ok()).as(r.message()).isTrue();
    }

    private static void checkModule(Module m, Tensor x) {
        List<Tensor> inputs = new ArrayList<>();
        inputs.add(x);
        inputs.addAll(m.parameters());
        check(t -> m.forward(t[0]), inputs.toArray(Tensor[]::new));
    }

    /** Distinct values at least 0.05 apart (a shuffled ramp), so no finite difference crosses a tie of a max. */
    private static Tensor distinct(Generator gen, int... shape) {
        Tensor t = Tensor.zeros(shape);
        int[] perm = gen.permutation(t.numel());
        float[] d = t.data();
        for (int i = 0; i < d.length; i++) d[i] = (perm[i] - d.length / 2f) * 0.05f;
        return t;
    }

    private static int[] p(int h, int w) {
        return new int[] {h, w};
    }

    @Test
    void maxPoolOverItsOptions() {
        Generator gen = new Generator(1);
        checkModule(new MaxPool2d(2), distinct(gen, 2, 3, 6, 8));
        checkModule(new MaxPool2d(2), distinct(gen, 1, 2, 7, 5)); // odd sizes drop the last row and column
        checkModule(new MaxPool2d(3, 2, 1), distinct(gen, 2, 2, 7, 6)); // overlapping windows and padding
        checkModule(
                new MaxPool2d(p(2, 2), p(1, 1), p(0, 0), p(2, 2), false, false), distinct(gen, 1, 2, 6, 7)); // dilation
        checkModule(
                new MaxPool2d(p(3, 3), p(2, 2), p(1, 1), p(1, 1), false, true), distinct(gen, 1, 2, 6, 9)); // ceil mode
        checkModule(
                new MaxPool2d(p(2, 3), p(1, 2), p(1, 0), p(1, 1), false, false),
                distinct(gen, 2, 2, 5, 7)); // rectangles
        checkModule(new MaxPool2d(2), distinct(gen, 3, 4, 6)); // unbatched
        MaxPool2d withIndices = new MaxPool2d(p(3, 3), p(2, 2), p(1, 1), p(1, 1), true, false);
        check(t -> withIndices.call(t[0]).get("output"), distinct(gen, 2, 2, 6, 5));
        check(t -> PoolF.adaptiveMaxPool2d(t[0], p(3, 2)), distinct(gen, 2, 2, 7, 5));
    }

    @Test
    void avgPoolOverItsOptions() {
        Generator gen = new Generator(2);
        checkModule(new AvgPool2d(2), Tensor.randn(gen, 2, 3, 6, 8));
        checkModule(new AvgPool2d(p(3, 3), p(2, 2), p(1, 1), false, true, null), Tensor.randn(gen, 2, 2, 7, 6));
        checkModule(new AvgPool2d(p(3, 3), p(2, 2), p(1, 1), false, false, null), Tensor.randn(gen, 2, 2, 7, 6));
        checkModule(new AvgPool2d(p(3, 3), p(2, 2), p(1, 1), true, true, null), Tensor.randn(gen, 1, 2, 6, 9));
        checkModule(new AvgPool2d(p(3, 3), p(2, 2), p(1, 1), true, false, null), Tensor.randn(gen, 1, 2, 6, 9));
        checkModule(new AvgPool2d(p(2, 3), p(1, 2), p(0, 0), false, true, 4), Tensor.randn(gen, 2, 2, 5, 7));
        checkModule(new AdaptiveAvgPool2d(p(3, 2)), Tensor.randn(gen, 2, 3, 7, 5));
        checkModule(new AdaptiveAvgPool2d(p(5, 4)), Tensor.randn(gen, 1, 2, 3, 3)); // overlapping windows when growing
        checkModule(new AdaptiveAvgPool2d(1), Tensor.randn(gen, 4, 5, 6)); // unbatched global average
    }

    @Test
    void upsampleBatchNormAndDropout() {
        Generator gen = new Generator(3);
        checkModule(new Upsample(2.0, Upsample.Mode.NEAREST), Tensor.randn(gen, 2, 2, 3, 4));
        checkModule(new Upsample(p(5, 7), null, Upsample.Mode.NEAREST, false), Tensor.randn(gen, 1, 2, 3, 4));
        checkModule(new Upsample(2.0, Upsample.Mode.BILINEAR), Tensor.randn(gen, 2, 2, 3, 4));
        checkModule(new Upsample(p(5, 3), null, Upsample.Mode.BILINEAR, true), Tensor.randn(gen, 1, 2, 4, 6));
        checkModule(new Upsample(null, 1.7, Upsample.Mode.BILINEAR, false), Tensor.randn(gen, 1, 1, 4, 5));

        BatchNorm2d bn = new BatchNorm2d(3);
        bn.parameter("weight").data()[1] = 1.7f;
        bn.parameter("bias").data()[2] = -0.4f;
        checkModule(bn, Tensor.randn(gen, 4, 3, 3, 2));
        checkModule(new BatchNorm2d(3, 1e-3, null, false, false), Tensor.randn(gen, 2, 3, 2, 2));
        bn.eval();
        checkModule(bn, Tensor.randn(gen, 2, 3, 3, 2));

        // the same seed each call, so every evaluation draws the same channel mask
        check(t -> ImageF.dropout2d(t[0], 0.4, true, new Generator(5)), Tensor.randn(gen, 3, 4, 2, 3));
    }

    /** The input gradient as a graph: differentiable in the output gradient, and equal to the plain backward's. */
    @Test
    void gradientsAsGraphsForGradientPenalties() {
        Generator gen = new Generator(4);
        List<Function<Tensor, Tensor>> layers = List.of(
                new MaxPool2d(2)::forward,
                new MaxPool2d(3, 2, 1)::forward,
                new AvgPool2d(p(3, 3), p(2, 2), p(1, 1), true, false, null)::forward,
                new AdaptiveAvgPool2d(p(3, 2))::forward,
                new AdaptiveMaxPool2d(p(3, 2))::forward,
                new Upsample(p(5, 3), null, Upsample.Mode.BILINEAR, false)::forward);
        for (Function<Tensor, Tensor> layer : layers) {
            Tensor x = distinct(gen, 2, 2, 7, 6);
            Tensor g0 = Tensor.randn(gen, layer.apply(x).shape());
            // d/dg of dx(g) = J^T g: checks the backward of the recorded backward (scatter-add, transposed average)
            check(
                    t -> {
                        try (var ignored = NoGrad.enable()) { // GradCheck evaluates f under NoGrad for its differences
                            Tensor xi = x.detach().requiresGrad(true);
                            return Autograd.grad(List.of(layer.apply(xi)), List.of(xi), List.of(t[0]), true)
                                    .get(0);
                        }
                    },
                    g0.copy());
            Tensor xa = x.detach().requiresGrad(true), xb = x.detach().requiresGrad(true);
            layer.apply(xa).backward(g0);
            Tensor graph = Autograd.grad(List.of(layer.apply(xb)), List.of(xb), List.of(g0), true)
                    .get(0);
            assertThat(graph.toArray()).containsExactly(xa.grad().toArray());
        }
        // batch norm: the kernel's backward equals the graph's, and the graph differentiates (a gradient penalty)
        Tensor w = Tensor.uniform(gen, 0.5f, 1.5f, 3),
                b = Tensor.randn(gen, 3),
                rm = Tensor.randn(gen, 3),
                rv = Tensor.uniform(gen, 0.5f, 2f, 3);
        for (boolean training : new boolean[] {true, false}) {
            Function<Tensor[], Tensor> bn = t -> dev.myelin.nn.F.batchNorm(
                    t[0], training ? null : rm, training ? null : rv, t[1], t[2], training, 0.1, 1e-5);
            Tensor x = Tensor.randn(gen, 4, 3, 3, 2), g0 = Tensor.randn(gen, 4, 3, 3, 2);
            Tensor[] plain = {
                x.detach().requiresGrad(true),
                w.detach().requiresGrad(true),
                b.detach().requiresGrad(true)
            };
            bn.apply(plain).backward(g0);
            Tensor[] graphed = {
                x.detach().requiresGrad(true),
                w.detach().requiresGrad(true),
                b.detach().requiresGrad(true)
            };
            List<Tensor> grads = Autograd.grad(List.of(bn.apply(graphed)), List.of(graphed), List.of(g0), true);
            for (int i = 0; i < 3; i++)
                dev.myelin.testing.Fixtures.assertClose(
                        "batch norm gradient " + i + " training=" + training,
                        grads.get(i),
                        plain[i].grad(),
                        1e-4,
                        1e-5);
            check(
                    t -> {
                        try (var ignored = NoGrad.enable()) {
                            Tensor gx = Autograd.grad(
                                            List.of(bn.apply(t).mul(g0).sum()), List.of(t[0]), null, true)
                                    .get(0);
                            return gx.mul(gx).sum();
                        }
                    },
                    x.copy(),
                    w.copy(),
                    b.copy());
        }
        // a second derivative through the transposed average: d/dx of ‖d avg(x²)/dx‖²
        check(
                t -> {
                    try (var ignored = NoGrad.enable()) {
                        Tensor gx = Autograd.grad(
                                        List.of(PoolF.avgPool2d(
                                                        t[0].mul(t[0]), p(2, 2), p(1, 1), p(1, 1), false, true, null)
                                                .sum()),
                                        List.of(t[0]),
                                        null,
                                        true)
                                .get(0);
                        return gx.mul(gx).sum();
                    }
                },
                Tensor.randn(gen, 1, 2, 4, 5));
    }
}
