package dev.myelin.data;

import dev.myelin.tensor.Tensor;

/**
 * Checks and converts the arrays users pass to estimators: rectangular, non-empty, finite, matching lengths.
 * Messages name the estimator, the argument and the fix, as scikit-learn's {@code check_array} does.
 */
public final class Inputs {
    private Inputs() {}

    /**
     * Checks X and copies it row-major.
     *
     * @param x the samples, [n_samples][n_features]
     * @param who the estimator or method named in error messages, e.g. {@code "Perceptron"}
     * @return a row-major copy of X, length n_samples * n_features
     * @throws IllegalArgumentException if X is null, empty, ragged, or holds NaN or infinite values
     */
    public static float[] flatten(float[][] x, String who) {
        int cols = checkShape(x, who);
        float[] flat = new float[x.length * cols];
        for (int r = 0; r < x.length; r++) {
            float[] row = x[r];
            for (int c = 0; c < cols; c++) {
                float v = row[c];
                if (!Float.isFinite(v)) {
                    throw nonFinite(who, r, c, v);
                }
            }
            System.arraycopy(row, 0, flat, r * cols, cols);
        }
        return flat;
    }

    /**
     * Row-major float32 copy of X after checking that it is non-empty, rectangular and finite in float64. As
     * scikit-learn's {@code check_array} accepts any finite float64 value, so does this: a finite value beyond
     * float32's range becomes ±infinity in the copy (as numpy's {@code astype(float32)}), and an estimator trained
     * on it reports the non-finite weights it produces.
     *
     * @param x the rows [n_samples][n_features]
     * @param who the estimator named in messages
     * @return the row-major float32 values
     * @throws IllegalArgumentException if X is null, empty, ragged, or holds NaN or infinite values
     */
    public static float[] flatten(double[][] x, String who) {
        int cols = checkShape(x, who);
        float[] flat = new float[x.length * cols];
        for (int r = 0; r < x.length; r++) {
            double[] row = x[r];
            for (int c = 0; c < cols; c++) {
                double v = row[c];
                if (!Double.isFinite(v)) {
                    throw nonFinite(who, r, c, v);
                }
                flat[r * cols + c] = (float) v;
            }
        }
        return flat;
    }

    /**
     * Converts X to float32 rows after {@link #flatten(double[][], String)}'s checks.
     *
     * @param x the samples, [n_samples][n_features]
     * @param who the estimator or method named in error messages, e.g. {@code "Perceptron"}
     * @return new float32 rows, [n_samples][n_features]
     * @throws IllegalArgumentException as {@link #flatten(double[][], String)}
     */
    public static float[][] toFloat(double[][] x, String who) {
        float[] flat = flatten(x, who);
        int cols = x[0].length;
        float[][] out = new float[x.length][];
        for (int r = 0; r < x.length; r++) out[r] = java.util.Arrays.copyOfRange(flat, r * cols, (r + 1) * cols);
        return out;
    }

    /**
     * Checks a 2-D tensor X and copies its data.
     *
     * @param x the samples, a tensor (a view too) of shape [n_samples, n_features]
     * @param who the estimator or method named in error messages, e.g. {@code "Perceptron"}
     * @return a row-major copy of X's data
     * @throws IllegalArgumentException if X is null, not a non-empty 2-D tensor, or holds NaN or infinite values
     */
    public static float[] flatten(Tensor x, String who) {
        if (x == null) {
            throw new IllegalArgumentException(who + ": X is null; pass a 2-D tensor [n_samples, n_features]");
        }
        if (x.dim() != 2 || x.size(0) == 0 || x.size(1) == 0) {
            throw new IllegalArgumentException(
                    who + ": X must be a non-empty 2-D tensor [n_samples, n_features], got shape "
                            + java.util.Arrays.toString(x.shape()) + "; reshape it (e.g. x.reshape(n, -1))");
        }
        float[] d = x.values();
        int cols = x.size(1);
        for (int i = 0; i < x.size(0) * cols; i++) {
            if (!Float.isFinite(d[i])) {
                throw nonFinite(who, i / cols, i % cols, d[i]);
            }
        }
        return java.util.Arrays.copyOf(d, x.size(0) * cols);
    }

    /**
     * Checks that X (an array of primitive-array rows) is non-empty and rectangular.
     *
     * @param x the rows, e.g. a {@code float[][]} or {@code double[][]}
     * @param who the estimator or method named in error messages, e.g. {@code "Perceptron"}
     * @return the number of columns
     * @throws IllegalArgumentException if X is null, has no rows or no columns, has a null row, or is ragged
     */
    public static int checkShape(Object[] x, String who) {
        if (x == null) {
            throw new IllegalArgumentException(who + ": X is null; pass an array of shape [n_samples][n_features]");
        }
        if (x.length == 0) {
            throw new IllegalArgumentException(who + ": X has 0 samples; at least 1 is required");
        }
        int cols = -1;
        for (int r = 0; r < x.length; r++) {
            int len = x[r] == null ? -1 : java.lang.reflect.Array.getLength(x[r]);
            if (len < 0) {
                throw new IllegalArgumentException(who + ": row " + r + " of X is null");
            }
            if (cols < 0) {
                cols = len;
                if (cols == 0) {
                    throw new IllegalArgumentException(who + ": X has 0 features; at least 1 is required");
                }
            } else if (len != cols) {
                throw new IllegalArgumentException(who + ": X is ragged: row 0 has " + cols + " features but row " + r
                        + " has " + len + "; all rows must have the same length");
            }
        }
        return cols;
    }

    /**
     * Reads the width of a matrix already checked (by {@link #flatten(float[][], String)} or
     * {@link #checkShape}); it checks nothing itself.
     *
     * @param x a non-empty rectangular array of primitive-array rows
     * @return the length of row 0
     */
    public static int columns(Object[] x) {
        return java.lang.reflect.Array.getLength(x[0]);
    }

    /**
     * Checks that y has one entry per sample of X.
     *
     * @param nX the number of samples in X
     * @param nY the number of entries in y
     * @param who the estimator or method named in error messages, e.g. {@code "Perceptron"}
     * @throws IllegalArgumentException if {@code nX != nY}
     */
    public static void checkLengths(int nX, int nY, String who) {
        if (nX != nY) {
            throw new IllegalArgumentException(
                    who + ": X has " + nX + " samples but y has " + nY + "; pass one target per row of X");
        }
    }

    private static IllegalArgumentException nonFinite(String who, int r, int c, double v) {
        return new IllegalArgumentException(who + ": X contains " + v + " at row " + r + ", column " + c
                + "; remove or impute NaN/infinite values (e.g. replace them with the column mean) before fitting");
    }
}
