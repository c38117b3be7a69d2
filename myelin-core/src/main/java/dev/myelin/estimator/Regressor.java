package dev.myelin.estimator;

/** An estimator that learns one real target, so that model-selection helpers can fit and score it. */
public interface Regressor {
    /** Fits on X [n_samples][n_features] and targets y. */
    Regressor fit(float[][] x, float[] y);

    /** Predicted targets. */
    float[] predict(float[][] x);

    /** Coefficient of determination R² on (X, y). */
    double score(float[][] x, float[] y);
}
