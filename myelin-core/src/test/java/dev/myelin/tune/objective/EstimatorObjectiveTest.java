package dev.myelin.tune.objective;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.data.Rows;
import dev.myelin.data.TensorDataset;
import dev.myelin.data.synthetic.SyntheticData;
import dev.myelin.estimator.CrossValidation;
import dev.myelin.estimator.MLPClassifier;
import dev.myelin.metrics.Labels;
import dev.myelin.tensor.Generator;
import dev.myelin.tune.Config;
import dev.myelin.tune.Direction;
import dev.myelin.tune.GridSearch;
import dev.myelin.tune.SearchResult;
import dev.myelin.tune.SearchSpace;
import dev.myelin.tune.TrialStatus;
import dev.myelin.tune.Tuner;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class EstimatorObjectiveTest {
    private static final TensorDataset DATA = SyntheticData.makeClassification(150, 3, new Generator(2));
    private static final float[][] X = Rows.toArray(DATA.features());
    private static final int[] Y = Labels.of(DATA.targets());

    @Test
    void scoreIsTheCrossValidationMeanOfTheConfiguredEstimator() throws Exception {
        EstimatorObjective o = EstimatorObjective.classifier(() -> new MLPClassifier().maxIter(50), X, Y, 3);
        assertThat(o.direction()).isEqualTo(Direction.MAXIMIZE);
        SearchSpace space = SearchSpace.builder()
                .categorical("depth", 2)
                .categorical("width", 12)
                .categorical("lr", 0.01)
                .categorical("randomState", 3)
                .build();
        SearchResult r = Tuner.builder(new GridSearch(space), o).build().run();
        double[] direct = CrossValidation.crossValScore(
                () -> new MLPClassifier()
                        .maxIter(50)
                        .hiddenLayerSizes(12, 12)
                        .learningRateInit(0.01)
                        .randomState(3L),
                X,
                Y,
                3);
        assertThat(r.bestScore()).isEqualTo(Arrays.stream(direct).average().orElseThrow());
    }

    @Test
    void holdOutScoreAndUnknownParametersFailTheTrialWithTheValidNames() throws Exception {
        float[][] xTrain = Arrays.copyOfRange(X, 0, 100), xVal = Arrays.copyOfRange(X, 100, 150);
        int[] yTrain = Arrays.copyOfRange(Y, 0, 100), yVal = Arrays.copyOfRange(Y, 100, 150);
        EstimatorObjective o =
                EstimatorObjective.classifier(() -> new MLPClassifier().maxIter(80), xTrain, yTrain, xVal, yVal);
        SearchSpace space = SearchSpace.builder()
                .categorical("hidden", List.of(16))
                .categorical("learningRatInit", 0.01)
                .build();
        SearchResult r = Tuner.builder(new GridSearch(space), o).build().run();
        assertThat(r.trials().getFirst().status()).isEqualTo(TrialStatus.FAILED);
        assertThat(r.trials().getFirst().error())
                .contains("Unknown parameter 'learningRatInit'")
                .contains("learningRateInit");

        SearchSpace ok = SearchSpace.builder()
                .categorical("hidden", List.of(16))
                .categorical("randomState", 1)
                .build();
        double score = Tuner.builder(new GridSearch(ok), o).build().run().bestScore();
        double direct = new MLPClassifier()
                .maxIter(80)
                .hiddenLayerSizes(16)
                .randomState(1L)
                .fit(xTrain, yTrain)
                .score(xVal, yVal);
        assertThat(score).isEqualTo(direct);
    }

    @Test
    void shorthandsExpand() {
        assertThat(EstimatorObjective.estimatorParams(new Config(Map.of("depth", 2, "width", 8))))
                .containsEntry("hiddenLayerSizes", List.of(8, 8));
        assertThat(EstimatorObjective.estimatorParams(new Config(Map.of("lr", 0.1, "hidden", List.of(4, 2)))))
                .containsEntry("learningRateInit", 0.1)
                .containsEntry("hiddenLayerSizes", List.of(4, 2));
        assertThatThrownBy(() -> EstimatorObjective.estimatorParams(new Config(Map.of("depth", 2))))
                .hasMessageContaining("'depth' and 'width'");
        assertThatThrownBy(() -> EstimatorObjective.classifier(MLPClassifier::new, X, new int[3], 3))
                .hasMessageContaining("150 samples but y has 3");
    }
}
