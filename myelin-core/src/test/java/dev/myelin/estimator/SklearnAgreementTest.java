package dev.myelin.estimator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import dev.myelin.data.Inputs;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * One epoch from identical initial weights matches scikit-learn 1.2.1. Reference numbers were computed with
 * /usr/bin/python3 (float64): fit once, overwrite coefs_/intercepts_ with the weights below, then
 * {@code set_params(warm_start=True).fit(X, y)} with max_iter=1, shuffle=False, and print loss_curve_[-1] and
 * the updated weights. The L-BFGS objective is {@code _loss_grad_lbfgs} at the same weights. Myelin computes in
 * float32, hence tolerances around 1e-5.
 */
class SklearnAgreementTest {
    static final float[][] X = {
        {0.5f, -1.0f, 2.0f},
        {1.5f, 0.2f, -0.3f},
        {-0.7f, 0.8f, 0.1f},
        {0.3f, 0.3f, 0.3f},
        {-1.2f, -0.4f, 0.9f},
        {2.0f, 1.0f, -1.0f}
    };
    static final int[] Y_CLASSES = {0, 2, 1, 2, 0, 1};
    static final float[][] W1 = {{0.1f, -0.2f, 0.3f, 0.05f}, {-0.4f, 0.25f, 0.15f, -0.1f}, {0.2f, 0.1f, -0.3f, 0.35f}};
    static final float[] B1 = {0.01f, -0.02f, 0.03f, 0.0f};
    static final float[][] W2 = {{0.3f, -0.1f, 0.2f}, {0.1f, 0.4f, -0.3f}, {-0.2f, 0.2f, 0.1f}, {0.05f, -0.15f, 0.25f}};
    static final float[] B2 = {0.0f, 0.1f, -0.1f};

    static float[][] firstColumns(float[][] w, int k) {
        float[][] out = new float[w.length][k];
        for (int i = 0; i < w.length; i++) {
            System.arraycopy(w[i], 0, out[i], 0, k);
        }
        return out;
    }

    static MLPClassifier classifier(
            String solver, String activation, int batch, double lr, Object[] classes, float[][] w2, float[] b2) {
        Map<String, Object> params = new MLPClassifier()
                .hiddenLayerSizes(4)
                .activation(activation)
                .solver(solver)
                .batchSize(batch)
                .shuffle(false)
                .maxIter(1)
                .learningRateInit(lr)
                .alpha(0.01)
                .getParams();
        MLPClassifier c =
                MLPClassifier.restore(params, new float[][][] {W1, w2}, new float[][] {B1, b2}, classes, false);
        return c.warmStart(true);
    }

    @Test
    void adamTanhEpochMatchesSklearn() {
        MLPClassifier c = classifier("adam", "tanh", 2, 0.05, new Object[] {0, 1, 2}, W2, B2)
                .fit(X, Y_CLASSES);
        assertThat(c.lossCurve()[0]).isCloseTo(1.0134221607729852, within(2e-6));
        float[] w = c.coefs()[0][0];
        assertThat(w[0]).isCloseTo(0.17877627f, within(2e-5f));
        assertThat(w[1]).isCloseTo(-0.29648200f, within(2e-5f));
        assertThat(w[2]).isCloseTo(0.22492947f, within(2e-5f));
        assertThat(w[3]).isCloseTo(0.13629773f, within(2e-5f));
        assertThat(c.intercepts()[1][0]).isCloseTo(0.028979193f, within(2e-5f));
        assertThat(c.intercepts()[1][1]).isCloseTo(0.040232480f, within(2e-5f));
        assertThat(c.intercepts()[1][2]).isCloseTo(-0.004570298f, within(2e-5f));
    }

    @Test
    void sgdNesterovReluEpochMatchesSklearn() {
        MLPClassifier c = classifier("sgd", "relu", 2, 0.05, new Object[] {0, 1, 2}, W2, B2)
                .fit(X, Y_CLASSES);
        assertThat(c.lossCurve()[0]).isCloseTo(1.0323980582204124, within(2e-6));
        float[] w = c.coefs()[0][0];
        assertThat(w).containsExactly(new float[] {0.10605774f, -0.22201694f, 0.31800076f, 0.05065698f}, within(1e-5f));
        assertThat(c.intercepts()[1])
                .containsExactly(new float[] {0.002306107f, 0.07268114f, -0.07498725f}, within(1e-5f));
    }

    @Test
    void sgdLogisticEpochMatchesSklearn() {
        MLPClassifier c = classifier("sgd", "logistic", 2, 0.05, new Object[] {0, 1, 2}, W2, B2)
                .fit(X, Y_CLASSES);
        assertThat(c.lossCurve()[0]).isCloseTo(1.0819375188115814, within(2e-6));
        assertThat(c.coefs()[0][0])
                .containsExactly(new float[] {0.09913067f, -0.21006011f, 0.30297826f, 0.05529379f}, within(1e-5f));
        assertThat(c.intercepts()[1])
                .containsExactly(new float[] {0.000528194f, 0.07072911f, -0.07125731f}, within(1e-5f));
    }

