package dev.myelin.data.preprocessing;

import dev.myelin.tensor.Tensor;

/**
 * Standardizes features to zero mean and unit variance, like {@code sklearn.preprocessing.StandardScaler}:
 * {@code z = (x - mean) / scale} with the population standard deviation (ddof = 0). Features with (numerically)
 * zero variance get scale 1, so they are only centred.
 */
public final class StandardScaler implements ColumnScaler<StandardScaler> {
    private final boolean withMean;
    private final boolean withStd;
    private double[] mean;
    private double[] var;
    private double[] scale;
    private int nSamplesSeen;

    /**
     * A scaler with scikit-learn's {@code with_mean} and {@code with_std} switches; the statistics are learned
     * either way.
     *
     * @param withMean whether transform subtracts the mean
     * @param withStd whether transform divides by the standard deviation
     */
    public StandardScaler(boolean withMean, boolean withStd) {
        this.withMean = withMean;
        this.withStd = withStd;
    }

    /** A scaler that centres and scales, scikit-learn's default. */
    public StandardScaler() {
        this(true, true);
    }

    /** Learns the per-feature mean and standard deviation of X [N, F]. */
    @Override
    public StandardScaler fit(Tensor x) {
        Matrix.check2d("StandardScaler.fit", x);
        int n = x.size(0), f = x.size(1);
        if (n == 0) throw new IllegalArgumentException("StandardScaler.fit: X has no samples");
        float[] d = x.values();
        double[] m = new double[f], v = new double[f], s = new double[f];
        for (int i = 0; i < n; i++) for (int j = 0; j < f; j++) m[j] += d[i * f + j];
        for (int j = 0; j < f; j++) m[j] /= n;
        // Two passes: the mean first, then squared deviations, to avoid cancellation.
        for (int i = 0; i < n; i++)
            for (int j = 0; j < f; j++) {
                double c = d[i * f + j] - m[j];
                v[j] += c * c;
            }
        for (int j = 0; j < f; j++) {
            v[j] /= n;
            s[j] = isConstant(v[j], m[j], n) ? 1 : Math.sqrt(v[j]);
        }
        this.mean = m;
        this.var = v;
        this.scale = s;
        this.nSamplesSeen = n;
        return this;
    }

    /** scikit-learn's test for a constant feature: the variance is within rounding error of zero. */
    private static boolean isConstant(double var, double mean, int n) {
        double eps = Math.ulp(1.0);
        double upper = n * eps * var + Math.pow(n * mean * eps, 2);
        return var <= upper;
    }

    @Override
    public Tensor transform(Tensor x) {
        Matrix.checkFitted("StandardScaler.transform", mean);
        Matrix.checkFeatures("StandardScaler.transform", x, mean.length);
        int f = mean.length;
        double[] a = new double[f], b = new double[f];
        for (int j = 0; j < f; j++) {
            a[j] = withStd ? 1 / scale[j] : 1;
            b[j] = withMean ? -mean[j] * a[j] : 0;
        }
        return Matrix.affine(x, a, b);
    }

    /**
     * Fits on X, then standardizes it (scikit-learn's {@code fit_transform}).
     *
     * @param x the samples, a 2-D tensor [N, F] (a view too) with N &gt;= 1
     * @return a new tensor [N, F] of standardized values
     * @throws IllegalArgumentException if X is not 2-D or has no samples
     */
    public Tensor fitTransform(Tensor x) {
        return fit(x).transform(x);
    }

    @Override
    public Tensor inverseTransform(Tensor z) {
        Matrix.checkFitted("StandardScaler.inverseTransform", mean);
        Matrix.checkFeatures("StandardScaler.inverseTransform", z, mean.length);
        int f = mean.length;
        double[] a = new double[f], b = new double[f];
        for (int j = 0; j < f; j++) {
            a[j] = withStd ? scale[j] : 1;
            b[j] = withMean ? mean[j] : 0;
        }
        return Matrix.affine(z, a, b);
    }

    /**
     * {@return the per-feature mean ({@code mean_}), shape [F]}
     *
     * @throws IllegalStateException if the scaler is not fitted
     */
    public Tensor mean() {
        Matrix.checkFitted("StandardScaler.mean", mean);
        return Matrix.row(mean);
    }

    /**
     * {@return the per-feature population variance ({@code var_}, ddof = 0), shape [F]}
     *
     * @throws IllegalStateException if the scaler is not fitted
     */
    public Tensor var() {
        Matrix.checkFitted("StandardScaler.var", var);
        return Matrix.row(var);
    }

    /**
     * {@return the per-feature scale ({@code scale_}): the standard deviation, or 1 for constant features,
     * shape [F]}
     *
     * @throws IllegalStateException if the scaler is not fitted
     */
    public Tensor scale() {
        Matrix.checkFitted("StandardScaler.scale", scale);
        return Matrix.row(scale);
    }

    /** {@return the number of samples of the last fit ({@code n_samples_seen_}), 0 before fitting} */
    public int nSamplesSeen() {
        return nSamplesSeen;
    }
}
