package dev.myelin.estimator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.data.Rows;
import dev.myelin.data.preprocessing.StandardScaler;
import dev.myelin.data.synthetic.RegressionSet;
import dev.myelin.data.synthetic.SyntheticData;
import dev.myelin.tensor.Generator;
import org.junit.jupiter.api.Test;

class MLPRegressorTest {

    @Test
    void fitsALinearProblemWithIdentityOutput() {
        RegressionSet d = SyntheticData.makeRegression(400, 5, 3, 2.0, 1.0, new Generator(3));
        float[][] x = new StandardScaler().fitTransform(Rows.toArray(d.x()));
        float[] y = d.y().toArray();
        for (int i = 0; i < y.length; i++) y[i] /= 100f;
        MLPRegressor r = new MLPRegressor()
                .hiddenLayerSizes(16)
                .randomState(0)
                .solver("lbfgs")
                .maxIter(300)
                .fit(x, y);
        assertThat(r.outActivation()).isEqualTo("identity");
        assertThat(r.nOutputs()).isEqualTo(1);
        assertThat(r.score(x, y)).isGreaterThan(0.99);
        MLPRegressor adam = new MLPRegressor()
                .hiddenLayerSizes(16)
                .randomState(0)
                .maxIter(300)
                .fit(x, y);
        assertThat(adam.score(x, y)).isGreaterThan(0.9);
        assertThat(adam.lossCurve()).hasSize(adam.nIter());
    }

    @Test
    void multiOutputAndPartialFit() {
        float[][] x = new float[200][2];
        float[][] y = new float[200][2];
        dev.myelin.tensor.Generator g = new dev.myelin.tensor.Generator(5);
        for (int i = 0; i < 200; i++) {
            x[i][0] = (float) g.nextGaussian();
            x[i][1] = (float) g.nextGaussian();
            y[i][0] = x[i][0] * x[i][1];
            y[i][1] = x[i][0] - x[i][1];
        }
        MLPRegressor r = new MLPRegressor()
                .hiddenLayerSizes(32)
                .activation("tanh")
                .solver("lbfgs")
                .randomState(1)
                .maxIter(500)
                .fit(x, y);
        assertThat(r.nOutputs()).isEqualTo(2);
        assertThat(r.predictMulti(x)[0]).hasSize(2);
        assertThat(r.score(x, y)).isGreaterThan(0.95);

        float[] y1 = new float[200];
        for (int i = 0; i < 200; i++) y1[i] = y[i][1];
        MLPRegressor p = new MLPRegressor().hiddenLayerSizes(8).randomState(0);
        p.partialFit(x, y1);
        double first = p.loss();
        for (int i = 0; i < 20; i++) p.partialFit(x, y1);
        assertThat(p.nIter()).isEqualTo(21);
        assertThat(p.loss()).isLessThan(first);
    }

    @Test
    void earlyStoppingUsesR2AndRestoreRoundTrips() {
        RegressionSet d = SyntheticData.makeRegression(300, 4, 4, 0, 5.0, new Generator(9));
        float[][] x = Rows.toArray(d.x());
        float[] y = d.y().toArray();
        for (int i = 0; i < y.length; i++) y[i] /= 100f;
        MLPRegressor r = new MLPRegressor()
                .hiddenLayerSizes(8)
                .randomState(0)
                .earlyStopping(true)
                .maxIter(2000)
                .learningRateInit(0.01)
                .fit(x, y);
        assertThat(r.validationScores()).hasSize(r.nIter());
        assertThat(r.bestValidationScore()).isGreaterThan(0.9).isLessThanOrEqualTo(1.0);
        assertThat(r.nIter()).isLessThan(2000);
        MLPRegressor back = MLPRegressor.restore(r.getParams(), r.coefs(), r.intercepts());
        assertThat(back.predict(x)).containsExactly(r.predict(x));
    }

    @Test
    void r2MatchesDefinition() {
        float[] y = {1, 2, 3, 4};
        float[] p = {1.5f, 2, 2.5f, 4};
        // 1 - 0.5 / 5
        assertThat(MLPRegressor.r2(p, y, 4, 1)).isEqualTo(0.9, org.assertj.core.api.Assertions.within(1e-9));
    }
}
