package dev.myelin.estimator.preprocessing;

import dev.myelin.estimator.Inputs;

/**
 * Standardizes features to zero mean and unit variance, as scikit-learn's {@code StandardScaler}: population
 * standard deviation; a constant feature gets scale 1 (it is only centered).
 */
public final class StandardScaler {
    private double[] mean;
    private double[] scale;

    /** Learns each column's mean and standard deviation. */
    public StandardScaler fit(float[][] x) {
        Inputs.flatten(x, "StandardScaler");
        int f = x[0].length;
        mean = new double[f];
        scale = new double[f];
        for (float[] row : x) {
            for (int j = 0; j < f; j++) {
                mean[j] += row[j];
            }
        }
        for (int j = 0; j < f; j++) {
            mean[j] /= x.length;
        }
        for (float[] row : x) {
            for (int j = 0; j < f; j++) {
                double d = row[j] - mean[j];
                scale[j] += d * d;
            }
        }
        for (int j = 0; j < f; j++) {
            double sd = Math.sqrt(scale[j] / x.length);
            scale[j] = sd < 10 * Math.ulp(Math.max(1.0, Math.abs(mean[j]))) ? 1.0 : sd;
        }
        return this;
    }

    /** (x − mean) / scale, as a new array. */
    public float[][] transform(float[][] x) {
        check(x);
        float[][] out = new float[x.length][mean.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < mean.length; j++) {
                out[i][j] = (float) ((x[i][j] - mean[j]) / scale[j]);
            }
        }
        return out;
    }

    /** fit then transform. */
    public float[][] fitTransform(float[][] x) {
        return fit(x).transform(x);
    }

    /** x · scale + mean. */
    public float[][] inverseTransform(float[][] x) {
        check(x);
        float[][] out = new float[x.length][mean.length];
        for (int i = 0; i < x.length; i++) {
            for (int j = 0; j < mean.length; j++) {
                out[i][j] = (float) (x[i][j] * scale[j] + mean[j]);
            }
        }
        return out;
    }

    /** Column means (copy). */
    public double[] mean() {
        requireFitted();
        return mean.clone();
    }

    /** Column scales (standard deviations, 1 for constant columns) (copy). */
    public double[] scale() {
        requireFitted();
        return scale.clone();
    }

    private void requireFitted() {
        if (mean == null) {
            throw new IllegalStateException("This StandardScaler instance is not fitted yet. Call fit(X) first.");
        }
    }

    private void check(float[][] x) {
        requireFitted();
        Inputs.flatten(x, "StandardScaler");
        if (x[0].length != mean.length) {
            throw new IllegalArgumentException("X has " + x[0].length + " features, but StandardScaler was fitted with "
                    + mean.length + " features");
        }
    }
}
