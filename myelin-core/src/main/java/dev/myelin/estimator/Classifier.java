package dev.myelin.estimator;

/** An estimator that learns integer class labels, so that model-selection helpers can fit and score it. */
public interface Classifier {
    /**
     * Fits on X [n_samples][n_features] and labels y.
     *
     * @param x the samples, [n_samples][n_features]
     * @param y the integer labels, one per sample
     * @return this estimator, fitted
     */
    Classifier fit(float[][] x, int[] y);

    /**
     * Predicted labels.
     *
     * @param x the samples, [n_samples][n_features]
     * @return the predicted label of each sample
     */
    int[] predict(float[][] x);

    /**
     * Mean accuracy on (X, y).
     *
     * @param x the samples, [n_samples][n_features]
     * @param y the integer labels, one per sample
     * @return the mean accuracy in [0, 1]
     */
    double score(float[][] x, int[] y);
}
