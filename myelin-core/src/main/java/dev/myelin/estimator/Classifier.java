package dev.myelin.estimator;

/** An estimator that learns integer class labels, so that model-selection helpers can fit and score it. */
public interface Classifier {
    /** Fits on X [n_samples][n_features] and labels y. */
    Classifier fit(float[][] x, int[] y);

    /** Predicted labels. */
    int[] predict(float[][] x);

    /** Mean accuracy on (X, y). */
    double score(float[][] x, int[] y);
}
