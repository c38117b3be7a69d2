package dev.myelin.nn.attention;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.autograd.Autograd;
import dev.myelin.autograd.GradCheck;
import dev.myelin.autograd.NoGrad;
import dev.myelin.kernel.FlashAttention;
import dev.myelin.kernel.Parallel;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Tensor;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * {@link AttentionF#packedSelfAttention} (the kernel reading heads in place from [N, L, 3·H·d] and writing [N, L, H·d])
 * against splitting the heads, the contiguous fused kernel and merging: same outputs and qkv gradients for every kind of
 * mask, causal, dropout (same seed, same dropped weights) and sequences longer than a block; gradient checks; thread
 * counts; second derivatives through its createGraph backward; the layout checks of {@link FlashAttention.Rows}.
 */
class PackedSelfAttentionTest {
    private static final Generator GEN = new Generator(23);

    private static Tensor split(Tensor qkv, int heads, AttentionMask mask, double p, boolean causal, long seed) {
        Tensor[] h = AttentionF.splitHeads(qkv, heads);
        return AttentionF.mergeHeads(
                AttentionF.scaledDotProductAttention(h[0], h[1], h[2], mask, p, causal, null, new Generator(seed)));
    }

    private static void agree(int n, int l, int heads, int hd, AttentionMask mask, double p, boolean causal) {
        Tensor x = Tensor.randn(GEN, n, l, 3 * heads * hd);
        Tensor a = x.copy().requiresGrad(true), b = x.copy().requiresGrad(true);
        Tensor pa = AttentionF.packedSelfAttention(a, heads, mask, p, causal, new Generator(5));
        Tensor pb = split(b, heads, mask, p, causal, 5);
        Tensor w = Tensor.randn(GEN, pa.shape());
        pa.mul(w).sum().backward();
        pb.mul(w).sum().backward();
        assertThat(pa.shape()).containsExactly(n, l, heads * hd);
        assertClose("output", pa.toArray(), pb.toArray());
        assertClose("qkv gradient", a.grad().toArray(), b.grad().toArray());
    }

    private static void assertClose(String what, float[] x, float[] y) {
        assertThat(x).as(what).hasSameSizeAs(y);
        for (int i = 0; i < x.length; i++)
            assertThat(Math.abs(x[i] - y[i]) <= 1e-5 * (1 + Math.abs(y[i])))
                    .as("%s element %d: packed %s vs split %s", what, i, x[i], y[i])
                    .isTrue();
    }

    @Test
    void packedEqualsSplitHeadsForEveryMaskCausalAndDropout() {
        agree(2, 7, 3, 4, null, 0, false);
        agree(3, 6, 2, 5, null, 0, true);
        agree(2, 5, 2, 4, AttentionMask.additive(Tensor.randn(GEN, 5, 5)), 0, false);
        Tensor pad = Tensor.zeros(2, 1, 1, 6);
        pad.data()[5] = 1; // the first sequence's last key is padding
        agree(2, 6, 2, 3, AttentionMask.block(pad), 0, false);
        agree(2, 9, 4, 4, null, 0.3, false);
        agree(1, 300, 2, 16, null, 0.1, true); // several query and key blocks
    }

    @Test
    void gradientCheck() {
        GradCheck.Result r = GradCheck.check(
                t -> AttentionF.packedSelfAttention(t[0], 2, null, 0, false, null), Tensor.randn(GEN, 2, 4, 12));
        assertThat(r.ok()).as(r.message()).isTrue();
        GradCheck.Result c = GradCheck.check(
                t -> AttentionF.packedSelfAttention(t[0], 3, null, 0, true, null), Tensor.randn(GEN, 1, 5, 9));
        assertThat(c.ok()).as(c.message()).isTrue();
    }

    @Test
    void sameBitsForEveryThreadCount() {
        Tensor x = Tensor.randn(GEN, 8, 40, 48), w = Tensor.randn(GEN, 8, 40, 16);
        int before = Parallel.threads();
        float[][] runs = new float[2][];
        try {
            for (int r = 0; r < 2; r++) {
                Parallel.setThreads(r == 0 ? 1 : 3);
                Tensor a = x.copy().requiresGrad(true);
                Tensor out = AttentionF.packedSelfAttention(a, 4, null, 0.2, true, new Generator(1));
                out.mul(w).sum().backward();
                runs[r] = Tensor.cat(List.of(out.reshape(-1), a.grad().reshape(-1)), 0)
                        .toArray();
            }
        } finally {
            Parallel.setThreads(before);
        }
        assertThat(runs[1]).containsExactly(runs[0]);
    }

    @Test
    void secondDerivativesThroughItsBackward() {
        Tensor w = Tensor.randn(GEN, 2, 4, 6), u = Tensor.randn(GEN, 2, 4, 18);
        GradCheck.Result r = GradCheck.check(
                t -> {
                    try (var ignored = NoGrad.enable()) { // GradCheck's finite differences run under NoGrad
                        Tensor out = AttentionF.packedSelfAttention(t[0], 2, null, 0, false, null);
                        return Autograd.grad(out.mul(w).sum(), t[0], true)
                                .mul(u)
                                .sum()
                                .reshape(1);
                    }
                },
                Tensor.randn(GEN, 2, 4, 18));
        assertThat(r.ok()).as(r.message()).isTrue();
    }

    @Test
    void badShapesAndLayoutsAreNamed() {
        assertThatThrownBy(() -> AttentionF.packedSelfAttention(Tensor.zeros(2, 3, 10), 2, null, 0, false, null))
                .isInstanceOf(ShapeMismatchException.class)
                .hasMessageContaining("[N, L, 3·H·d]")
                .hasMessageContaining("[2, 3, 10]");
        assertThatThrownBy(() -> new FlashAttention.Rows(0, 0, 4, 1, 1)).hasMessageContaining("heads=0");
        FlashAttention.Dims d = new FlashAttention.Dims(2, 3, 3, 4, 4);
        FlashAttention.Rows rows =
                new FlashAttention.Rows(0, 2, 36, 4, 12); // one batch of 2 heads in a [1, 3, 12] array
        FlashAttention.Layouts at = new FlashAttention.Layouts(rows, rows, rows, rows);
        float[] small = new float[31], lse = new float[6];
        assertThatThrownBy(() -> FlashAttention.forward(d, at, small, small, small, 1f, null, false, null, small, lse))
                .hasMessageContaining("too small")
                .hasMessageContaining("rowStride=12");
    }
}
