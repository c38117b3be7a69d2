package dev.myelin.nn.attention;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.autograd.GradCheck;
import dev.myelin.kernel.FlashAttention;
import dev.myelin.kernel.Parallel;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.Tensor;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

/**
 * The fused attention kernel against the composite path (outputs and the gradients of q, k, v) for every kind of
 * mask, L ≠ S and long sequences whose length no block size divides; finite-difference gradient checks of both paths;
 * determinism across thread counts; and second derivatives through the fused op's createGraph backward.
 */
class AttentionFTest {
    private static final Generator GEN = new Generator(16);

    private static Tensor rand(int... shape) {
        return Tensor.randn(GEN, shape);
    }

    /** A 0/1 tensor with about {@code ones} of its entries 1, and at least the first column 1 in every row (no row fully masked). */
    private static Tensor keepMask(double ones, int... shape) {
        Tensor m = Tensor.rand(GEN, shape).lt((float) ones);
        float[] d = m.data();
        int cols = shape[shape.length - 1];
        for (int i = 0; i < d.length; i += cols) d[i] = 1;
        return m;
    }

    private static Tensor fused(Tensor[] t, AttentionMask m, boolean causal) {
        return AttentionF.scaledDotProductAttention(t[0], t[1], t[2], m, causal);
    }

    private static Tensor composite(Tensor[] t, AttentionMask m, boolean causal) {
        return AttentionF.composite(t[0], t[1], t[2], m, 0, causal, null, null).output();
    }

    /** Fused and composite agree in value and in the gradients of Σ out·w for q, k, v. */
    private static void agree(int[] qs, int[] ks, int[] vs, AttentionMask mask, boolean causal, double tol) {
        Tensor q = rand(qs), k = rand(ks), v = rand(vs);
        Tensor[] a = {
            q.copy().requiresGrad(true), k.copy().requiresGrad(true), v.copy().requiresGrad(true)
        };
        Tensor[] b = {
            q.copy().requiresGrad(true), k.copy().requiresGrad(true), v.copy().requiresGrad(true)
        };
        Tensor fa = fused(a, mask, causal), fb = composite(b, mask, causal);
        Tensor w = rand(fa.shape());
        fa.mul(w).sum().backward();
        fb.mul(w).sum().backward();
        assertClose("output", fa, fb, tol);
        for (int i = 0; i < 3; i++) assertClose("grad " + "qkv".charAt(i), a[i].grad(), b[i].grad(), tol);
    }

    private static void assertClose(String what, Tensor a, Tensor b, double tol) {
        assertThat(a.shape()).as(what).containsExactly(b.shape());
        float[] x = a.toArray(), y = b.toArray();
        for (int i = 0; i < x.length; i++)
            assertThat(Math.abs(x[i] - y[i]) <= tol * (1 + Math.abs(y[i])))
                    .as("%s element %d: fused %s vs composite %s", what, i, x[i], y[i])
                    .isTrue();
    }

    @Test
    void fusedMatchesCompositeForEveryMask() {
        int[] q = {2, 3, 5, 8}, k = {2, 3, 7, 8}, v = {2, 3, 7, 6};
        agree(q, k, v, null, false, 1e-5);
        agree(q, k, v, AttentionMask.allow(keepMask(0.6, 5, 7)), false, 1e-5);
        agree(q, k, v, AttentionMask.block(keepMask(0.3, 2, 1, 1, 7).rsub(1f)), false, 1e-5);
        agree(q, k, v, AttentionMask.additive(rand(2, 3, 5, 7)), false, 1e-5);
        agree(q, k, v, AttentionMask.additive(rand(5, 1)), false, 1e-5);
        agree(new int[] {2, 7, 4}, new int[] {2, 7, 4}, new int[] {2, 7, 3}, null, true, 1e-5);
        agree(
                new int[] {2, 5, 4},
                new int[] {2, 9, 4},
                new int[] {2, 9, 3},
                null,
                true,
                1e-5); // L < S, causal from the top left
        agree(
                new int[] {9, 4},
                new int[] {5, 4},
                new int[] {5, 4},
                AttentionMask.allow(keepMask(0.5, 9, 5)),
                false,
                1e-5); // 2-D, L > S
    }

