package dev.myelin.estimator.preprocessing;

import dev.myelin.estimator.Inputs;

/**
 * Scales each feature linearly to a range (default [0, 1]), as scikit-learn's {@code MinMaxScaler}; a constant
 * feature maps to the range minimum.
 */
public final class MinMaxScaler {
    private final double low;
    private final double high;
    private double[] dataMin;
    private double[] dataRange;

    /** Scales to [0, 1]. */
    public MinMaxScaler() {
        this(0, 1);
    }

    /** Scales to [low, high]. */
    public MinMaxScaler(double low, double high) {
        if (!(low < high)) {
            throw new IllegalArgumentException("MinMaxScaler: the range minimum must be smaller than its maximum, got ["
                    + low + ", " + high + "]");
        }
        this.low = low;
        this.high = high;
    }

    /** Learns each column's minimum and maximum. */
    public MinMaxScaler fit(float[][] x) {
        Inputs.flatten(x, "MinMaxScaler");
        int f = x[0].length;
        dataMin = new double[f];
        dataRange = new double[f];
        double[] max = new double[f];
        java.util.Arrays.fill(dataMin, Double.POSITIVE_INFINITY);
        java.util.Arrays.fill(max, Double.NEGATIVE_INFINITY);
        for (float[] row : x) {
            for (int j = 0; j < f; j++) {
                dataMin[j] = Math.min(dataMin[j], row[j]);
                max[j] = Math.max(max[j], row[j]);
            }
        }
        for (int j = 0; j < f; j++) {
            dataRange[j] = max[j] - dataMin[j];
        }
        return this;
    }

    /** Scaled copy of X. */
    public float[][] transform(float[][] x) {
        if (dataMin == null) {
            throw new IllegalStateException("This MinMaxScaler instance is not fitted yet. Call fit(X) first.");
        }
        Inputs.flatten(x, "MinMaxScaler");
        if (x[0].length != dataMin.length) {
            throw new IllegalArgumentException("X has " + x[0].length + " features, but MinMaxScaler was fitted with "
                    + dataMin.length + " features");
        }
        float[][] out = new float[x.length][dataMin.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < dataMin.length; j++) {
                double r = dataRange[j] == 0 ? 1 : dataRange[j];
                out[i][j] = (float) (low + (x[i][j] - dataMin[j]) / r * (high - low));
            }
        }
        return out;
    }

    /** fit then transform. */
    public float[][] fitTransform(float[][] x) {
        return fit(x).transform(x);
    }
}
