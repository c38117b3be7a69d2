package dev.myelin.kernel;

import jdk.incubator.vector.FloatVector;
import jdk.incubator.vector.VectorMask;
import jdk.incubator.vector.VectorOperators;
import jdk.incubator.vector.VectorSpecies;

/**
 * Vectorized elementwise loops, reductions and activation functions over {@code float[]} slices.
 *
 * <p>Every method takes arrays with explicit offsets and a length {@code n}; the main loop uses full
 * vectors of {@link FloatVector#SPECIES_PREFERRED} and the tail a scalar loop, so any {@code n >= 0}
 * works. Output may alias an input at the same offset (in-place use). Reductions are done in a fixed
 * order, so they are deterministic for a given {@code n} and machine.
 */
final class VectorOpsSimd {

    static final VectorSpecies<Float> S = FloatVector.SPECIES_PREFERRED;
    static final int L = S.length();

    private VectorOpsSimd() {}

    /** out = a + b. */
    public static void add(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        int i = 0;
        for (int ub = S.loopBound(n); i < ub; i += L) {
            FloatVector.fromArray(S, a, ao + i)
                    .add(FloatVector.fromArray(S, b, bo + i))
                    .intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            out[oo + i] = a[ao + i] + b[bo + i];
        }
    }

    /** out = a - b. */
    public static void sub(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        int i = 0;
        for (int ub = S.loopBound(n); i < ub; i += L) {
            FloatVector.fromArray(S, a, ao + i)
                    .sub(FloatVector.fromArray(S, b, bo + i))
                    .intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            out[oo + i] = a[ao + i] - b[bo + i];
        }
    }

    /** out = a * b. */
    public static void mul(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        int i = 0;
        for (int ub = S.loopBound(n); i < ub; i += L) {
            FloatVector.fromArray(S, a, ao + i)
                    .mul(FloatVector.fromArray(S, b, bo + i))
                    .intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            out[oo + i] = a[ao + i] * b[bo + i];
        }
    }

    /** out = a / b. */
    public static void div(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        int i = 0;
        for (int ub = S.loopBound(n); i < ub; i += L) {
            FloatVector.fromArray(S, a, ao + i)
                    .div(FloatVector.fromArray(S, b, bo + i))
                    .intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            out[oo + i] = a[ao + i] / b[bo + i];
        }
    }

    /** out = a + s. */
    public static void addScalar(float[] a, int ao, float s, float[] out, int oo, int n) {
        int i = 0;
        for (int ub = S.loopBound(n); i < ub; i += L) {
            FloatVector.fromArray(S, a, ao + i).add(s).intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            out[oo + i] = a[ao + i] + s;
        }
    }

    /** out = a * s. */
    public static void mulScalar(float[] a, int ao, float s, float[] out, int oo, int n) {
        int i = 0;
        for (int ub = S.loopBound(n); i < ub; i += L) {
            FloatVector.fromArray(S, a, ao + i).mul(s).intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            out[oo + i] = a[ao + i] * s;
        }
    }

