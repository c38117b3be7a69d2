package dev.myelin.estimator;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class BadInputTest {
    static final float[][] X = {{0, 0, 1, 2}, {1, 0, 2, 1}, {0, 1, 0, 3}, {1, 1, 3, 0}};
    static final int[] Y = {0, 1, 1, 0};

    @Test
    void nanInfRaggedAndLengthMismatch() {
        MLPClassifier c = new MLPClassifier().hiddenLayerSizes(3).maxIter(2);
        assertThatThrownBy(() -> c.fit(new float[][] {{0, Float.NaN}, {1, 1}}, new int[] {0, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("NaN at row 0, column 1");
        assertThatThrownBy(() -> c.fit(new double[][] {{0, 1}, {Double.POSITIVE_INFINITY, 1}}, new int[] {0, 1}))
                .hasMessageContaining("Infinity at row 1, column 0");
        assertThatThrownBy(() -> c.fit(new float[][] {{0, 1}, {1}}, new int[] {0, 1}))
                .hasMessageContaining("ragged")
                .hasMessageContaining("row 1 has 1");
        assertThatThrownBy(() -> c.fit(X, new int[] {0, 1})).hasMessageContaining("X has 4 samples but y has 2");
        assertThatThrownBy(() -> c.fit(new float[0][], new int[0])).hasMessageContaining("0 samples");
        assertThatThrownBy(() -> new MLPRegressor().fit(X, new float[] {0, 1, Float.NaN, 2}))
                .hasMessageContaining("y[2] is NaN");
        assertThatThrownBy(() -> new Perceptron().fit(X, new int[] {1}))
                .hasMessageContaining("X has 4 samples but y has 1");
    }

    @Test
    void oneClassOnly() {
        assertThatThrownBy(() -> new MLPClassifier().fit(X, new int[] {1, 1, 1, 1}))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("at least 2 classes")
                .hasMessageContaining("[1]");
        assertThatThrownBy(() -> new Perceptron().fit(X, new int[] {3, 3, 3, 3}))
                .hasMessageContaining("at least 2 classes");
    }

    @Test
    void predictBeforeFit() {
        assertThatThrownBy(() -> new MLPClassifier().predict(X))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not fitted yet")
                .hasMessageContaining("fit(X, y)");
        assertThatThrownBy(() -> new MLPRegressor().predict(X)).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new MLPClassifier().coefs()).isInstanceOf(IllegalStateException.class);
        assertThatThrownBy(() -> new Perceptron().predict(X))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not fitted yet");
    }

    @Test
    void wrongFeatureCountAtPredict() {
        MLPClassifier c = new MLPClassifier()
                .hiddenLayerSizes(3)
                .maxIter(2)
                .randomState(0)
                .fit(X, Y);
        float[][] five = {{0, 1, 2, 3, 4}};
        assertThatThrownBy(() -> c.predict(five))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("X has 5 features, but MLPClassifier was fitted with 4 features");
        MLPRegressor r = new MLPRegressor().hiddenLayerSizes(3).maxIter(2).fit(X, new float[] {0, 1, 2, 3});
        assertThatThrownBy(() -> r.predict(five))
                .hasMessage("X has 5 features, but MLPRegressor was fitted with 4 features");
        Perceptron p = new Perceptron().fit(X, Y);
        assertThatThrownBy(() -> p.predict(five))
                .hasMessage("X has 5 features, but Perceptron was fitted with 4 features");
        assertThatThrownBy(() -> c.warmStart(true).fit(five, new int[] {0}))
                .hasMessageContaining("X has 5 features, but MLPClassifier was fitted with 4 features");
    }

    @Test
    void invalidHyperparameters() {
        assertThatThrownBy(() -> new MLPClassifier().hiddenLayerSizes(10, 0)).hasMessageContaining("must be > 0");
        assertThatThrownBy(() -> new MLPClassifier().activation("softplus"))
                .hasMessageContaining("identity, logistic, tanh, relu");
        assertThatThrownBy(() -> new MLPClassifier().solver("newton")).hasMessageContaining("lbfgs, sgd, adam");
        assertThatThrownBy(() -> new MLPClassifier().alpha(-1)).hasMessageContaining("alpha");
        assertThatThrownBy(() -> new MLPClassifier().validationFraction(1)).hasMessageContaining("(0, 1)");
        assertThatThrownBy(() -> new MLPClassifier().momentum(1.5)).hasMessageContaining("momentum");
        assertThatThrownBy(() -> new MLPClassifier().beta2(1)).hasMessageContaining("beta2");
        assertThatThrownBy(() -> new MLPClassifier().setParams(java.util.Map.of("hidenLayerSizes", 3)))
                .hasMessageContaining("Unknown parameter 'hidenLayerSizes'");
        assertThatThrownBy(() -> new Perceptron().penalty("l3")).hasMessageContaining("penalty");
    }

    @Test
    void warmStartWithOtherClassesAndDivergence() {
        MLPClassifier c = new MLPClassifier()
                .hiddenLayerSizes(3)
                .maxIter(2)
                .warmStart(true)
                .fit(X, Y);
        assertThatThrownBy(() -> c.fit(X, new int[] {0, 1, 2, 2})).hasMessageContaining("same classes");
        float[][] huge = {{1e30f}, {-1e30f}, {1e30f}, {-2e30f}};
        assertThatThrownBy(() -> new MLPRegressor()
                        .solver("sgd")
                        .learningRateInit(10)
                        .maxIter(5)
                        .fit(huge, new float[] {1e30f, -1e30f, 1e30f, 0}))
                .isInstanceOf(IllegalArgumentException.class) // scikit-learn's ValueError
                .hasMessageContaining("non-finite parameter weights");
    }
}
