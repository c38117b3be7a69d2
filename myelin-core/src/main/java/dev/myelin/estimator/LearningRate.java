package dev.myelin.estimator;

/** Learning-rate schedule of the {@code sgd} solver, as scikit-learn's {@code learning_rate} parameter. */
public enum LearningRate {
    /** lr = learningRateInit throughout. */
    CONSTANT("constant"),
    /** lr = learningRateInit / (t + 1)^powerT, t = samples seen, updated after each epoch. */
    INVSCALING("invscaling"),
    /** lr stays constant while the loss improves, and is divided by 5 when it stalls for nIterNoChange epochs. */
    ADAPTIVE("adaptive");

    private final String sklearnName;

    LearningRate(String sklearnName) {
        this.sklearnName = sklearnName;
    }

    /** The scikit-learn spelling. */
    public String sklearnName() {
        return sklearnName;
    }

    /** Parses the scikit-learn name. */
    public static LearningRate of(String name) {
        for (LearningRate s : values()) {
            if (s.sklearnName.equals(name)) {
                return s;
            }
        }
        throw new IllegalArgumentException("learningRate must be one of constant, invscaling, adaptive; got '" + name + "'");
    }
}
