package dev.myelin.metrics;

import dev.myelin.tensor.Tensor;
import java.util.Arrays;

/**
 * Regression metrics as scikit-learn's {@code mean_squared_error}, {@code mean_absolute_error} and
 * {@code r2_score}. For 2-D {@code [n, outputs]} tensors each output is scored and the scores are averaged
 * uniformly (scikit-learn's {@code multioutput='uniform_average'}). Sums run in double precision.
 */
public final class RegressionMetrics {
    private RegressionMetrics() {}

    /**
     * The mean squared error, as {@code mean_squared_error}.
     *
     * @param yTrue the true values
     * @param yPred the predictions, as many
     * @return the mean of the squared differences, summed in double
     * @throws IllegalArgumentException if an array is null or empty, or their lengths differ
     */
    public static double mse(float[] yTrue, float[] yPred) {
        check("mse", yTrue, yPred);
        double s = 0;
        for (int i = 0; i < yTrue.length; i++) {
            double d = (double) yTrue[i] - yPred[i];
            s += d * d;
        }
        return s / yTrue.length;
    }

    /**
     * The mean absolute error, as {@code mean_absolute_error}.
     *
     * @param yTrue the true values
     * @param yPred the predictions, as many
     * @return the mean of the absolute differences, summed in double
     * @throws IllegalArgumentException if an array is null or empty, or their lengths differ
     */
    public static double mae(float[] yTrue, float[] yPred) {
        check("mae", yTrue, yPred);
        double s = 0;
        for (int i = 0; i < yTrue.length; i++) s += Math.abs((double) yTrue[i] - yPred[i]);
        return s / yTrue.length;
    }

    /**
     * The coefficient of determination {@code 1 − SS_res / SS_tot}, as {@code r2_score}: 1 for perfect predictions, 0
     * for predicting the mean, negative for worse. A constant {@code yTrue} (SS_tot = 0) scores 1 if predicted exactly
     * and 0 otherwise, as scikit-learn's {@code force_finite=True}.
     *
     * @param yTrue the true values
     * @param yPred the predictions, as many
     * @return the R² score, at most 1
     * @throws IllegalArgumentException if an array is null or empty, or their lengths differ
     */
    public static double r2(float[] yTrue, float[] yPred) {
        check("r2", yTrue, yPred);
        double mean = 0;
        for (float y : yTrue) mean += y;
        mean /= yTrue.length;
        double ssRes = 0, ssTot = 0;
        for (int i = 0; i < yTrue.length; i++) {
            double r = (double) yTrue[i] - yPred[i], t = yTrue[i] - mean;
            ssRes += r * r;
            ssTot += t * t;
        }
        if (ssTot == 0) return ssRes == 0 ? 1 : 0;
        return 1 - ssRes / ssTot;
    }

    /**
     * The mean squared error of tensors: [n], or [n, outputs] with each output scored and the scores averaged
     * uniformly.
     *
     * @param yTrue the true values; a compact tensor
     * @param yPred the predictions, of the same shape; a compact tensor
     * @return the (averaged) mean squared error
     * @throws IllegalArgumentException if the shapes differ, a tensor has more than 2 dims, or there are no values
     */
    public static double mse(Tensor yTrue, Tensor yPred) {
        return perOutput("mse", yTrue, yPred, RegressionMetrics::mse);
    }

    /**
     * The mean absolute error of tensors: [n], or [n, outputs] with each output scored and the scores averaged
     * uniformly.
     *
     * @param yTrue the true values; a compact tensor
     * @param yPred the predictions, of the same shape; a compact tensor
     * @return the (averaged) mean absolute error
     * @throws IllegalArgumentException if the shapes differ, a tensor has more than 2 dims, or there are no values
     */
    public static double mae(Tensor yTrue, Tensor yPred) {
        return perOutput("mae", yTrue, yPred, RegressionMetrics::mae);
    }

    /**
     * The R² score of tensors: [n], or [n, outputs] with each output scored and the scores averaged uniformly
     * ({@code multioutput='uniform_average'}).
     *
     * @param yTrue the true values; a compact tensor
     * @param yPred the predictions, of the same shape; a compact tensor
     * @return the (averaged) R² score
     * @throws IllegalArgumentException if the shapes differ, a tensor has more than 2 dims, or there are no values
     */
    public static double r2(Tensor yTrue, Tensor yPred) {
        return perOutput("r2", yTrue, yPred, RegressionMetrics::r2);
    }

    private interface Metric {
        double of(float[] yTrue, float[] yPred);
    }

    private static double perOutput(String name, Tensor yTrue, Tensor yPred, Metric metric) {
        if (!Arrays.equals(yTrue.shape(), yPred.shape()))
            throw new IllegalArgumentException(name + ": yTrue has shape " + Arrays.toString(yTrue.shape())
                    + " but yPred has shape " + Arrays.toString(yPred.shape()));
        if (yTrue.dim() <= 1) return metric.of(yTrue.values(), yPred.values());
        if (yTrue.dim() != 2)
            throw new IllegalArgumentException(
                    name + ": expected a 1-D or 2-D [n, outputs] tensor, got shape " + Arrays.toString(yTrue.shape()));
        int n = yTrue.size(0), k = yTrue.size(1);
        if (k == 0)
            throw new IllegalArgumentException(
                    name + ": tensors have no outputs (shape " + Arrays.toString(yTrue.shape()) + ")");
        double sum = 0;
        float[] t = new float[n], p = new float[n], trueValues = yTrue.values(), predValues = yPred.values();
        for (int j = 0; j < k; j++) {
            for (int i = 0; i < n; i++) {
                t[i] = trueValues[i * k + j];
                p[i] = predValues[i * k + j];
            }
            sum += metric.of(t, p);
        }
        return sum / k;
    }

    private static void check(String name, float[] yTrue, float[] yPred) {
        if (yTrue == null || yPred == null)
            throw new IllegalArgumentException(name + ": yTrue and yPred must not be null");
        if (yTrue.length != yPred.length)
            throw new IllegalArgumentException(
                    name + ": yTrue has " + yTrue.length + " values but yPred has " + yPred.length);
        if (yTrue.length == 0) throw new IllegalArgumentException(name + ": yTrue and yPred are empty");
    }
}
