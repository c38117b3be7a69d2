package dev.myelin.nn.attention;

import dev.myelin.autograd.Engine;
import dev.myelin.autograd.NoGrad;
import dev.myelin.kernel.FlashAttention;
import dev.myelin.kernel.FlashAttentionPlain;
import dev.myelin.kernel.Simd;
import dev.myelin.nn.F;
import dev.myelin.tensor.Generator;
import dev.myelin.tensor.ShapeMismatchException;
import dev.myelin.tensor.Shapes;
import dev.myelin.tensor.Tensor;
import java.util.Arrays;
import java.util.List;
import java.util.function.IntFunction;

/**
 * Scaled dot-product attention, {@code softmax(q·kᵀ·scale + mask)·v}, as PyTorch 2's
 * {@code F.scaled_dot_product_attention}: q [..., L, E], k [..., S, E], v [..., S, Ev] with the same leading dims,
 * scale 1/√E unless given, a mask broadcastable to [..., L, S] and/or a causal mask (query i sees keys j ≤ i).
 * It runs on the fused {@link FlashAttention} kernel (no [L, S] matrix per head; dropout's mask recomputed from a
 * seed drawn from the generator); {@link #composite} computes the same with recorded tensor ops (matmul, mask,
 * softmax, dropout, matmul) and also returns the weights.
 */
public final class AttentionF {
    private AttentionF() {}

    /**
     * Attention without dropout and with the default scale 1/√E, on the fused kernel.
     *
     * @param q        queries [..., L, E]
     * @param k        keys [..., S, E], the same leading dims
     * @param v        values [..., S, Ev], the same leading dims
     * @param mask     a mask broadcastable to [..., L, S], or null
     * @param isCausal whether query i sees only keys j ≤ i (not together with a mask)
     * @return the output [..., L, Ev]
     * @throws ShapeMismatchException naming the shapes, if they do not fit together or the mask does not broadcast
     * @throws IllegalArgumentException if both a mask and isCausal are given
     */
    public static Tensor scaledDotProductAttention(Tensor q, Tensor k, Tensor v, AttentionMask mask, boolean isCausal) {
        return scaledDotProductAttention(q, k, v, mask, 0, isCausal, null, null);
    }

    /**
     * Attention as {@code F.scaled_dot_product_attention(q, k, v, attn_mask, dropout_p, is_causal, scale)}; {@code scale}
     * null means 1/√E. Dropout (on the attention weights, whenever dropoutP &gt; 0, as PyTorch's functional) draws one
     * seed from {@code gen}, which may be null only without dropout; the kernel derives each weight's mask from it.
     *
     * @param q        queries [..., L, E]
     * @param k        keys [..., S, E], the same leading dims
     * @param v        values [..., S, Ev], the same leading dims
     * @param mask     a mask broadcastable to [..., L, S], or null
     * @param dropoutP the probability of dropping each attention weight, in [0, 1]
     * @param isCausal whether query i sees only keys j ≤ i (not together with a mask)
     * @param scale    the factor of q·kᵀ, or null for 1/√E
     * @param gen      the generator of the dropout seed; null allowed when {@code dropoutP} is 0
     * @return the output [..., L, Ev]
     * @throws ShapeMismatchException naming the shapes, if they do not fit together or the mask does not broadcast
     * @throws IllegalArgumentException if dropoutP is out of range or has no generator, or both a mask and
     *     isCausal are given
     */
    public static Tensor scaledDotProductAttention(
            Tensor q,
            Tensor k,
            Tensor v,
            AttentionMask mask,
            double dropoutP,
            boolean isCausal,
            Double scale,
            Generator gen) {
        Problem p = Problem.of(q, k, v, mask, dropoutP, isCausal, scale, gen);
        if (dropoutP >= 1) return composite(p, q, k, v, mask, dropoutP, gen).output; // every weight dropped
        return fused(
                p, q, k, v, mask, dropoutP > 0 ? new FlashAttention.Dropout((float) dropoutP, gen.nextLong()) : null);
    }

    /**
     * Output and attention weights (after dropout) of the composite path; the weights are [..., L, S].
     *
     * @param output  the attention output [..., L, Ev]
     * @param weights softmax(q·kᵀ·scale + mask) after dropout, [..., L, S]; each row sums to 1 without dropout
     */
    public record Result(Tensor output, Tensor weights) {}

