package dev.myelin.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorSpecies;

/**
 * One GRU step's gates and state update fused into one vectorized pass over a row, forward and backward,
 * as {@code nn.GRU}: with the input projection xg and the hidden projection hg (biases included) in PyTorch's
 * gate order r, z, n, {@code r = σ(xg_r + hg_r)}, {@code z = σ(xg_z + hg_z)}, {@code n = tanh(xg_n + r·hg_n)},
 * {@code h' = (1 − z)·n + z·h}.
 *
 * <p>Layout, threading and determinism as {@link LstmCellKernel}.
 */
public final class GruCellKernel {
    private static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;

    private GruCellKernel() {}

    /** Floats per row that {@link #forward} saves for {@link #backward}: r, z, n and hg_n, each H wide. */
    public static int savedPerRow(int hidden) {
        return 4 * hidden;
    }

    /**
     * Forward: reads xg, hg [batch, 3H] and h [batch, H]; writes h' to out [batch, H] and what backward needs
     * to act [batch, {@link #savedPerRow}] (both compact).
     */
    public static void forward(
            int batch,
            int hidden,
            float[] xg,
            int xo,
            int xld,
            float[] hg,
            int ho,
            int hld,
            float[] h,
            int hOff,
            int hStride,
            float[] act,
            float[] out) {
        int saved = savedPerRow(hidden), h2 = 2 * hidden;
        Parallel.forRange(batch, LstmCellKernel.minRows(hidden), (from, to) -> {
            for (int b = from; b < to; b++) {
                int x = xo + b * xld, hh = ho + b * hld, a = b * saved;
                VectorOps.add(xg, x, hg, hh, act, a, h2); // pre-activations r, z
                System.arraycopy(xg, x + h2, act, a + h2, hidden); // xg_n
                System.arraycopy(hg, hh + h2, act, a + 3 * hidden, hidden); // hg_n
                forwardRow(hidden, act, a, h, hOff + b * hStride, out, b * hidden);
            }
        });
    }

    /**
     * One row, in place: from act[a..] = [pre-activations of r and z, xg_n, hg_n] (4H, biases included) and
     * h[hr..] (H), leaves [r, z, n, hg_n] in act[a..] (what backward needs) and writes h' to out[o..].
     */
    static void forwardRow(int hidden, float[] act, int a, float[] h, int hr, float[] out, int o) {
        int h2 = 2 * hidden;
        GateMath.sigmoid(act, a, h2);
        newGatePreActivation(hidden, act, a);
        GateMath.tanh(act, a + h2, hidden); // n
        update(hidden, act, a, h, hr, out, o);
    }

    /**
     * n's pre-activation xg_n + r·hg_n, in act's n slot. This and {@link #update} are methods of their own:
     * inlined into forwardRow after the gate functions, their vector loads were boxed.
     */
    private static void newGatePreActivation(int hidden, float[] act, int a) {
        int h2 = 2 * hidden, h3 = 3 * hidden, ub = S.loopBound(hidden);
        int j = 0;
        for (; j < ub; j += S.length())
            FloatVector.fromArray(S, act, a + h2 + j)
                    .add(FloatVector.fromArray(S, act, a + j).mul(FloatVector.fromArray(S, act, a + h3 + j)))
                    .intoArray(act, a + h2 + j);
        for (; j < hidden; j++) act[a + h2 + j] = act[a + h2 + j] + act[a + j] * act[a + h3 + j];
    }

    /** h' = (1 − z)·n + z·h from the activated gates in act[a..]. */
    private static void update(int hidden, float[] act, int a, float[] h, int hr, float[] out, int o) {
        int h2 = 2 * hidden, ub = S.loopBound(hidden);
        int j = 0;
        for (; j < ub; j += S.length()) {
            FloatVector z = FloatVector.fromArray(S, act, a + hidden + j);
            z.neg()
                    .add(1f)
                    .mul(FloatVector.fromArray(S, act, a + h2 + j))
                    .add(z.mul(FloatVector.fromArray(S, h, hr + j)))
                    .intoArray(out, o + j);
        }
        for (; j < hidden; j++) {
            float z = act[a + hidden + j];
            out[o + j] = (1f - z) * act[a + h2 + j] + z * h[hr + j];
        }
    }

