package dev.myelin.kernel;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.autograd.Autograd;
import dev.myelin.autograd.GradCheck;
import dev.myelin.autograd.NoGrad;
import dev.myelin.nn.F;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The fused layer norm against the same formula as tensor ops (values and gradients, rows with a vector tail, a
 * large mean against a small spread, no affine), the same bits for every thread count, finite-difference gradient
 * checks and second derivatives through the createGraph backward.
 */
class LayerNormKernelTest {
    private static final Generator GEN = new Generator(21);

    /** The composite formula: (x − mean)/√(var + eps)·w + b over the last dim. */
    private static Tensor reference(Tensor x, Tensor w, Tensor b, double eps) {
        Tensor y = x.sub(x.mean(-1, true))
                .div(x.var(new int[] {x.dim() - 1}, 0, true).add((float) eps).sqrt());
        if (w != null) y = y.mul(w);
        return b == null ? y : y.add(b);
    }

    private static void compare(int rows, int cols, float scale, float offset, boolean affine) {
        Tensor x = Tensor.randn(GEN, rows, cols).mul(scale).add(offset);
        Tensor w = affine ? Tensor.randn(GEN, cols) : null,
                b = affine ? Tensor.randn(GEN, cols) : null,
                g = Tensor.randn(GEN, rows, cols);
        Tensor[] fused = {
            x.copy().requiresGrad(true),
            affine ? w.copy().requiresGrad(true) : null,
            affine ? b.copy().requiresGrad(true) : null
        };
        Tensor[] comp = {
            x.copy().requiresGrad(true),
            affine ? w.copy().requiresGrad(true) : null,
            affine ? b.copy().requiresGrad(true) : null
        };
        Tensor yf = F.layerNorm(fused[0], new int[] {cols}, fused[1], fused[2], 1e-5);
        Tensor yc = reference(comp[0], comp[1], comp[2], 1e-5);
        yf.backward(g);
        yc.backward(g);
        assertThat(yf.allClose(yc, 1e-4f, 1e-4f)).as("output %dx%d", rows, cols).isTrue();
        for (int i = 0; i < 3; i++)
            if (fused[i] != null)
                assertThat(fused[i].grad().allClose(comp[i].grad(), 1e-3f, 1e-4f))
                        .as("grad %d of %dx%d", i, rows, cols)
                        .isTrue();
    }

    @Test
    void matchesTheCompositeFormula() {
        compare(5, 7, 1, 0, true); // narrower than a vector
        compare(70, 37, 2, 1, true); // vectors and a tail, several blocks
        compare(3, 64, 0.5f, 100, true); // a mean 200 spreads away from 0 (float keeps 1e-5 of the spread)
        compare(9, 20, 1, 0, false);
    }

    @Test
    void sameBitsForEveryThreadCount() {
        Tensor x = Tensor.randn(GEN, 300, 48),
                w = Tensor.randn(GEN, 48),
                b = Tensor.randn(GEN, 48),
                g = Tensor.randn(GEN, 300, 48);
        int before = Parallel.threads();
        float[][] runs = new float[2][];
        try {
            for (int r = 0; r < 2; r++) {
                Parallel.setThreads(r == 0 ? 1 : 3);
                Tensor xr = x.copy().requiresGrad(true),
                        wr = w.copy().requiresGrad(true),
                        br = b.copy().requiresGrad(true);
                Tensor y = F.layerNorm(xr, new int[] {48}, wr, br, 1e-5);
                y.backward(g);
                runs[r] = Tensor.cat(List.of(y.reshape(-1), xr.grad().reshape(-1), wr.grad(), br.grad()), 0)
                        .toArray();
            }
        } finally {
            Parallel.setThreads(before);
        }
        assertThat(runs[1]).containsExactly(runs[0]);
    }

    @Test
    void gradientChecks() {
        GradCheck.Result r = GradCheck.check(
                t -> F.layerNorm(t[0], new int[] {3, 5}, t[1], t[2], 1e-5),
                Tensor.randn(GEN, 2, 3, 5),
                Tensor.randn(GEN, 3, 5),
                Tensor.randn(GEN, 3, 5));
        assertThat(r.ok()).as(r.message()).isTrue();
        r = GradCheck.check(t -> F.layerNorm(t[0], new int[] {19}, null, null, 1e-5), Tensor.randn(GEN, 4, 19));
        assertThat(r.ok()).as(r.message()).isTrue();
    }

    @Test
    void secondDerivatives() {
        Tensor w = Tensor.randn(GEN, 6), u = Tensor.randn(GEN, 3, 6);
        GradCheck.Result r = GradCheck.check(
                t -> {
                    try (var ignored = NoGrad.enable()) { // GradCheck's finite differences run under NoGrad
                        Tensor y = F.layerNorm(t[0], new int[] {6}, t[1], null, 1e-5);
                        List<Tensor> g = Autograd.grad(List.of(y.mul(u).sum()), List.of(t[0], t[1]), null, true);
                        return Tensor.cat(List.of(g.get(0).reshape(-1), g.get(1)), 0);
                    }
                },
                Tensor.randn(GEN, 3, 6),
                w);
        assertThat(r.ok()).as(r.message()).isTrue();
    }
}
