package dev.myelin.estimator;

/** An estimator that learns one real target, so that model-selection helpers can fit and score it. */
public interface Regressor {
    /**
     * Fits on X [n_samples][n_features] and targets y.
     *
     * @param x the samples, [n_samples][n_features]
     * @param y the targets, one per sample
     * @return this estimator, fitted
     */
    Regressor fit(float[][] x, float[] y);

    /**
     * Predicted targets.
     *
     * @param x the samples, [n_samples][n_features]
     * @return the predicted target of each sample
     */
    float[] predict(float[][] x);

    /**
     * Coefficient of determination R² on (X, y).
     *
     * @param x the samples, [n_samples][n_features]
     * @param y the targets, one per sample
     * @return R², 1 for a perfect fit
     */
    double score(float[][] x, float[] y);
}