    /**
     * The composite path: every step a recorded tensor op, the weights materialized (used for checks and for
     * dropout). Same arguments and checks as {@link #scaledDotProductAttention(Tensor, Tensor, Tensor,
     * AttentionMask, double, boolean, Double, Generator)}; the dropout mask comes from {@code gen} directly, so it
     * differs from the fused path's.
     *
     * @param q        queries [..., L, E]
     * @param k        keys [..., S, E], the same leading dims
     * @param v        values [..., S, Ev], the same leading dims
     * @param mask     a mask broadcastable to [..., L, S], or null
     * @param dropoutP the probability of dropping each attention weight, in [0, 1]
     * @param isCausal whether query i sees only keys j ≤ i (not together with a mask)
     * @param scale    the factor of q·kᵀ, or null for 1/√E
     * @param gen      the generator of the dropout mask; null allowed when {@code dropoutP} is 0
     * @return the output [..., L, Ev] and the weights [..., L, S]
     * @throws ShapeMismatchException naming the shapes, if they do not fit together or the mask does not broadcast
     * @throws IllegalArgumentException if dropoutP is out of range or has no generator, or both a mask and
     *     isCausal are given
     */
    public static Result composite(
            Tensor q,
            Tensor k,
            Tensor v,
            AttentionMask mask,
            double dropoutP,
            boolean isCausal,
            Double scale,
            Generator gen) {
        return composite(Problem.of(q, k, v, mask, dropoutP, isCausal, scale, gen), q, k, v, mask, dropoutP, gen);
    }

    private static Result composite(
            Problem p, Tensor q, Tensor k, Tensor v, AttentionMask mask, double dropoutP, Generator gen) {
        Tensor scores = p.scores(q, k, mask);
        Tensor w = scores.softmax(-1);
        if (dropoutP > 0) w = F.dropout(w, dropoutP, true, gen);
        return new Result(w.matmul(v), w);
    }

    /** The fused path: the kernel's forward, its backward recorded beside it (tensor ops under createGraph); drop may be null. */
    private static Tensor fused(
            Problem p, Tensor q, Tensor k, Tensor v, AttentionMask mask, FlashAttention.Dropout drop) {
        FlashAttention.Dims d = p.dims;
        float[] qd = q.values(), kd = k.values(), vd = v.values();
        FlashAttention.Mask km = p.kernelMask(mask);
        float[] out = new float[d.bh() * d.l() * d.ev()], lse = new float[d.bh() * d.l()];
        if (Simd.ENABLED) FlashAttention.forward(d, qd, kd, vd, p.scale, km, p.causal, drop, out, lse);
        else FlashAttentionPlain.forward(d, qd, kd, vd, p.scale, km, p.causal, drop, out, lse);
        int[] os = p.outShape();
        return Engine.record(
                new Tensor(out, os),
                "ScaledDotProductFlashAttentionBackward",
                g -> {
                    if (NoGrad.isGradEnabled()) { // createGraph: the gradients as tensor ops, differentiable again
                        Tensor[] gr = p.gradients(g, q, k, v, mask, drop);
                        if (q.requiresGrad()) q.accumulateGrad(gr[0]);
                        if (k.requiresGrad()) k.accumulateGrad(gr[1]);
                        if (v.requiresGrad()) v.accumulateGrad(gr[2]);
                        return;
                    }
                    float[] dq = new float[qd.length], dk = new float[kd.length], dv = new float[vd.length];
                    if (Simd.ENABLED)
                        FlashAttention.backward(
                                d, qd, kd, vd, p.scale, km, p.causal, drop, out, lse, g.values(), dq, dk, dv);
                    else
                        FlashAttentionPlain.backward(
                                d, qd, kd, vd, p.scale, km, p.causal, drop, out, lse, g.values(), dq, dk, dv);
                    if (q.requiresGrad()) q.accumulateNewGrad(dq);
                    if (k.requiresGrad()) k.accumulateNewGrad(dk);
                    if (v.requiresGrad()) v.accumulateNewGrad(dv);
                },
                q,
                k,
                v);
    }

