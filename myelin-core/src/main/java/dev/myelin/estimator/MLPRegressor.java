package dev.myelin.estimator;

import dev.myelin.data.Inputs;
import dev.myelin.metrics.RegressionMetrics;
import dev.myelin.tensor.Tensor;
import java.util.Map;

/**
 * Multilayer perceptron regressor with scikit-learn's {@code MLPRegressor} semantics: identity output, squared
 * error loss (half the mean over samples and outputs) plus the L2 term, one or several outputs, R² score.
 */
public final class MLPRegressor extends BaseMultilayerPerceptron<MLPRegressor> implements Regressor {

    /** A regressor with scikit-learn's defaults (one hidden layer of 100 relu units, adam). */
    public MLPRegressor() {}

    /**
     * Rebuilds a fitted regressor from its hyperparameters ({@link #getParams()}) and weights.
     *
     * @param params hyperparameters by name, as getParams() returns them
     * @param coefs the weight matrices, coefs[i] of shape [fanIn][fanOut]
     * @param intercepts the bias vectors, intercepts[i] of length fanOut
     * @return the fitted regressor
     */
    public static MLPRegressor restore(Map<String, ?> params, float[][][] coefs, float[][] intercepts) {
        MLPRegressor r = new MLPRegressor().setParams(params);
        r.installWeights(coefs, intercepts, OutputLayer.IDENTITY);
        return r;
    }

    @Override
    public MLPRegressor fit(float[][] x, float[] y) {
        float[] flat = Inputs.flatten(x, name());
        return fitTargets(flat, x.length, Inputs.columns(x), checkTargets(y, x.length), 1, false);
    }

    /**
     * Fits on double-precision data (converted to float32).
     *
     * @param x the samples, [n_samples][n_features] (computed in float32)
     * @param y the targets, one per sample
     * @return this regressor
     */
    public MLPRegressor fit(double[][] x, double[] y) {
        float[] flat = Inputs.flatten(x, name());
        float[] t = new float[y == null ? 0 : y.length];
        for (int i = 0; i < t.length; i++) {
            t[i] = (float) y[i];
        }
        return fitTargets(flat, x.length, Inputs.columns(x), checkTargets(y == null ? null : t, x.length), 1, false);
    }

    /**
     * Multi-output fit: Y [n_samples][n_outputs].
     *
     * @param x the samples, [n_samples][n_features]
     * @param y the targets, [n_samples][n_outputs]
     * @return this regressor
     */
    public MLPRegressor fit(float[][] x, float[][] y) {
        float[] flat = Inputs.flatten(x, name());
        Inputs.checkLengths(x.length, y == null ? 0 : y.length, name());
        float[] t = Inputs.flatten(y, name() + " (targets y)");
        return fitTargets(flat, x.length, Inputs.columns(x), t, Inputs.columns(y), false);
    }

    /**
     * Fits on a [N, F] tensor.
     *
     * @param x the samples, a [n_samples, n_features] tensor
     * @param y the targets, one per sample
     * @return this regressor
     */
    public MLPRegressor fit(Tensor x, float[] y) {
        float[] flat = Inputs.flatten(x, name());
        return fitTargets(flat, x.size(0), x.size(1), checkTargets(y, x.size(0)), 1, false);
    }

    /**
     * One epoch over (X, y) with the sgd or adam solver, continuing from the current weights.
     *
     * @param x the samples, [n_samples][n_features]
     * @param y the targets, one per sample
     * @return this regressor
     */
    public MLPRegressor partialFit(float[][] x, float[] y) {
        float[] flat = Inputs.flatten(x, name());
        return fitTargets(flat, x.length, Inputs.columns(x), checkTargets(y, x.length), 1, true);
    }

    private float[] checkTargets(float[] y, int n) {
        if (y == null) {
            throw new IllegalArgumentException(name() + ": y is null; pass one target per sample");
        }
        Inputs.checkLengths(n, y.length, name());
        for (int i = 0; i < y.length; i++) {
            if (!Float.isFinite(y[i])) {
                throw new IllegalArgumentException(
                        name() + ": y[" + i + "] is " + y[i] + "; remove samples with NaN/infinite targets");
            }
        }
        return y;
    }

    private MLPRegressor fitTargets(float[] x, int n, int f, float[] y, int nOut, boolean incremental) {
        fitArrays(x, n, f, y, nOut, OutputLayer.IDENTITY, incremental, null);
        return this;
    }

    /**
     * Predictions of a single-output regressor.
     *
     * @param x the samples, [n_samples][n_features]
     * @return the predicted target of each sample
     */
    @Override
    public float[] predict(float[][] x) {
        requireFitted();
        if (net.nOutputs() != 1) {
            throw new IllegalStateException(name() + " has " + net.nOutputs() + " outputs; use predictMulti(X)");
        }
        return outputs(x);
    }

    /**
     * Predictions of double-precision X.
     *
     * @param x the samples, [n_samples][n_features] (computed in float32)
     * @return the predicted target of each sample
     */
    public float[] predict(double[][] x) {
        return predict(Inputs.toFloat(x, name()));
    }

    /**
     * Predictions of a [N, F] tensor, shape [N, nOutputs].
     *
     * @param x the samples, a [n_samples, n_features] tensor
     * @return the predicted target of each sample
     */
    public Tensor predict(Tensor x) {
        requireFitted();
        float[] flat = Inputs.flatten(x, name());
        checkFeatures(x.size(1));
        return Tensor.fromArray(forwardAll(flat, x.size(0)), x.size(0), net.nOutputs());
    }

    /**
     * Predictions [n_samples][n_outputs].
     *
     * @param x the samples, [n_samples][n_features]
     * @return the predictions, [n_samples][n_outputs]
     */
    public float[][] predictMulti(float[][] x) {
        float[] out = outputs(x);
        int k = net.nOutputs();
        float[][] y = new float[x.length][k];
        for (int i = 0; i < x.length; i++) {
            System.arraycopy(out, i * k, y[i], 0, k);
        }
        return y;
    }

    /**
     * R² of the predictions on (X, y).
     *
     * @param x the samples, [n_samples][n_features]
     * @param y the targets, one per sample
     * @return the coefficient of determination R² (1 is perfect; can be negative)
     */
    @Override
    public double score(float[][] x, float[] y) {
        float[] p = predict(x);
        Inputs.checkLengths(x.length, y.length, name());
        return r2(p, y, y.length, 1);
    }

    /**
     * R² averaged uniformly over outputs (scikit-learn's default for multi-output).
     *
     * @param x the samples, [n_samples][n_features]
     * @param y the targets, [n_samples][n_outputs]
     * @return the coefficient of determination R² (1 is perfect; can be negative)
     */
    public double score(float[][] x, float[][] y) {
        float[] p = outputs(x);
        Inputs.checkLengths(x.length, y.length, name());
        return r2(p, Inputs.flatten(y, name() + " (targets y)"), y.length, net.nOutputs());
    }

    private float[] outputs(float[][] x) {
        requireFitted();
        float[] flat = Inputs.flatten(x, name());
        checkFeatures(Inputs.columns(x));
        return forwardAll(flat, x.length);
    }

    @Override
    double validationScore(float[] outputs, float[] targets, int n) {
        return r2(outputs, targets, n, net.nOutputs());
    }

    /** R² averaged uniformly over the k outputs (scikit-learn's default for multi-output). */
    static double r2(float[] pred, float[] y, int n, int k) {
        return RegressionMetrics.r2(new Tensor(y, n, k), new Tensor(pred, n, k));
    }
}
