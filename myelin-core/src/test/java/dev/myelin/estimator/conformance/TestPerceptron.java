package dev.myelin.estimator.conformance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.myelin.estimator.Perceptron;
import java.lang.reflect.Method;
import java.util.Arrays;
import org.junit.jupiter.api.Test;

/**
 * scikit-learn 1.2's {@code sklearn/linear_model/tests/test_perceptron.py}, one test per test function (named after
 * it), on the same data: iris shuffled by {@code check_random_state(12)} (fixtures/sklearn_conformance.json).
 * The sparse ({@code X_csr}) half of test_perceptron_accuracy does not apply: Myelin takes dense arrays.
 */
class TestPerceptron {
    static final float[][] X = SklearnData.floats("perceptron_X");
    static final int[] Y = SklearnData.labels("perceptron_y");

    /** The test file's MyPerceptron: w += y·x, b += y whenever sign(w·x + b) != y (so also at w·x + b = 0). */
    static double[] myPerceptron(float[][] x, int[] y, int nIter) {
        double[] w = new double[x[0].length];
        double b = 0;
        for (int t = 0; t < nIter; t++) {
            for (int i = 0; i < x.length; i++) {
                double z = b;
                for (int j = 0; j < w.length; j++) z += w[j] * x[i][j];
                if (Math.signum(z) != y[i]) {
                    for (int j = 0; j < w.length; j++) w[j] += y[i] * x[i][j];
                    b += y[i];
                }
            }
        }
        return w;
    }

    @Test
    void test_perceptron_accuracy() {
        Perceptron clf = new Perceptron().maxIter(100).tol(null).shuffle(false).fit(X, Y);
        assertThat(clf.score(X, Y)).isGreaterThan(0.7);
    }

    @Test
    void test_perceptron_correctness() {
        int[] yBin = Arrays.stream(Y).map(v -> v == 1 ? 1 : -1).toArray();
        double[] expected = myPerceptron(X, yBin, 2);
        Perceptron clf2 = new Perceptron().maxIter(2).shuffle(false).tol(null).fit(X, yBin);
        float[] coef = clf2.coef()[0];
        // assert_array_almost_equal's decimal=6 (|error| < 1.5e-6) is for float64 sums; Myelin's weights are
        // float32 sums of iris values (about 7 significant digits on |w| near 10), hence 1e-5.
        for (int j = 0; j < coef.length; j++) assertThat((double) coef[j]).isCloseTo(expected[j], within(1e-5));
        // The same weights as scikit-learn's own Perceptron and its MyPerceptron, exported by the fixture script.
        double[] sk = SklearnData.doubles("sklearn_perceptron_coef");
        double[] mine = SklearnData.doubles("my_perceptron_w");
        for (int j = 0; j < coef.length; j++) {
            assertThat((double) coef[j]).isCloseTo(sk[j], within(1e-5));
            assertThat(expected[j]).isCloseTo(mine[j], within(1e-5));
        }
        assertThat((double) clf2.intercept()[0])
                .isCloseTo(SklearnData.number("sklearn_perceptron_intercept"), within(1e-5));
    }

    @Test
    void test_undefined_methods() {
        // A perceptron has no probabilities: scikit-learn raises AttributeError; Java has no such methods.
        for (String meth : new String[] {"predictProba", "predictLogProba"}) {
            assertThat(Arrays.stream(Perceptron.class.getMethods()).map(Method::getName))
                    .doesNotContain(meth);
        }
    }

    @Test
    void test_perceptron_l1_ratio() {
        // l1Ratio has an impact with the elastic net, whose bounds are the l1 and l2 penalties.
        Perceptron clf1 = new Perceptron().l1Ratio(0).penalty("elasticnet").fit(X, Y);
        Perceptron clf2 = new Perceptron().l1Ratio(0.15).penalty("elasticnet").fit(X, Y);
        assertThat(clf1.score(X, Y)).isNotEqualTo(clf2.score(X, Y));

        Perceptron l1 = new Perceptron().penalty("l1").fit(X, Y);
        Perceptron elasticL1 = new Perceptron().l1Ratio(1).penalty("elasticnet").fit(X, Y);
        assertAllClose(l1.coef(), elasticL1.coef());

        Perceptron l2 = new Perceptron().penalty("l2").fit(X, Y);
        Perceptron elasticL2 = new Perceptron().l1Ratio(0).penalty("elasticnet").fit(X, Y);
        assertAllClose(l2.coef(), elasticL2.coef());
    }

    /** assert_allclose with its default rtol 1e-7. */
    private static void assertAllClose(float[][] actual, float[][] desired) {
        for (int k = 0; k < desired.length; k++) {
            for (int j = 0; j < desired[k].length; j++) {
                assertThat(actual[k][j]).isCloseTo(desired[k][j], within(1e-7f * Math.abs(desired[k][j])));
            }
        }
    }
}
