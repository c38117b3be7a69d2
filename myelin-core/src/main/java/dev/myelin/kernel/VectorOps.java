package dev.myelin.kernel;

/**
 * Elementwise loops, reductions and activation functions over {@code float[]} slices: each method runs
 * {@link VectorOpsSimd} (the Vector API) or, when the JVM lacks {@code jdk.incubator.vector}, {@link VectorOpsPlain}
 * (plain loops, the same results up to the order of a reduction's sums). See {@link Simd}.
 *
 * <p>Every method takes arrays with explicit offsets and a length {@code n}; any {@code n >= 0} works. Output may
 * alias an input at the same offset (in-place use). Reductions are done in a fixed order, so they are deterministic
 * for a given {@code n} and machine.
 */
public final class VectorOps {

    /** Floats per vector on the SIMD path (8 on the plain path). */
    static final int L = Simd.lanes();

    private VectorOps() {}

    /** out = a + b. */
    public static void add(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        if (Simd.ENABLED) {
            VectorOpsSimd.add(a, ao, b, bo, out, oo, n);
        } else {
            VectorOpsPlain.add(a, ao, b, bo, out, oo, n);
        }
    }

    /** out = a - b. */
    public static void sub(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        if (Simd.ENABLED) {
            VectorOpsSimd.sub(a, ao, b, bo, out, oo, n);
        } else {
            VectorOpsPlain.sub(a, ao, b, bo, out, oo, n);
        }
    }

    /** out = a * b. */
    public static void mul(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        if (Simd.ENABLED) {
            VectorOpsSimd.mul(a, ao, b, bo, out, oo, n);
        } else {
            VectorOpsPlain.mul(a, ao, b, bo, out, oo, n);
        }
    }

    /** out = a / b. */
    public static void div(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        if (Simd.ENABLED) {
            VectorOpsSimd.div(a, ao, b, bo, out, oo, n);
        } else {
            VectorOpsPlain.div(a, ao, b, bo, out, oo, n);
        }
    }

    /** out = a + s. */
    public static void addScalar(float[] a, int ao, float s, float[] out, int oo, int n) {
        if (Simd.ENABLED) {
            VectorOpsSimd.addScalar(a, ao, s, out, oo, n);
        } else {
            VectorOpsPlain.addScalar(a, ao, s, out, oo, n);
        }
    }

    /** out = a * s. */
    public static void mulScalar(float[] a, int ao, float s, float[] out, int oo, int n) {
        if (Simd.ENABLED) {
            VectorOpsSimd.mulScalar(a, ao, s, out, oo, n);
        } else {
            VectorOpsPlain.mulScalar(a, ao, s, out, oo, n);
        }
    }