    /** y += alpha * x (fused multiply-add in the vector loop). */
    public static void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        int i = 0;
        FloatVector va = FloatVector.broadcast(S, alpha);
        for (int ub = S.loopBound(n); i < ub; i += L) {
            FloatVector.fromArray(S, x, xo + i)
                    .fma(va, FloatVector.fromArray(S, y, yo + i))
                    .intoArray(y, yo + i);
        }
        for (; i < n; i++) {
            y[yo + i] = Math.fma(alpha, x[xo + i], y[yo + i]);
        }
    }

    /** a[ao .. ao+n) = v. */
    public static void fill(float[] a, int ao, float v, int n) {
        java.util.Arrays.fill(a, ao, ao + n, v);
    }

    /** Sum of a[ao .. ao+n), accumulated lane-wise then reduced (fixed order). */
    public static float sum(float[] a, int ao, int n) {
        int i = 0;
        FloatVector acc = FloatVector.zero(S);
        for (int ub = S.loopBound(n); i < ub; i += L) {
            acc = acc.add(FloatVector.fromArray(S, a, ao + i));
        }
        float s = sumLanes(acc);
        for (; i < n; i++) {
            s += a[ao + i];
        }
        return s;
    }

    /** Dot product of a[ao..ao+n) and b[bo..bo+n). */
    public static float dot(float[] a, int ao, float[] b, int bo, int n) {
        int i = 0;
        FloatVector acc = FloatVector.zero(S);
        for (int ub = S.loopBound(n); i < ub; i += L) {
            acc = FloatVector.fromArray(S, a, ao + i).fma(FloatVector.fromArray(S, b, bo + i), acc);
        }
        float s = sumLanes(acc);
        for (; i < n; i++) {
            s = Math.fma(a[ao + i], b[bo + i], s);
        }
        return s;
    }

    private static float sumLanes(FloatVector acc) {
        return sumLanes(acc, new float[L]);
    }

    /**
     * The lanes of {@code v} added first to last, {@code lanes} (at least one vector long) as scratch. Not
     * {@code reduceLanes(ADD)}: its order is unspecified and differs between C2-compiled code and the code that runs
     * before, which made results depend on when the JIT got to the caller. (A pairwise order measured 3% slower on
     * 28- and 128-key attention rows.)
     */
    static float sumLanes(FloatVector v, float[] lanes) {
        v.intoArray(lanes, 0);
        float s = 0f;
        for (int i = 0; i < L; i++) s += lanes[i];
        return s;
    }

    /**
     * The largest lane of {@code v} (NaN if any lane is NaN, +0 over −0), {@code lanes} as scratch. Pairwise: the
     * result does not depend on the order (Math.max is associative and commutative, NaN and signed zeros included),
     * and each Math.max is a chain of several instructions, so sixteen in a row cost ~100 ns, which at T = 128 was
     * a third of the attention forward.
     */
    static float maxLanes(FloatVector v, float[] lanes) {
        v.intoArray(lanes, 0);
        if (L == 16) { // the tree in locals: the JIT keeps them in registers (L is a constant, so this folds)
            float m0 = Math.max(Math.max(lanes[0], lanes[1]), Math.max(lanes[2], lanes[3]));
            float m1 = Math.max(Math.max(lanes[4], lanes[5]), Math.max(lanes[6], lanes[7]));
            float m2 = Math.max(Math.max(lanes[8], lanes[9]), Math.max(lanes[10], lanes[11]));
            float m3 = Math.max(Math.max(lanes[12], lanes[13]), Math.max(lanes[14], lanes[15]));
            return Math.max(Math.max(m0, m1), Math.max(m2, m3));
        }
        if (L == 8) {
            float m0 = Math.max(Math.max(lanes[0], lanes[1]), Math.max(lanes[2], lanes[3]));
            float m1 = Math.max(Math.max(lanes[4], lanes[5]), Math.max(lanes[6], lanes[7]));
            return Math.max(m0, m1);
        }
        float m = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < L; i++) m = Math.max(m, lanes[i]);
        return m;
    }

    /** Maximum of a[ao..ao+n); {@code -Infinity} when n == 0; NaN if any element is NaN. */
    public static float max(float[] a, int ao, int n) {
        int i = 0;
        float m = Float.NEGATIVE_INFINITY;
        if (n >= L) {
            FloatVector acc = FloatVector.fromArray(S, a, ao);
            for (int ub = S.loopBound(n); i < ub; i += L) {
                acc = acc.max(FloatVector.fromArray(S, a, ao + i)); // Vector max propagates NaN
            }
            m = acc.reduceLanes(VectorOperators.MAX);
        }
        for (; i < n; i++) {
            m = Math.max(m, a[ao + i]);
        }
        return m;
    }

    // exp, tanh and sigmoid are scalar on purpose. The Vector API's EXP and TANH lanes are only
    // specified to within an ulp or so, and HotSpot computes them one way in C2-compiled code and
    // another (Math per lane) before C2 has compiled the caller; when that switch happens depends
    // on timing, so the same seed gave different training runs. Math.exp and Math.tanh use the
    // same routine in the interpreter and in compiled code, so these results never depend on the JIT.

    /** out = exp(in). */
    public static void exp(float[] in, int io, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = (float) Math.exp(in[io + i]);
        }
    }

    /** out = tanh(in). */
    public static void tanh(float[] in, int io, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = (float) Math.tanh(in[io + i]);
        }
    }

    /** out = 1 / (1 + exp(-in)). */
    public static void sigmoid(float[] in, int io, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            out[oo + i] = (float) (1.0 / (1.0 + Math.exp(-in[io + i])));
        }
    }

    /** out = max(in, 0). */
    public static void relu(float[] in, int io, float[] out, int oo, int n) {
        int i = 0;
        for (int ub = S.loopBound(n); i < ub; i += L) {
            FloatVector.fromArray(S, in, io + i).max(0f).intoArray(out, oo + i);
        }
        for (; i < n; i++) {
            float v = in[io + i];
            out[oo + i] = v > 0f ? v : 0f;
        }
    }

    /** gradIn = x > 0 ? gradOut : 0, where x is the ReLU input (or output: same sign test). */
    public static void reluBackward(float[] x, int xo, float[] gradOut, int go, float[] gradIn, int gi, int n) {
        int i = 0;
        FloatVector zero = FloatVector.zero(S);
        for (int ub = S.loopBound(n); i < ub; i += L) {
            VectorMask<Float> pos = FloatVector.fromArray(S, x, xo + i).compare(VectorOperators.GT, 0f);
            zero.blend(FloatVector.fromArray(S, gradOut, go + i), pos).intoArray(gradIn, gi + i);
        }
        for (; i < n; i++) {
            gradIn[gi + i] = x[xo + i] > 0f ? gradOut[go + i] : 0f;
        }
    }

    /** gradIn = gradOut * y * (1 - y), where y is the sigmoid output. */
    public static void sigmoidBackward(float[] y, int yo, float[] gradOut, int go, float[] gradIn, int gi, int n) {
        int i = 0;
        for (int ub = S.loopBound(n); i < ub; i += L) {
            FloatVector vy = FloatVector.fromArray(S, y, yo + i);
            FloatVector.fromArray(S, gradOut, go + i)
                    .mul(vy)
                    .mul(vy.neg().add(1f))
                    .intoArray(gradIn, gi + i);
        }
        for (; i < n; i++) {
            float v = y[yo + i];
            gradIn[gi + i] = gradOut[go + i] * v * (1f - v);
        }
    }

    /** gradIn = gradOut * (1 - y^2), where y is the tanh output. */
    public static void tanhBackward(float[] y, int yo, float[] gradOut, int go, float[] gradIn, int gi, int n) {
        int i = 0;
        for (int ub = S.loopBound(n); i < ub; i += L) {
            FloatVector vy = FloatVector.fromArray(S, y, yo + i);
            FloatVector.fromArray(S, gradOut, go + i)
                    .mul(vy.mul(vy).neg().add(1f))
                    .intoArray(gradIn, gi + i);
        }
        for (; i < n; i++) {
            float v = y[yo + i];
            gradIn[gi + i] = gradOut[go + i] * (1f - v * v);
        }
    }

    /**
     * out[j] = Σ_r x[r, j], the column sums of the row-major rows×cols matrix x (a bias gradient),
     * added row by row in order, so each sum is the same whatever the vector width.
     */
    public static void columnSums(float[] x, int rows, int cols, float[] out) {
        columnSums(x, 0, cols, rows, cols, out, 0);
    }

    /**
     * out[oo + j] = Σ_r x[xo + r·ld + j] for j &lt; cols: the column sums of a rows×cols block with leading
     * dimension ld (a bias gradient from some columns of a wider buffer), added row by row in order.
     */
    public static void columnSums(float[] x, int xo, int ld, int rows, int cols, float[] out, int oo) {
        checkBlock("columnSums", x, xo, ld, rows, cols, out, oo);
        java.util.Arrays.fill(out, oo, oo + cols, 0f);
        if (cols < L) { // narrower than a vector: a plain loop beats a call per row
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < cols; j++) {
                    out[oo + j] += x[xo + r * ld + j];
                }
            }
            return;
        }
        for (int r = 0; r < rows; r++) {
            add(out, oo, x, xo + r * ld, out, oo, cols);
        }
    }

    /** x[r, :] = row for every row of the row-major rows×cols matrix x (a bias broadcast). */
    public static void fillRows(float[] x, int rows, int cols, float[] row) {
        fillRows(x, 0, cols, rows, cols, row);
    }

    /** x[xo + r·ld + j] = row[j] for r &lt; rows, j &lt; cols: a bias broadcast into some columns of a wider buffer. */
    public static void fillRows(float[] x, int xo, int ld, int rows, int cols, float[] row) {
        checkBlock("fillRows", x, xo, ld, rows, cols, row, 0);
        if (cols < L) {
            for (int r = 0; r < rows; r++) {
                for (int j = 0; j < cols; j++) {
                    x[xo + r * ld + j] = row[j];
                }
            }
            return;
        }
        int ub = S.loopBound(cols);
        for (int r = 0; r < rows; r++) { // vector stores: cheaper than an arraycopy call per short row
            int o = xo + r * ld;
            int i = 0;
            for (; i < ub; i += L) {
                FloatVector.fromArray(S, row, i).intoArray(x, o + i);
            }
            for (; i < cols; i++) {
                x[o + i] = row[i];
            }
        }
    }

    /** x[r, :] += bias for every row of the row-major rows×cols matrix x (in place). */
    public static void biasAddRows(float[] x, int rows, int cols, float[] bias) {
        checkRows("biasAddRows", x, rows, cols, bias);
        for (int r = 0; r < rows; r++) {
            add(x, r * cols, bias, 0, x, r * cols, cols);
        }
    }

    /** x[r, :] = max(x[r, :] + bias, 0) for every row (fused bias + ReLU of a linear layer, in place). */
    public static void biasReluRows(float[] x, int rows, int cols, float[] bias) {
        checkRows("biasReluRows", x, rows, cols, bias);
        for (int r = 0; r < rows; r++) {
            int o = r * cols;
            int i = 0;
            for (int ub = S.loopBound(cols); i < ub; i += L) {
                FloatVector.fromArray(S, x, o + i)
                        .add(FloatVector.fromArray(S, bias, i))
                        .max(0f)
                        .intoArray(x, o + i);
            }
            for (; i < cols; i++) {
                float v = x[o + i] + bias[i];
                x[o + i] = v > 0f ? v : 0f;
            }
        }
    }

    private static void checkBlock(String op, float[] x, int xo, int ld, int rows, int cols, float[] row, int ro) {
        if (ld < cols
                || xo < 0
                || ro < 0
                || row.length - ro < cols
                || (rows > 0 && (long) xo + (long) (rows - 1) * ld + cols > x.length)) {
            throw new IllegalArgumentException(op + ": x has " + x.length + " elements for " + rows + "x" + cols
                    + " at offset " + xo + " with leading dimension " + ld + ", the row array has " + row.length
                    + " (need " + cols + " from " + ro + ")");
        }
    }

    private static void checkRows(String op, float[] x, int rows, int cols, float[] row) {
        if (row.length < cols || (long) rows * cols > x.length) {
            throw new IllegalArgumentException(op + ": x has " + x.length + " elements for " + rows + "x" + cols
                    + ", the row array has " + row.length + " (need " + cols + ")");
        }
    }
}