    /**
     * Multi-head self-attention on a packed projection: {@code qkv} [N, L, 3·H·d] holds each position's queries, keys
     * and values side by side (in_proj's output), head j's at columns j·d of each third; the result is [N, L, H·d],
     * the heads side by side as out_proj reads them. It equals splitting qkv into [N, H, L, d] heads,
     * {@link #scaledDotProductAttention} and merging the heads, but the kernel reads and writes the heads where they
     * lie ({@link FlashAttention.Layouts}), so the three split copies, the merge copy and their backward scatters
     * are not made. The mask broadcasts to [N, H, L, L]; dropout draws the same seed, so the same weights drop.
     *
     * @param qkv      the packed projection [N, L, 3·H·d]
     * @param numHeads H, the number of heads, {@code > 0}
     * @param mask     a mask broadcastable to [N, H, L, L], or null
     * @param dropoutP the probability of dropping each attention weight, in [0, 1]
     * @param isCausal whether position i attends only to positions j ≤ i (not together with a mask)
     * @param gen      the generator of the dropout seed; null allowed when {@code dropoutP} is 0
     * @return the heads' outputs side by side, [N, L, H·d]
     * @throws ShapeMismatchException if qkv is not 3-D with a last dim divisible by 3·H, or the mask does not
     *     broadcast
     * @throws IllegalArgumentException if qkv is null, dropoutP is out of range or has no generator, or both a mask
     *     and isCausal are given
     */
    public static Tensor packedSelfAttention(
            Tensor qkv, int numHeads, AttentionMask mask, double dropoutP, boolean isCausal, Generator gen) {
        if (qkv == null) throw new IllegalArgumentException("packedSelfAttention: qkv must not be null");
        if (qkv.dim() != 3 || numHeads <= 0 || qkv.size(2) % (3 * numHeads) != 0)
            throw new ShapeMismatchException("packedSelfAttention: qkv must be [N, L, 3·H·d] with H = " + numHeads
                    + " heads, got " + Shapes.str(qkv.shape()));
        int n = qkv.size(0), l = qkv.size(1), e = qkv.size(2) / 3, hd = e / numHeads;
        int[] headShape = {n, numHeads, l, hd};
        Problem p = Problem.of(headShape, headShape, headShape, mask, dropoutP, isCausal, null, gen);
        if (dropoutP >= 1 || !Simd.ENABLED) { // every weight dropped, or the plain twin (contiguous heads only)
            Tensor[] h = splitHeads(qkv, numHeads);
            return mergeHeads(scaledDotProductAttention(h[0], h[1], h[2], mask, dropoutP, isCausal, null, gen));
        }
        FlashAttention.Dropout drop =
                dropoutP > 0 ? new FlashAttention.Dropout((float) dropoutP, gen.nextLong()) : null;
        FlashAttention.Dims d = p.dims;
        IntFunction<FlashAttention.Rows> third = // queries, keys or values: the third of qkv's columns at this offset
                offset -> new FlashAttention.Rows(offset, numHeads, l * 3 * e, hd, 3 * e);
        FlashAttention.Layouts at = new FlashAttention.Layouts(
                third.apply(0), third.apply(e), third.apply(2 * e), new FlashAttention.Rows(0, numHeads, l * e, hd, e));
        float[] x = qkv.values();
        FlashAttention.Mask km = p.kernelMask(mask);
        float[] out = new float[n * l * e], lse = new float[d.bh() * l];
        FlashAttention.forward(d, at, x, x, x, p.scale, km, p.causal, drop, out, lse);
        return Engine.record(
                new Tensor(out, n, l, e),
                "PackedSelfAttentionBackward",
                g -> {
                    if (NoGrad.isGradEnabled()) { // createGraph: the gradients as tensor ops on the split heads,
                        // differentiable again
                        Tensor[] h = splitHeads(qkv, numHeads);
                        Tensor[] gr = p.gradients(heads(g, numHeads), h[0], h[1], h[2], mask, drop);
                        qkv.accumulateGrad(
                                Tensor.cat(List.of(mergeHeads(gr[0]), mergeHeads(gr[1]), mergeHeads(gr[2])), 2));
                        return;
                    }
                    float[] dx = new float[x.length]; // dq, dk and dv interleave in it as q, k and v do in qkv
                    FlashAttention.backward(
                            d, at, x, x, x, p.scale, km, p.causal, drop, out, lse, g.values(), dx, dx, dx);
                    qkv.accumulateNewGrad(dx);
                },
                qkv);
    }

    /** qkv [N, L, 3·H·d] as three [N, H, L, d] views (recorded ops, no copies). */
    static Tensor[] splitHeads(Tensor qkv, int numHeads) {
        int e = qkv.size(2) / 3;
        Tensor[] h = new Tensor[3];
        for (int i = 0; i < 3; i++) h[i] = heads(qkv.narrow(2, i * e, e), numHeads);
        return h;
    }