    /** y += alpha * x (fused multiply-add in the vector loop). */
    public static void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        if (Simd.ENABLED) {
            VectorOpsSimd.axpy(alpha, x, xo, y, yo, n);
        } else {
            VectorOpsPlain.axpy(alpha, x, xo, y, yo, n);
        }
    }

    /** a[ao .. ao+n) = v. */
    public static void fill(float[] a, int ao, float v, int n) {
        if (Simd.ENABLED) {
            VectorOpsSimd.fill(a, ao, v, n);
        } else {
            VectorOpsPlain.fill(a, ao, v, n);
        }
    }

    /** Sum of a[ao .. ao+n), accumulated lane-wise then reduced (fixed order). */
    public static float sum(float[] a, int ao, int n) {
        return Simd.ENABLED ? VectorOpsSimd.sum(a, ao, n) : VectorOpsPlain.sum(a, ao, n);
    }

    /** Dot product of a[ao..ao+n) and b[bo..bo+n). */
    public static float dot(float[] a, int ao, float[] b, int bo, int n) {
        return Simd.ENABLED ? VectorOpsSimd.dot(a, ao, b, bo, n) : VectorOpsPlain.dot(a, ao, b, bo, n);
    }

    /** Maximum of a[ao..ao+n); {@code -Infinity} when n == 0; NaN if any element is NaN. */
    public static float max(float[] a, int ao, int n) {
        return Simd.ENABLED ? VectorOpsSimd.max(a, ao, n) : VectorOpsPlain.max(a, ao, n);
    }

    /** out = exp(in). */
    public static void exp(float[] in, int io, float[] out, int oo, int n) {
        if (Simd.ENABLED) {
            VectorOpsSimd.exp(in, io, out, oo, n);
        } else {
            VectorOpsPlain.exp(in, io, out, oo, n);
        }
    }

    /** out = tanh(in). */
    public static void tanh(float[] in, int io, float[] out, int oo, int n) {
        if (Simd.ENABLED) {
            VectorOpsSimd.tanh(in, io, out, oo, n);
        } else {
            VectorOpsPlain.tanh(in, io, out, oo, n);
        }
    }

    /** out = 1 / (1 + exp(-in)). */
    public static void sigmoid(float[] in, int io, float[] out, int oo, int n) {
        if (Simd.ENABLED) {
            VectorOpsSimd.sigmoid(in, io, out, oo, n);
        } else {
            VectorOpsPlain.sigmoid(in, io, out, oo, n);
        }
    }

    /** out = max(in, 0). */
    public static void relu(float[] in, int io, float[] out, int oo, int n) {
        if (Simd.ENABLED) {
            VectorOpsSimd.relu(in, io, out, oo, n);
        } else {
            VectorOpsPlain.relu(in, io, out, oo, n);
        }
    }

    /** gradIn = x > 0 ? gradOut : 0, where x is the ReLU input (or output: same sign test). */
    public static void reluBackward(float[] x, int xo, float[] gradOut, int go, float[] gradIn, int gi, int n) {
        if (Simd.ENABLED) {
            VectorOpsSimd.reluBackward(x, xo, gradOut, go, gradIn, gi, n);
        } else {
            VectorOpsPlain.reluBackward(x, xo, gradOut, go, gradIn, gi, n);
        }
    }

    /** gradIn = gradOut * y * (1 - y), where y is the sigmoid output. */
    public static void sigmoidBackward(float[] y, int yo, float[] gradOut, int go, float[] gradIn, int gi, int n) {
        if (Simd.ENABLED) {
            VectorOpsSimd.sigmoidBackward(y, yo, gradOut, go, gradIn, gi, n);
        } else {
            VectorOpsPlain.sigmoidBackward(y, yo, gradOut, go, gradIn, gi, n);
        }
    }

    /** gradIn = gradOut * (1 - y^2), where y is the tanh output. */
    public static void tanhBackward(float[] y, int yo, float[] gradOut, int go, float[] gradIn, int gi, int n) {
        if (Simd.ENABLED) {
            VectorOpsSimd.tanhBackward(y, yo, gradOut, go, gradIn, gi, n);
        } else {
            VectorOpsPlain.tanhBackward(y, yo, gradOut, go, gradIn, gi, n);
        }
    }

    /**
     * out[j] = Σ_r x[r, j], the column sums of the row-major rows×cols matrix x (a bias gradient),
     * added row by row in order, so each sum is the same whatever the vector width.
     */
    public static void columnSums(float[] x, int rows, int cols, float[] out) {
        if (Simd.ENABLED) {
            VectorOpsSimd.columnSums(x, rows, cols, out);
        } else {
            VectorOpsPlain.columnSums(x, rows, cols, out);
        }
    }

    /**
     * out[oo + j] = Σ_r x[xo + r·ld + j] for j &lt; cols: the column sums of a rows×cols block with leading
     * dimension ld (a bias gradient from some columns of a wider buffer), added row by row in order.
     */
    public static void columnSums(float[] x, int xo, int ld, int rows, int cols, float[] out, int oo) {
        if (Simd.ENABLED) {
            VectorOpsSimd.columnSums(x, xo, ld, rows, cols, out, oo);
        } else {
            VectorOpsPlain.columnSums(x, xo, ld, rows, cols, out, oo);
        }
    }

    /** x[r, :] = row for every row of the row-major rows×cols matrix x (a bias broadcast). */
    public static void fillRows(float[] x, int rows, int cols, float[] row) {
        if (Simd.ENABLED) {
            VectorOpsSimd.fillRows(x, rows, cols, row);
        } else {
            VectorOpsPlain.fillRows(x, rows, cols, row);
        }
    }

    /** x[xo + r·ld + j] = row[j] for r &lt; rows, j &lt; cols: a bias broadcast into some columns of a wider buffer. */
    public static void fillRows(float[] x, int xo, int ld, int rows, int cols, float[] row) {
        if (Simd.ENABLED) {
            VectorOpsSimd.fillRows(x, xo, ld, rows, cols, row);
        } else {
            VectorOpsPlain.fillRows(x, xo, ld, rows, cols, row);
        }
    }

    /** x[r, :] += bias for every row of the row-major rows×cols matrix x (in place). */
    public static void biasAddRows(float[] x, int rows, int cols, float[] bias) {
        if (Simd.ENABLED) {
            VectorOpsSimd.biasAddRows(x, rows, cols, bias);
        } else {
            VectorOpsPlain.biasAddRows(x, rows, cols, bias);
        }
    }

    /** x[r, :] = max(x[r, :] + bias, 0) for every row (fused bias + ReLU of a linear layer, in place). */
    public static void biasReluRows(float[] x, int rows, int cols, float[] bias) {
        if (Simd.ENABLED) {
            VectorOpsSimd.biasReluRows(x, rows, cols, bias);
        } else {
            VectorOpsPlain.biasReluRows(x, rows, cols, bias);
        }
    }
}
