package dev.myelin.estimator;

/** Learning-rate schedule of the {@code sgd} solver, as scikit-learn's {@code learning_rate} parameter (its name in lower case). */
public enum LearningRate {
    /** lr = learningRateInit throughout. */
    CONSTANT,
    /** lr = learningRateInit / (t + 1)^powerT, t = samples seen, updated after each epoch. */
    INVSCALING,
    /** lr stays constant while the loss improves, and is divided by 5 when it stalls for nIterNoChange epochs. */
    ADAPTIVE
}
