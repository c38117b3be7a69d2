package dev.myelin.kernel;

import java.util.Arrays;

/**
 * Plain-Java twin of {@link FlashAttention} for a JVM without the Vector API module (see {@link Simd}): the same
 * contract (arrays, masks, causal masking, dropout mask from {@link FlashAttention.Dropout#scale}, the log-sum-exp
 * kept for the backward, NaN for a row whose every key is masked), computed one query row at a time with the whole
 * row of scores in a buffer. Heads are split over {@link Parallel}, each computed by one thread in a fixed order.
 */
public final class FlashAttentionPlain {

    private FlashAttentionPlain() {}

    /** As {@link FlashAttention#forward(FlashAttention.Dims, float[], float[], float[], float, FlashAttention.Mask, boolean, FlashAttention.Dropout, float[], float[])}. */
    public static void forward(
            FlashAttention.Dims d,
            float[] q,
            float[] k,
            float[] v,
            float scale,
            FlashAttention.Mask mask,
            boolean causal,
            FlashAttention.Dropout drop,
            float[] out,
            float[] lse) {
        check(d, q, k, v, out, lse);
        int L = d.l(), S = d.s(), E = d.e(), Ev = d.ev();
        Parallel.forRange(d.bh(), 1, (h0, h1) -> {
            float[] s = new float[S], acc = new float[Ev];
            for (int h = h0; h < h1; h++) {
                for (int i = 0; i < L; i++) {
                    float mx = scores(d, h, i, q, k, scale, mask, causal, s);
                    int o = (h * L + i) * Ev;
                    if (mx == Float.NEGATIVE_INFINITY) { // every key masked: NaN, as the composite softmax
                        Arrays.fill(out, o, o + Ev, Float.NaN);
                        lse[h * L + i] = Float.NEGATIVE_INFINITY;
                        continue;
                    }
                    float l = 0f;
                    for (int j = 0; j < S; j++) {
                        s[j] = (float) Math.exp(s[j] - mx);
                        l += s[j]; // the denominator counts every weight, dropped or not
                    }
                    Arrays.fill(acc, 0f);
                    for (int j = 0; j < S; j++) {
                        float w = drop == null ? s[j] : s[j] * drop.scale((long) h * L + i, j);
                        if (w != 0f) {
                            for (int c = 0, vo = (h * S + j) * Ev; c < Ev; c++) acc[c] = Math.fma(w, v[vo + c], acc[c]);
                        }
                    }
                    for (int c = 0; c < Ev; c++) out[o + c] = acc[c] / l;
                    lse[h * L + i] = mx + (float) Math.log(l);
                }
            }
        });
    }

    /** As {@link FlashAttention#backward(FlashAttention.Dims, float[], float[], float[], float, FlashAttention.Mask, boolean, FlashAttention.Dropout, float[], float[], float[], float[], float[], float[])}. */
    public static void backward(
            FlashAttention.Dims d,
            float[] q,
            float[] k,
            float[] v,
            float scale,
            FlashAttention.Mask mask,
            boolean causal,
            FlashAttention.Dropout drop,
            float[] out,
            float[] lse,
            float[] dout,
            float[] dq,
            float[] dk,
            float[] dv) {
        check(d, q, k, v, out, lse);
        int L = d.l(), S = d.s(), E = d.e(), Ev = d.ev();
        if (dout.length < d.bh() * L * Ev
                || dq.length < d.bh() * L * E
                || dk.length < d.bh() * S * E
                || dv.length < d.bh() * S * Ev)
            throw new IllegalArgumentException("FlashAttention.backward: gradient arrays are too small for " + d);
        Parallel.forRange(d.bh(), 1, (h0, h1) -> {
            float[] s = new float[S];
            for (int h = h0; h < h1; h++) {
                Arrays.fill(dq, h * L * E, (h + 1) * L * E, 0f);
                Arrays.fill(dk, h * S * E, (h + 1) * S * E, 0f);
                Arrays.fill(dv, h * S * Ev, (h + 1) * S * Ev, 0f);
                for (int i = 0; i < L; i++) {
                    float rowLse = lse[h * L + i];
                    boolean masked = rowLse
                            == Float.NEGATIVE_INFINITY; // every key masked: weights 0, its NaN output's gradient NaN
                    scores(d, h, i, q, k, scale, mask, causal, s);
                    int o = (h * L + i) * Ev, qi = (h * L + i) * E;
                    float dd = VectorOpsPlain.dot(dout, o, out, o, Ev);
                    for (int j = 0; j < S; j++) {
                        float p = masked ? 0f : (float) Math.exp(s[j] - rowLse);
                        if (p == 0f && Float.isFinite(dd)) continue; // adds exactly zero
                        float keep = drop == null ? 1f : drop.scale((long) h * L + i, j);
                        int vo = (h * S + j) * Ev, kj = (h * S + j) * E;
                        VectorOpsPlain.axpy(p * keep, dout, o, dv, vo, Ev);
                        float dp = VectorOpsPlain.dot(dout, o, v, vo, Ev) * keep;
                        float ds = p * (dp - dd) * scale;
                        VectorOpsPlain.axpy(ds, k, kj, dq, qi, E);
                        VectorOpsPlain.axpy(ds, q, qi, dk, kj, E);
                    }
                }
            }
        });
    }

    /** Row i of head h's scaled, masked scores into s[0, S); returns their maximum. */
    private static float scores(
            FlashAttention.Dims d,
            int h,
            int i,
            float[] q,
            float[] k,
            float scale,
            FlashAttention.Mask mask,
            boolean causal,
            float[] s) {
        int L = d.l(), S = d.s(), E = d.e();
        float[] md = mask == null ? null : mask.data();
        int mo = mask == null ? 0 : mask.offsets()[h] + i * mask.rowStride();
        float mx = Float.NEGATIVE_INFINITY;
        for (int j = 0; j < S; j++) {
            float x;
            if (causal && j > i) {
                x = Float.NEGATIVE_INFINITY;
            } else {
                x = VectorOpsPlain.dot(q, (h * L + i) * E, k, (h * S + j) * E, E) * scale;
                if (md != null) x += md[mo + j];
            }
            s[j] = x;
            mx = Math.max(mx, x);
        }
        return mx;
    }

    private static void check(FlashAttention.Dims d, float[] q, float[] k, float[] v, float[] out, float[] lse) {
        long bh = d.bh();
        if (q.length < bh * d.l() * d.e()
                || k.length < bh * d.s() * d.e()
                || v.length < bh * d.s() * d.ev()
                || out.length < bh * d.l() * d.ev()
                || lse.length < bh * d.l())
            throw new IllegalArgumentException("FlashAttention: arrays too small for " + d);
        if (bh * d.l() * Math.max(d.e(), d.ev()) > Integer.MAX_VALUE
                || bh * d.s() * Math.max(d.e(), d.ev()) > Integer.MAX_VALUE)
            throw new IllegalArgumentException("FlashAttention: " + d + " does not fit in arrays indexed by int");
    }
}