    /**
     * Backward: from dOut [batch, H] (compact), the saved act and the previous h, writes the gradients of the
     * input projection dxg [batch, 3H], of the hidden projection dhg [batch, 3H] and, if dh is not null, of the
     * previous h directly through z, dh [batch, H] (all compact).
     */
    public static void backward(
            int batch,
            int hidden,
            float[] dOut,
            float[] act,
            float[] h,
            int hOff,
            int hStride,
            float[] dxg,
            float[] dhg,
            float[] dh) {
        int saved = savedPerRow(hidden), h2 = 2 * hidden, h3 = 3 * hidden;
        Parallel.forRange(batch, LstmCellKernel.minRows(hidden), (from, to) -> {
            for (int b = from; b < to; b++) {
                backwardRow(
                        hidden,
                        dOut,
                        b * hidden,
                        act,
                        b * saved,
                        h,
                        hOff + b * hStride,
                        dxg,
                        b * h3,
                        dhg,
                        b * h3 + h2,
                        dh,
                        b * hidden);
                System.arraycopy(dxg, b * h3, dhg, b * h3, h2); // the r and z gates' gradients are the same for both
            }
        });
    }

    /**
     * One row: from d[o..] (the gradient of h'), the saved act[a..] and the previous h[hr..], writes the input
     * projection's gradient (dr, dz, dn) to dxg[g..] (3H), the hidden projection's n block r·dn to dhgN[gn..]
     * (its r and z blocks equal dxg's) and, if dh is not null, the previous h's gradient through z to dh[dho..].
     * dxg and dhgN may be act itself at a and a + 3H: each element is read before it is written. Results below
     * {@link GateMath#TINY} are written as zero ({@link GateMath#flush}).
     */
    static void backwardRow(
            int hidden,
            float[] dOut,
            int o,
            float[] act,
            int a,
            float[] h,
            int hr,
            float[] dxg,
            int g,
            float[] dhgN,
            int gn,
            float[] dh,
            int dho) {
        int h2 = 2 * hidden, ub = S.loopBound(hidden);
        int j = 0;
        for (; j < ub; j += S.length()) {
            FloatVector r = FloatVector.fromArray(S, act, a + j),
                    z = FloatVector.fromArray(S, act, a + hidden + j),
                    n = FloatVector.fromArray(S, act, a + h2 + j),
                    hn = FloatVector.fromArray(S, act, a + 3 * hidden + j);
            FloatVector d = FloatVector.fromArray(S, dOut, o + j);
            FloatVector dn = d.mul(z.neg().add(1f)).mul(n.mul(n).neg().add(1f));
            FloatVector dz = d.mul(FloatVector.fromArray(S, h, hr + j).sub(n))
                    .mul(z.mul(z.neg().add(1f)));
            FloatVector dr = dn.mul(hn).mul(r.mul(r.neg().add(1f)));
            // tiny gradients (a long sequence's vanishing gradient) flushed to zero: see GateMath.flush
            FloatVector dnr = dn.mul(r);
            dr.blend(0f, dr.abs().lt(GateMath.TINY)).intoArray(dxg, g + j);
            dz.blend(0f, dz.abs().lt(GateMath.TINY)).intoArray(dxg, g + hidden + j);
            dn.blend(0f, dn.abs().lt(GateMath.TINY)).intoArray(dxg, g + h2 + j);
            dnr.blend(0f, dnr.abs().lt(GateMath.TINY)).intoArray(dhgN, gn + j);
            if (dh != null) {
                FloatVector dhz = d.mul(z);
                dhz.blend(0f, dhz.abs().lt(GateMath.TINY)).intoArray(dh, dho + j);
            }
        }
        for (; j < hidden; j++) {
            float r = act[a + j], z = act[a + hidden + j], n = act[a + h2 + j], hn = act[a + 3 * hidden + j];
            float d = dOut[o + j];
            float dn = d * (1f - z) * (1f - n * n);
            float dz = d * (h[hr + j] - n) * (z * (1f - z));
            float dr = dn * hn * (r * (1f - r));
            dxg[g + j] = GateMath.flush(dr);
            dxg[g + hidden + j] = GateMath.flush(dz);
            dxg[g + h2 + j] = GateMath.flush(dn);
            dhgN[gn + j] = GateMath.flush(dn * r);
            if (dh != null) dh[dho + j] = GateMath.flush(d * z);
        }
    }
}