    @Test
    void binaryLogisticOutputEpochMatchesSklearn() {
        MLPClassifier c = classifier(
                        "adam", "relu", 4, 0.05, new Object[] {0, 1}, firstColumns(W2, 1), new float[] {B2[0]})
                .fit(X, new int[] {0, 1, 1, 0, 0, 1});
        assertThat(c.outActivation()).isEqualTo("logistic");
        assertThat(c.lossCurve()[0]).isCloseTo(0.7430233647832671, within(2e-6));
        float[][] w2 = c.coefs()[1];
        assertThat(new float[] {w2[0][0], w2[1][0], w2[2][0], w2[3][0]})
                .containsExactly(new float[] {0.21221474f, 0.14601770f, -0.10522428f, -0.04597896f}, within(1e-5f));
        assertThat(c.intercepts()[1][0]).isCloseTo(-0.032267605f, within(1e-5f));
    }

    @Test
    void regressorTwoOutputsSgdEpochMatchesSklearn() {
        Map<String, Object> params = new MLPRegressor()
                .hiddenLayerSizes(4)
                .activation("tanh")
                .solver("sgd")
                .batchSize(3)
                .shuffle(false)
                .maxIter(1)
                .learningRateInit(0.1)
                .alpha(0.01)
                .momentum(0.5)
                .nesterovsMomentum(false)
                .getParams();
        MLPRegressor r = MLPRegressor.restore(params, new float[][][] {W1, firstColumns(W2, 2)}, new float[][] {
                    B1, {B2[0], B2[1]}
                })
                .warmStart(true);
        float[][] y = {{1.0f, -0.5f}, {0.2f, 0.3f}, {-0.4f, 0.8f}, {0.0f, 0.0f}, {1.1f, -1.0f}, {0.5f, 0.5f}};
        r.fit(X, y);
        assertThat(r.lossCurve()[0]).isCloseTo(0.1491738002456487, within(2e-6));
        float[][] w2 = r.coefs()[1];
        float[] flat = {w2[0][0], w2[0][1], w2[1][0], w2[1][1], w2[2][0], w2[2][1], w2[3][0], w2[3][1]};
        assertThat(flat)
                .containsExactly(
                        new float[] {
                            0.32597775f,
                            -0.12836680f,
                            0.08329038f,
                            0.39851201f,
                            -0.20186247f,
                            0.23466438f,
                            0.07219511f,
                            -0.17386223f
                        },
                        within(1e-5f));
        assertThat(r.intercepts()[1]).containsExactly(new float[] {0.08777805f, 0.09382517f}, within(1e-5f));
    }

    @Test
    void lbfgsObjectiveAndGradientMatchSklearn() {
        MLPClassifier c = classifier("lbfgs", "relu", 6, 0.001, new Object[] {0, 1, 2}, W2, B2);
        float[] flat = Inputs.flatten(X, "test");
        float[] targets = new float[6 * 3];
        for (int i = 0; i < 6; i++) {
            targets[i * 3 + Y_CLASSES[i]] = 1f;
        }
        float[] grad = new float[c.net.size];
        double loss = c.lossAndGradient(flat, 6, targets, grad, c.net.workspace(6));
        assertThat(loss).isCloseTo(1.0226909548617673, within(1e-6));
        double[] expected = {
            -1.6904423063371864e-05,
            0.05507829966063873,
            -0.05839159645553099,
            -0.006483233679047033,
            0.03059766780436053,
            -0.01703448227567638,
            -0.02648893026399342,
            -0.014077583062736682,
            -0.06656845991622648,
            0.012706232903984782,
            0.02088779365214313,
            -0.0036711669011666374,
            -0.11265139846505022,
            0.05068630264090004,
            0.06263176249081684,
            -0.00304211374518285,
            -0.018203188550692286,
            0.021578635629208472,
            0.07806029584453317,
            -0.057445549044667275,
            -0.020448080133199212,
            -0.11256291612726534,
            0.05713890421301685,
            0.05567401191424848,
            -0.06665810914791818,
            0.015062680312135536,
            -0.040044013975291955,
            -0.03321207646937619,
            -0.012400852350196695,
            0.034722743136083846,
            -0.022321890785887106
        };
        assertThat(grad).hasSize(expected.length);
        for (int j = 0; j < expected.length; j++) {
            assertThat((double) grad[j]).as("gradient component %d", j).isCloseTo(expected[j], within(1e-6));
        }
    }
}
