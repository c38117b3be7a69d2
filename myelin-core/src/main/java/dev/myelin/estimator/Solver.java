package dev.myelin.estimator;

/** The weight optimizer of the multilayer perceptrons, as scikit-learn's {@code solver} parameter. */
public enum Solver {
    /** Quasi-Newton L-BFGS on the full batch; often best on small data sets. */
    LBFGS("lbfgs"),
    /** Mini-batch stochastic gradient descent with optional (Nesterov) momentum. */
    SGD("sgd"),
    /** Mini-batch Adam (Kingma and Ba); the default. */
    ADAM("adam");

    private final String sklearnName;

    Solver(String sklearnName) {
        this.sklearnName = sklearnName;
    }

    /** The scikit-learn spelling. */
    public String sklearnName() {
        return sklearnName;
    }

    /** Parses the scikit-learn name. */
    public static Solver of(String name) {
        for (Solver s : values()) {
            if (s.sklearnName.equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("solver must be one of lbfgs, sgd, adam; got '" + name + "'");
    }
}
