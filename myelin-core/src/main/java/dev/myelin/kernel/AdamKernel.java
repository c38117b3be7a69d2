package dev.myelin.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * The Adam/AdamW update of one parameter array, vectorized and split across the {@link Parallel}
 * pool (a 784×256 layer has 200K weights: one thread walking p, g, m and v is a visible part of a
 * training step). Vector lanes and the scalar tail evaluate the same float expressions in the same
 * order (no FMA), so the result does not depend on the vector width or the thread split.
 *
 * <pre>
 * p' = p·shrink;  g' = g + l2·p
 * m = b1·m + (1 − b1)·g';  v = b2·v + (1 − b2)·g'·g'
 * second = v, or vMax = max(vMax, v) with AMSGrad
 * p = p' − stepSize · m / (√second / bc2Sqrt + eps)
 * </pre>
 */
public final class AdamKernel {

    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    private static final int L = S.length();
    /** Elements per thread below which splitting does not pay for waking a worker. */
    private static final int MIN_CHUNK = 32 * 1024;

    /** The scalars of one update: decay rates, bias-corrected step size, and weight decay in both forms. */
    public record Scalars(float beta1, float beta2, float stepSize, float bc2Sqrt, float eps, float l2, float shrink) {}

    private AdamKernel() {}

    /**
     * Updates {@code p}, {@code m}, {@code v} (and {@code vMax} when it is not null, AMSGrad) in
     * place from the gradient {@code g}; all arrays have the same length.
     */
    public static void step(float[] p, float[] g, float[] m, float[] v, float[] vMax, Scalars h) {
        int n = p.length;
        if (g.length != n || m.length != n || v.length != n || (vMax != null && vMax.length != n)) {
            throw new IllegalArgumentException("AdamKernel.step: arrays differ in length (param " + n + ", grad "
                    + g.length + ", exp_avg " + m.length + ", exp_avg_sq " + v.length + ")");
        }
        Parallel.forRange(n, MIN_CHUNK, (from, to) -> range(p, g, m, v, vMax, from, to, h));
    }

    /** Elements [from, to); {@code vMax} null means plain Adam (a loop-invariant test the JIT hoists). */
    private static void range(float[] p, float[] g, float[] m, float[] v, float[] vMax, int from, int to, Scalars h) {
        float b1 = h.beta1(), b2 = h.beta2(), c1 = 1 - b1, c2 = 1 - b2;
        int i = from;
        for (int ub = from + S.loopBound(to - from); i < ub; i += L) {
            FloatVector pv = FloatVector.fromArray(S, p, i);
            FloatVector gv = FloatVector.fromArray(S, g, i).add(pv.mul(h.l2()));
            FloatVector mv = FloatVector.fromArray(S, m, i).mul(b1).add(gv.mul(c1));
            FloatVector vv =
                    FloatVector.fromArray(S, v, i).mul(b2).add(gv.mul(c2).mul(gv));
            mv.intoArray(m, i);
            vv.intoArray(v, i);
            FloatVector second = vv;
            if (vMax != null) {
                second = FloatVector.fromArray(S, vMax, i).max(vv);
                second.intoArray(vMax, i);
            }
            FloatVector denom = second.sqrt().div(h.bc2Sqrt()).add(h.eps());
            pv.mul(h.shrink()).sub(mv.div(denom).mul(h.stepSize())).intoArray(p, i);
        }
        for (; i < to; i++) {
            float gi = g[i] + p[i] * h.l2();
            m[i] = m[i] * b1 + gi * c1;
            v[i] = v[i] * b2 + gi * c2 * gi;
            float second = v[i];
            if (vMax != null) second = vMax[i] = Math.max(vMax[i], v[i]);
            float denom = (float) Math.sqrt(second) / h.bc2Sqrt() + h.eps();
            p[i] = p[i] * h.shrink() - m[i] / denom * h.stepSize();
        }
    }
}