    @Test
    void longSequencesAcrossBlockBoundaries() {
        int t = 300; // 4 blocks of 64 and a part block
        assertThat(t % FlashAttention.BLOCK_Q).isNotZero();
        int[] s = {2, 2, t, 16};
        agree(s, s, s, null, false, 2e-5);
        agree(s, s, s, null, true, 2e-5);
        agree(s, s, s, AttentionMask.allow(keepMask(0.7, 2, 1, t, t)), false, 2e-5);
        agree(
                s,
                new int[] {2, 2, 200, 16},
                new int[] {2, 2, 200, 8},
                AttentionMask.block(keepMask(0.8, 2, 1, 1, 200).rsub(1f)),
                false,
                2e-5);
        agree(
                new int[] {1, 1, 130, 16},
                new int[] {1, 1, 300, 16},
                new int[] {1, 1, 300, 16},
                AttentionMask.additive(rand(130, 300)),
                false,
                2e-5);
    }

    @Test
    void sameBitsForEveryThreadCount() {
        Tensor q = rand(3, 4, 150, 16), k = rand(3, 4, 150, 16), v = rand(3, 4, 150, 16), w = rand(3, 4, 150, 16);
        int before = Parallel.threads();
        float[][] runs = new float[2][];
        try {
            for (int r = 0; r < 2; r++) {
                Parallel.setThreads(r == 0 ? 1 : 3);
                Tensor[] a = {
                    q.copy().requiresGrad(true),
                    k.copy().requiresGrad(true),
                    v.copy().requiresGrad(true)
                };
                Tensor out = fused(a, null, true);
                out.mul(w).sum().backward();
                runs[r] = Tensor.cat(
                                java.util.List.of(
                                        out.reshape(-1),
                                        a[0].grad().reshape(-1),
                                        a[1].grad().reshape(-1),
                                        a[2].grad().reshape(-1)),
                                0)
                        .toArray();
            }
        } finally {
            Parallel.setThreads(before);
        }
        assertThat(runs[1]).containsExactly(runs[0]);
    }

    private static void gradCheck(Function<Tensor[], Tensor> f, Tensor... in) {
        GradCheck.Result r = GradCheck.check(f, in);
        assertThat(r.ok()).as(r.message()).isTrue();
    }

    @Test
    void gradientChecks() {
        AttentionMask allow = AttentionMask.allow(keepMask(0.6, 4, 5));
        AttentionMask additive = AttentionMask.additive(rand(2, 1, 4, 5));
        for (boolean fusedPath : new boolean[] {true, false}) {
            Function<Tensor[], Tensor> none = t -> fusedPath ? fused(t, null, false) : composite(t, null, false);
            Function<Tensor[], Tensor> masked = t -> fusedPath ? fused(t, allow, false) : composite(t, allow, false);
            Function<Tensor[], Tensor> add = t -> fusedPath ? fused(t, additive, false) : composite(t, additive, false);
            Function<Tensor[], Tensor> causal = t -> fusedPath ? fused(t, null, true) : composite(t, null, true);
            gradCheck(none, rand(2, 3, 4, 3), rand(2, 3, 5, 3), rand(2, 3, 5, 2));
            gradCheck(masked, rand(2, 3, 4, 3), rand(2, 3, 5, 3), rand(2, 3, 5, 2));
            gradCheck(add, rand(2, 3, 4, 3), rand(2, 3, 5, 3), rand(2, 3, 5, 2));
            gradCheck(causal, rand(2, 6, 3), rand(2, 6, 3), rand(2, 6, 4));
        }
    }

    @Test
    void secondDerivativesThroughTheFusedOp() {
        // d/dq of (d(Σ out·w)/dv · u): the fused backward in grad mode is a graph of tensor ops
        Tensor u = rand(2, 5, 3), w = rand(2, 4, 3);
        gradCheck(
                t -> {
                    try (var ignored =
                            dev.myelin.autograd.NoGrad.enable()) { // GradCheck's finite differences run under NoGrad
                        Tensor out = fused(t, null, false);
                        Tensor gv = dev.myelin.autograd.Autograd.grad(out.mul(w).sum(), t[2], true);
                        Tensor gq = dev.myelin.autograd.Autograd.grad(out.mul(w).sum(), t[0], true);
                        return gv.mul(u).sum().add(gq.mul(w).sum()).reshape(1);
                    }
                },
                rand(2, 4, 3),
                rand(2, 5, 3),
                rand(2, 5, 3));
    }

