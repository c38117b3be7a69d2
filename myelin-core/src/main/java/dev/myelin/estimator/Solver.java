package dev.myelin.estimator;

/** The weight optimizer of the multilayer perceptrons, as scikit-learn's {@code solver} parameter (its name in lower case). */
public enum Solver {
    /** Quasi-Newton L-BFGS on the full batch; often best on small data sets. */
    LBFGS,
    /** Mini-batch stochastic gradient descent with optional (Nesterov) momentum. */
    SGD,
    /** Mini-batch Adam (Kingma and Ba); the default. */
    ADAM
}
