package dev.myelin.data.preprocessing;

import dev.myelin.tensor.Tensor;

/**
 * Scales each feature to a range, like {@code sklearn.preprocessing.MinMaxScaler}:
 * {@code x * scale + min} with {@code scale = (max - min) / (dataMax - dataMin)} and
 * {@code min = featureMin - dataMin * scale}. Constant features (zero range) get scale {@code max - min}
 * (range treated as 1), as in scikit-learn. Values outside the fitted range are not clipped.
 */
public final class MinMaxScaler implements ColumnScaler<MinMaxScaler> {
    private final double featureMin;
    private final double featureMax;
    private double[] dataMin;
    private double[] dataMax;
    private double[] scale;
    private double[] min;

    /**
     * A scaler to the range [featureMin, featureMax] (scikit-learn's {@code feature_range}).
     *
     * @param featureMin the value the smallest fitted value maps to
     * @param featureMax the value the largest fitted value maps to
     * @throws IllegalArgumentException unless {@code featureMin < featureMax}
     */
    public MinMaxScaler(double featureMin, double featureMax) {
        if (!(featureMin < featureMax))
            throw new IllegalArgumentException(
                    "MinMaxScaler: the minimum of the desired feature range must be smaller than the maximum, got ("
                            + featureMin + ", " + featureMax + ")");
        this.featureMin = featureMin;
        this.featureMax = featureMax;
    }

    /** A scaler to the range [0, 1], scikit-learn's default. */
    public MinMaxScaler() {
        this(0, 1);
    }

    @Override
    public MinMaxScaler fit(Tensor x) {
        Matrix.check2d("MinMaxScaler.fit", x);
        int n = x.size(0), f = x.size(1);
        if (n == 0) throw new IllegalArgumentException("MinMaxScaler.fit: X has no samples");
        float[] d = x.values();
        double[] lo = new double[f], hi = new double[f], s = new double[f], m = new double[f];
        java.util.Arrays.fill(lo, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(hi, Double.NEGATIVE_INFINITY);
        for (int i = 0; i < n; i++)
            for (int j = 0; j < f; j++) {
                lo[j] = Math.min(lo[j], d[i * f + j]);
                hi[j] = Math.max(hi[j], d[i * f + j]);
            }
        for (int j = 0; j < f; j++) {
            double range = hi[j] - lo[j];
            s[j] = (featureMax - featureMin) / (range == 0 ? 1 : range);
            m[j] = featureMin - lo[j] * s[j];
        }
        this.dataMin = lo;
        this.dataMax = hi;
        this.scale = s;
        this.min = m;
        return this;
    }

    @Override
    public Tensor transform(Tensor x) {
        Matrix.checkFitted("MinMaxScaler.transform", scale);
        Matrix.checkFeatures("MinMaxScaler.transform", x, scale.length);
        return Matrix.affine(x, scale, min);
    }

    /**
     * Fits on X, then scales it (scikit-learn's {@code fit_transform}).
     *
     * @param x the samples, a 2-D tensor [N, F] (a view too) with N &gt;= 1
     * @return a new tensor [N, F] of values in [featureMin, featureMax]
     * @throws IllegalArgumentException if X is not 2-D or has no samples
     */
    public Tensor fitTransform(Tensor x) {
        return fit(x).transform(x);
    }

    @Override
    public Tensor inverseTransform(Tensor z) {
        Matrix.checkFitted("MinMaxScaler.inverseTransform", scale);
        Matrix.checkFeatures("MinMaxScaler.inverseTransform", z, scale.length);
        int f = scale.length;
        double[] a = new double[f], b = new double[f];
        for (int j = 0; j < f; j++) {
            a[j] = 1 / scale[j];
            b[j] = -min[j] / scale[j];
        }
        return Matrix.affine(z, a, b);
    }

    /**
     * {@return the per-feature minimum seen in fit ({@code data_min_}), shape [F]}
     *
     * @throws IllegalStateException if the scaler is not fitted
     */
    public Tensor dataMin() {
        Matrix.checkFitted("MinMaxScaler.dataMin", dataMin);
        return Matrix.row(dataMin);
    }

    /**
     * {@return the per-feature maximum seen in fit ({@code data_max_}), shape [F]}
     *
     * @throws IllegalStateException if the scaler is not fitted
     */
    public Tensor dataMax() {
        Matrix.checkFitted("MinMaxScaler.dataMax", dataMax);
        return Matrix.row(dataMax);
    }

    /**
     * {@return the per-feature factor ({@code scale_}), {@code (max - min) / (dataMax - dataMin)}, shape [F]}
     *
     * @throws IllegalStateException if the scaler is not fitted
     */
    public Tensor scale() {
        Matrix.checkFitted("MinMaxScaler.scale", scale);
        return Matrix.row(scale);
    }

    /**
     * {@return the per-feature offset ({@code min_}, not the data minimum), {@code featureMin - dataMin * scale},
     * shape [F]}
     *
     * @throws IllegalStateException if the scaler is not fitted
     */
    public Tensor min() {
        Matrix.checkFitted("MinMaxScaler.min", min);
        return Matrix.row(min);
    }
}