    /** [N, T, H·d] as H heads [N, H, T, d] (a view); {@link #mergeHeads} undoes it. */
    static Tensor heads(Tensor x, int numHeads) {
        int n = x.size(0), t = x.size(1), hd = x.size(2) / numHeads;
        return x.reshape(n, t, numHeads, hd).permute(0, 2, 1, 3);
    }

    /** [N, H, L, d] heads side by side as [N, L, H·d]. */
    static Tensor mergeHeads(Tensor heads) {
        int n = heads.size(0), h = heads.size(1), l = heads.size(2), hd = heads.size(3);
        return heads.permute(0, 2, 1, 3).reshape(n, l, h * hd);
    }

    /** The causal mask of PyTorch's SDPA: 0 where j ≤ i, −∞ above the diagonal, [L, S]. */
    static Tensor causalMask(int l, int s) {
        float[] m = new float[l * s];
        for (int i = 0; i < l; i++) for (int j = i + 1; j < s; j++) m[i * s + j] = Float.NEGATIVE_INFINITY;
        return new Tensor(m, l, s);
    }

    /** The checked sizes of one call. */
    private record Problem(int[] lead, FlashAttention.Dims dims, float scale, boolean causal) {
        static Problem of(
                Tensor q,
                Tensor k,
                Tensor v,
                AttentionMask mask,
                double dropoutP,
                boolean causal,
                Double scale,
                Generator gen) {
            if (q == null || k == null || v == null)
                throw new IllegalArgumentException("scaledDotProductAttention: query, key and value must not be null");
            return of(q.shape(), k.shape(), v.shape(), mask, dropoutP, causal, scale, gen);
        }

        static Problem of(
                int[] qs,
                int[] ks,
                int[] vs,
                AttentionMask mask,
                double dropoutP,
                boolean causal,
                Double scale,
                Generator gen) {
            String op = "scaledDotProductAttention";
            if (qs.length < 2 || ks.length != qs.length || vs.length != qs.length)
                throw new ShapeMismatchException(op
                        + ": query, key and value must have the same number of dims (at least 2: [..., L, E], [..., S, E], [..., S, Ev]), got query "
                        + Shapes.str(qs) + ", key " + Shapes.str(ks) + ", value " + Shapes.str(vs));
            int r = qs.length;
            int[] lead = Arrays.copyOf(qs, r - 2);
            if (!Arrays.equals(lead, Arrays.copyOf(ks, r - 2)) || !Arrays.equals(lead, Arrays.copyOf(vs, r - 2)))
                throw new ShapeMismatchException(op + ": query, key and value must have the same batch dims, got query "
                        + Shapes.str(qs) + ", key " + Shapes.str(ks) + ", value " + Shapes.str(vs));
            int l = qs[r - 2], e = qs[r - 1], s = ks[r - 2];
            if (ks[r - 1] != e)
                throw new ShapeMismatchException(op + ": query and key must have the same embedding size E, got query "
                        + Shapes.str(qs) + " and key " + Shapes.str(ks));
            if (vs[r - 2] != s)
                throw new ShapeMismatchException(op + ": key and value must have the same sequence length S, got key "
                        + Shapes.str(ks) + " and value " + Shapes.str(vs));
            if (e == 0 || vs[r - 1] == 0)
                throw new ShapeMismatchException(op + ": embedding sizes must be positive, got query " + Shapes.str(qs)
                        + " and value " + Shapes.str(vs));
            if (!(dropoutP >= 0 && dropoutP <= 1))
                throw new IllegalArgumentException(op + ": dropoutP must be in [0, 1], got " + dropoutP);
            if (dropoutP > 0 && gen == null)
                throw new IllegalArgumentException(
                        op + ": dropoutP " + dropoutP + " needs a Generator to draw the dropout mask");
            if (causal && mask != null)
                throw new IllegalArgumentException(op
                        + ": give either an attention mask or isCausal, not both (as PyTorch); fold the causal mask into the mask "
                        + "(e.g. Transformer.generateSquareSubsequentMask)");
            int[] target = Arrays.copyOf(lead, r);
            target[r - 2] = l;
            target[r - 1] = s;
            if (mask != null) checkBroadcast(op, mask, target, qs, ks);
            int bh = Shapes.prod(lead, 0, lead.length);
            float sc = scale != null ? scale.floatValue() : (float) (1 / Math.sqrt(e));
            return new Problem(lead, new FlashAttention.Dims(bh, l, s, e, vs[r - 1]), sc, causal);
        }