    /** softmax(scores)·M·v with the kernel's dropout mask M spelled out, as recorded tensor ops. */
    private static Tensor droppedReference(Tensor[] t, AttentionMask mask, boolean causal, double p, long seed) {
        AttentionF.Result r = AttentionF.composite(t[0], t[1], t[2], mask, 0, causal, null, null);
        int[] ws = r.weights().shape();
        float[] m = new float[r.weights().numel()];
        FlashAttention.Dropout drop = new FlashAttention.Dropout((float) p, seed);
        int cols = ws[ws.length - 1];
        for (int i = 0; i < m.length; i++) m[i] = drop.scale(i / cols, i % cols);
        return r.weights().mul(new Tensor(m, ws)).matmul(t[2]);
    }

    @Test
    void fusedDropoutMatchesItsMaskSpelledOut() {
        for (int t : new int[] {7, 300}) {
            for (boolean causal : new boolean[] {false, true}) {
                AttentionMask mask = causal ? null : AttentionMask.allow(keepMask(0.7, t, t));
                Tensor q = rand(2, 2, t, 8), k = rand(2, 2, t, 8), v = rand(2, 2, t, 8), w = rand(2, 2, t, 8);
                Tensor[] a = {
                    q.copy().requiresGrad(true),
                    k.copy().requiresGrad(true),
                    v.copy().requiresGrad(true)
                };
                Tensor[] b = {
                    q.copy().requiresGrad(true),
                    k.copy().requiresGrad(true),
                    v.copy().requiresGrad(true)
                };
                Tensor fa = AttentionF.scaledDotProductAttention(
                        a[0], a[1], a[2], mask, 0.3, causal, null, new Generator(5));
                Tensor fb = droppedReference(b, mask, causal, 0.3, new Generator(5).nextLong());
                fa.mul(w).sum().backward();
                fb.mul(w).sum().backward();
                assertClose("dropout output T=" + t, fa, fb, 2e-5);
                for (int i = 0; i < 3; i++)
                    assertClose("dropout grad " + "qkv".charAt(i) + " T=" + t, a[i].grad(), b[i].grad(), 2e-5);
            }
        }
        FlashAttention.Dropout drop = new FlashAttention.Dropout(0.3f, 42);
        int kept = 0;
        for (int i = 0; i < 100_000; i++) if (drop.scale(i / 1000, i % 1000) != 0) kept++;
        assertThat(kept / 100_000.0).isCloseTo(0.7, org.assertj.core.data.Offset.offset(0.01));
        gradCheck(
                t -> AttentionF.scaledDotProductAttention(t[0], t[1], t[2], null, 0.4, false, null, new Generator(6)),
                rand(2, 5, 3),
                rand(2, 6, 3),
                rand(2, 6, 4));
        // gradients of gradients through the dropped weights
        Tensor u = rand(2, 6, 4), w = rand(2, 5, 4);
        gradCheck(
                t -> {
                    try (var ignored = dev.myelin.autograd.NoGrad.enable()) {
                        Tensor out = AttentionF.scaledDotProductAttention(
                                t[0], t[1], t[2], null, 0.4, false, null, new Generator(6));
                        Tensor gv = dev.myelin.autograd.Autograd.grad(out.mul(w).sum(), t[2], true);
                        return gv.mul(u).sum().reshape(1);
                    }
                },
                rand(2, 5, 3),
                rand(2, 6, 3),
                rand(2, 6, 4));
    }

    @Test
    void dropoutUsesTheGeneratorAndIsReproducible() {
        Tensor q = rand(2, 6, 4), k = rand(2, 6, 4), v = rand(2, 6, 4);
        Tensor a = AttentionF.scaledDotProductAttention(q, k, v, null, 0.5, false, null, new Generator(3));
        Tensor b = AttentionF.scaledDotProductAttention(q, k, v, null, 0.5, false, null, new Generator(3));
        Tensor plain = AttentionF.scaledDotProductAttention(q, k, v, null, false);
        assertThat(a.toArray()).containsExactly(b.toArray());
        assertThat(a.toArray()).isNotEqualTo(plain.toArray());
    }
}
