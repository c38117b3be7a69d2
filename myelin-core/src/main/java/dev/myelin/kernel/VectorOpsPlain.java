package dev.myelin.kernel;

/**
 * Plain-Java twin of {@link VectorOpsSimd} for a JVM without the Vector API module: the same operations as simple
 * loops. Elementwise results are identical; sums and dot products run in index order, so they may differ from the
 * SIMD path's lane-wise order in the last bits.
 */
final class VectorOpsPlain {

    private VectorOpsPlain() {}

    static void add(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] + b[bo + i];
    }

    static void sub(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] - b[bo + i];
    }

    static void mul(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] * b[bo + i];
    }

    static void div(float[] a, int ao, float[] b, int bo, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] / b[bo + i];
    }

    static void addScalar(float[] a, int ao, float s, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] + s;
    }

    static void mulScalar(float[] a, int ao, float s, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] = a[ao + i] * s;
    }

    static void axpy(float alpha, float[] x, int xo, float[] y, int yo, int n) {
        for (int i = 0; i < n; i++) y[yo + i] = Math.fma(alpha, x[xo + i], y[yo + i]);
    }

    static void fill(float[] a, int ao, float v, int n) {
        java.util.Arrays.fill(a, ao, ao + n, v);
    }

    static float sum(float[] a, int ao, int n) {
        float s = 0f;
        for (int i = 0; i < n; i++) s += a[ao + i];
        return s;
    }

    static float dot(float[] a, int ao, float[] b, int bo, int n) {
        float s = 0f;
        for (int i = 0; i < n; i++) s = Math.fma(a[ao + i], b[bo + i], s);
        return s;
    }

    static float max(float[] a, int ao, int n) {
        float m = Float.NEGATIVE_INFINITY;
        for (int i = 0; i < n; i++) m = Math.max(m, a[ao + i]); // Math.max propagates NaN, as the vector max
        return m;
    }

    static void exp(float[] in, int io, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] = (float) Math.exp(in[io + i]);
    }

    static void tanh(float[] in, int io, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] = (float) Math.tanh(in[io + i]);
    }

    static void sigmoid(float[] in, int io, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) out[oo + i] = (float) (1.0 / (1.0 + Math.exp(-in[io + i])));
    }

    static void relu(float[] in, int io, float[] out, int oo, int n) {
        for (int i = 0; i < n; i++) {
            float v = in[io + i];
            out[oo + i] = v > 0f ? v : 0f;
        }
    }

    static void reluBackward(float[] x, int xo, float[] gradOut, int go, float[] gradIn, int gi, int n) {
        for (int i = 0; i < n; i++) gradIn[gi + i] = x[xo + i] > 0f ? gradOut[go + i] : 0f;
    }

    static void sigmoidBackward(float[] y, int yo, float[] gradOut, int go, float[] gradIn, int gi, int n) {
        for (int i = 0; i < n; i++) {
            float v = y[yo + i];
            gradIn[gi + i] = gradOut[go + i] * v * (1f - v);
        }
    }

    static void tanhBackward(float[] y, int yo, float[] gradOut, int go, float[] gradIn, int gi, int n) {
        for (int i = 0; i < n; i++) {
            float v = y[yo + i];
            gradIn[gi + i] = gradOut[go + i] * (1f - v * v);
        }
    }

    static void columnSums(float[] x, int rows, int cols, float[] out) {
        columnSums(x, 0, cols, rows, cols, out, 0);
    }

    static void columnSums(float[] x, int xo, int ld, int rows, int cols, float[] out, int oo) {
        checkBlock("columnSums", x, xo, ld, rows, cols, out, oo);
        java.util.Arrays.fill(out, oo, oo + cols, 0f);
        for (int r = 0; r < rows; r++) {
            for (int j = 0; j < cols; j++) out[oo + j] += x[xo + r * ld + j];
        }
    }

    static void fillRows(float[] x, int rows, int cols, float[] row) {
        fillRows(x, 0, cols, rows, cols, row);
    }

    static void fillRows(float[] x, int xo, int ld, int rows, int cols, float[] row) {
        checkBlock("fillRows", x, xo, ld, rows, cols, row, 0);
        for (int r = 0; r < rows; r++) System.arraycopy(row, 0, x, xo + r * ld, cols);
    }

    static void biasAddRows(float[] x, int rows, int cols, float[] bias) {
        checkRows("biasAddRows", x, rows, cols, bias);
        for (int r = 0; r < rows; r++) add(x, r * cols, bias, 0, x, r * cols, cols);
    }

    static void biasReluRows(float[] x, int rows, int cols, float[] bias) {
        checkRows("biasReluRows", x, rows, cols, bias);
        for (int r = 0; r < rows; r++) {
            for (int i = r * cols, j = 0; j < cols; i++, j++) {
                float v = x[i] + bias[j];
                x[i] = v > 0f ? v : 0f;
            }
        }
    }

    // The argument checks of VectorOpsSimd, with the same messages.
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
