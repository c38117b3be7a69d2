package dev.myelin.tune.selection;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.myelin.data.Rows;
import dev.myelin.data.TensorDataset;
import dev.myelin.data.synthetic.RegressionSet;
import dev.myelin.data.synthetic.SyntheticData;
import dev.myelin.estimator.CrossValidation;
import dev.myelin.estimator.MLPClassifier;
import dev.myelin.estimator.MLPRegressor;
import dev.myelin.tensor.Generator;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SearchCVTest {
    /** Two concentric circles: one hidden unit cannot separate them (a single ridge), eight can. */
    private static final float[][] X;

    private static final int[] Y;

    static {
        TensorDataset d = SyntheticData.circles(240, 0.05, 0.4, new Generator(11));
        float[] f = d.features().data(), t = d.targets().data();
        X = new float[d.size()][];
        Y = new int[d.size()];
        for (int i = 0; i < d.size(); i++) {
            X[i] = Arrays.copyOfRange(f, 2 * i, 2 * i + 2);
            Y[i] = (int) t[i];
        }
    }

    private static MLPClassifier classifier() {
        return new MLPClassifier().solver("lbfgs").maxIter(300).randomState(0);
    }

    @Test
    void gridSearchPrefersTheNetworkThatDoesNotUnderfit() {
        Map<String, List<?>> grid = new LinkedHashMap<>();
        grid.put("hiddenLayerSizes", List.of(List.of(1), List.of(8)));
        grid.put("alpha", List.of(1e-4, 1e-2));
        GridSearchCV<MLPClassifier> search =
                new GridSearchCV<>(SearchCVTest::classifier, grid).cv(3).fit(X, Y);

        assertThat(search.cvResults()).hasSize(4);
        assertThat(search.bestParams().get("hiddenLayerSizes")).isEqualTo(List.of(8));
        assertThat(search.bestScore()).isGreaterThan(0.95);
        // the last name varies fastest, as scikit-learn's ParameterGrid
        assertThat(search.cvResults().stream().map(r -> r.params().get("alpha")).toList())
                .containsExactly(1e-4, 1e-2, 1e-4, 1e-2);
        for (CvResult r : search.cvResults()) {
            assertThat(r.splitTestScores()).hasSize(3);
            double mean = Arrays.stream(r.splitTestScores()).average().orElseThrow();
            assertThat(r.meanTestScore()).isEqualTo(mean);
            double var = Arrays.stream(r.splitTestScores())
                            .map(s -> (s - mean) * (s - mean))
                            .sum()
                    / 3;
            assertThat(r.stdTestScore()).isCloseTo(Math.sqrt(var), org.assertj.core.data.Offset.offset(1e-12));
            long better = search.cvResults().stream()
                    .filter(o -> o.meanTestScore() > r.meanTestScore())
                    .count();
            assertThat(r.rankTestScore()).isEqualTo(better + 1);
        }
        assertThat(search.cvResults().get(search.bestIndex()).rankTestScore()).isEqualTo(1);

        // The scores are those of cross_val_score with the same estimator.
        CvResult wide = search.cvResults().get(2);
        double[] direct = CrossValidation.crossValScore(
                () -> classifier().hiddenLayerSizes(8).alpha(1e-4), X, Y, 3);
        assertThat(wide.splitTestScores()).containsExactly(direct);

        // Refit on all data with the best parameters.
        MLPClassifier best = search.bestEstimator();
        assertThat(best.getParams().get("hiddenLayerSizes")).isEqualTo(new int[] {8});
        assertThat(best.score(X, Y)).isGreaterThan(0.95);
    }

    @Test
    void randomizedSearchDrawsNIterCandidatesFromTheDistributionsRepeatably() {
        RegressionSet data = SyntheticData.makeRegression(200, 4, 4, 0.0, 1.0, new Generator(5));
        float[][] xr = Rows.toArray(data.x());
        float[] y = data.y().toArray();
        // scale the targets so that an MLP fits them with default settings
        for (int i = 0; i < y.length; i++) y[i] /= 100f;
        Map<String, Object> dist = new LinkedHashMap<>();
        dist.put("alpha", RandomizedSearchCV.logUniform(1e-6, 1e-1));
        dist.put("hiddenLayerSizes", List.of(List.of(16), List.of(32)));
        dist.put("maxIter", RandomizedSearchCV.randint(50, 200));
        RandomizedSearchCV<MLPRegressor> a = new RandomizedSearchCV<>(
                        () -> new MLPRegressor().solver("lbfgs").randomState(0), dist, 5)
                .cv(3)
                .randomState(9)
                .fit(xr, y);
        assertThat(a.cvResults()).hasSize(5);
        for (CvResult r : a.cvResults()) {
            assertThat((double) r.params().get("alpha")).isBetween(1e-6, 1e-1);
            assertThat((int) r.params().get("maxIter")).isBetween(50, 200);
            assertThat(r.splitTestScores()).hasSize(3);
        }
        assertThat(a.bestScore()).isGreaterThan(0.9); // R² of a linear target
        assertThat(a.bestEstimator().score(xr, y)).isGreaterThan(0.9);

        RandomizedSearchCV<MLPRegressor> b = new RandomizedSearchCV<>(
                        () -> new MLPRegressor().solver("lbfgs").randomState(0), dist, 5)
                .cv(3)
                .randomState(9)
                .refit(false)
                .fit(xr, y);
        assertThat(b.cvResults().stream().map(CvResult::params).toList())
                .isEqualTo(a.cvResults().stream().map(CvResult::params).toList());
        assertThat(b.bestScore()).isEqualTo(a.bestScore());
        assertThatThrownBy(b::bestEstimator).hasMessageContaining("refit(false)");
    }

    @Test
    void failingCandidateGetsNaNAndTheLastRank() {
        GridSearchCV<MLPClassifier> search = new GridSearchCV<>(
                        SearchCVTest::classifier, Map.of("activation", List.of("relu", "no-such-activation")))
                .cv(2)
                .fit(X, Y);
        CvResult bad = search.cvResults().get(1);
        assertThat(bad.meanTestScore()).isNaN();
        assertThat(bad.rankTestScore()).isEqualTo(2);
        assertThat(bad.error()).contains("no-such-activation");
        assertThat(search.bestParams()).containsEntry("activation", "relu");
    }

    @Test
    void misuseIsNamed() {
        assertThatThrownBy(() -> new GridSearchCV<>(SearchCVTest::classifier, Map.of()).fit(X, Y))
                .hasMessageContaining("paramGrid");
        assertThatThrownBy(() -> new GridSearchCV<>(SearchCVTest::classifier, Map.of("alpha", List.of(1e-4)))
                        .fit(X, new float[X.length]))
                .hasMessageContaining("needs a regressor");
        assertThatThrownBy(
                        () -> new GridSearchCV<>(SearchCVTest::classifier, Map.of("alpha", List.of(1e-4))).cvResults())
                .hasMessageContaining("not fitted");
        assertThatThrownBy(() -> new RandomizedSearchCV<>(SearchCVTest::classifier, Map.of("alpha", 0.1), 3))
                .hasMessageContaining("'alpha' must be a non-empty list of choices or a range");
        assertThatThrownBy(() -> new GridSearchCV<>(SearchCVTest::classifier, Map.of("alpha", List.of(1e-4))).cv(1))
                .hasMessageContaining("cv");
    }
}