        int[] outShape() {
            int[] os = Arrays.copyOf(lead, lead.length + 2);
            os[lead.length] = dims.l();
            os[lead.length + 1] = dims.ev();
            return os;
        }

        /** Scaled scores with the mask and the causal mask added, as recorded tensor ops: [..., L, S]. */
        Tensor scores(Tensor q, Tensor k, AttentionMask mask) {
            Tensor scores = q.matmul(k.transpose(-2, -1)).mul(scale);
            if (mask != null) scores = scores.add(mask.toAdditive());
            if (causal) scores = scores.add(causalMask(dims.l(), dims.s()));
            return scores;
        }

        /**
         * dq, dk, dv of Σ g·out as tensor ops: P = softmax(scores), dV = Pᵀ·g, dP = g·Vᵀ, dS = P∘(dP − Σ_j dP∘P)·scale,
         * dQ = dS·K, dK = dSᵀ·Q.
         */
        Tensor[] gradients(Tensor g, Tensor q, Tensor k, Tensor v, AttentionMask mask, FlashAttention.Dropout drop) {
            Tensor p = scores(q, k, mask).softmax(-1);
            Tensor m = drop == null ? null : dropoutMask(drop);
            Tensor dv = (m == null ? p : p.mul(m)).transpose(-2, -1).matmul(g);
            Tensor dp = g.matmul(v.transpose(-2, -1));
            if (m != null) dp = dp.mul(m);
            Tensor ds = p.mul(dp.sub(dp.mul(p).sum(-1, true))).mul(scale);
            return new Tensor[] {ds.matmul(k), ds.transpose(-2, -1).matmul(q), dv};
        }

        /** The kernel's dropout mask spelled out, [..., L, S]: 1/(1 − p) where a weight is kept, else 0. */
        Tensor dropoutMask(FlashAttention.Dropout drop) {
            int l = dims.l(), s = dims.s();
            float[] m = new float[dims.bh() * l * s];
            for (int i = 0; i < m.length; i++) m[i] = drop.scale(i / s, i % s);
            int[] shape = Arrays.copyOf(lead, lead.length + 2);
            shape[lead.length] = l;
            shape[lead.length + 1] = s;
            return new Tensor(m, shape);
        }

        /** The mask as the kernel reads it: additive, contiguous along keys, each head's offset (no copy per head). */
        FlashAttention.Mask kernelMask(AttentionMask mask) {
            if (mask == null) return null;
            int r = lead.length + 2, l = dims.l(), s = dims.s();
            Tensor m = mask.toAdditive();
            int[] ms = m.shape(), full = new int[r];
            Arrays.fill(full, 1);
            System.arraycopy(ms, 0, full, r - ms.length, ms.length);
            m = m.reshape(full);
            if (full[r - 1] != s) { // one value for every key: spelled out along the keys
                full[r - 1] = s;
                m = m.expand(full);
            }
            m = m.contiguous();
            int[] st = m.stride();
            int[] offsets = new int[dims.bh()];
            for (int h = 0; h < offsets.length; h++) {
                int off = m.storageOffset(), rest = h;
                for (int dIdx = lead.length - 1; dIdx >= 0; dIdx--) {
                    int idx = rest % lead[dIdx];
                    rest /= lead[dIdx];
                    if (full[dIdx] != 1) off += idx * st[dIdx];
                }
                offsets[h] = off;
            }
            return new FlashAttention.Mask(m.storageArray(), offsets, full[r - 2] == 1 ? 0 : st[r - 2]);
        }

        private static void checkBroadcast(String op, AttentionMask mask, int[] target, int[] qs, int[] ks) {
            int[] ms = mask.shape();
            boolean ok = ms.length <= target.length;
            for (int i = 0; ok && i < ms.length; i++) {
                int t = target[target.length - ms.length + i];
                ok = ms[i] == t || ms[i] == 1;
            }
            if (!ok)
                throw new ShapeMismatchException(op + ": attention mask shape " + Shapes.str(ms)
                        + " cannot be broadcast to the attention weights' shape " + Shapes.str(target) + " (query "
                        + Shapes.str(qs) + ", key " + Shapes.str(ks) + ")");
        }
    }
}
