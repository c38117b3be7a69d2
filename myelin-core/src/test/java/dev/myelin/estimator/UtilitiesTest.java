package dev.myelin.estimator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.myelin.data.Rows;
import dev.myelin.data.TensorDataset;
import dev.myelin.data.split.IndexSplit;
import dev.myelin.data.split.StratifiedKFold;
import dev.myelin.data.synthetic.RegressionSet;
import dev.myelin.data.synthetic.SyntheticData;
import dev.myelin.metrics.Labels;
import dev.myelin.tensor.Generator;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Cross-validation of estimators on the shared folds. */
class UtilitiesTest {
    @Test
    void crossValScoreOnSeparableBlobs() {
        TensorDataset d = SyntheticData.makeClassification(200, 6, 3, 0, 2, 1, 3.0, 0.0, new Generator(4));
        float[][] x = Rows.toArray(d.features());
        int[] y = Labels.of(d.targets());
        double[] scores = CrossValidation.crossValScore(() -> new Perceptron().randomState(0), x, y, 5);
        assertThat(scores).hasSize(5);
        assertThat(Arrays.stream(scores).average().orElseThrow()).isGreaterThan(0.9);
        RegressionSet r = SyntheticData.makeRegression(100, 3, 3, 0.1, new Generator(1));
        float[] t = r.y().toArray();
        for (int i = 0; i < t.length; i++) t[i] /= 100;
        double[] rs = CrossValidation.crossValScore(
                () -> new MLPRegressor()
                        .hiddenLayerSizes(8)
                        .solver("lbfgs")
                        .activation("identity")
                        .randomState(0),
                Rows.toArray(r.x()),
                t,
                3);
        assertThat(Arrays.stream(rs).min().orElseThrow()).isGreaterThan(0.99);
    }

    @Test
    void classifierFoldsAreStratifiedKFolds() {
        // A fold's score is the score of an estimator fitted on exactly StratifiedKFold's training part.
        TensorDataset d = SyntheticData.makeClassification(60, 3, new Generator(2));
        float[][] x = Rows.toArray(d.features());
        int[] y = Labels.of(d.targets());
        double[] scores = CrossValidation.crossValScore(() -> new Perceptron().randomState(0), x, y, 3);
        List<IndexSplit> folds = new StratifiedKFold(3).split(y);
        for (int k = 0; k < 3; k++) {
            IndexSplit s = folds.get(k);
            Perceptron p = new Perceptron().randomState(0);
            p.fit(Rows.take(x, s.train()), Rows.take(y, s.train()));
            assertThat(scores[k]).isEqualTo(p.score(Rows.take(x, s.test()), Rows.take(y, s.test())));
        }
    }
}
