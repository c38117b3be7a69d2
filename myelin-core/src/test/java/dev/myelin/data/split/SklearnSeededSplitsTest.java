package dev.myelin.data.split;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import dev.myelin.tensor.NumpyRandomState;
import dev.myelin.tensor.Tensor;
import dev.myelin.testing.Fixtures;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * Seeded splits give scikit-learn 1.2's exact row indices (src/test/python/numpy_random_state.py): train_test_split
 * plain and stratified, with the test size as a fraction and as a count, and shuffled KFold / StratifiedKFold.
 */
class SklearnSeededSplitsTest {
    static final JsonNode F = Fixtures.load("numpy_random_state");

    @Test
    void approximateModeBreaksTiesAsScikitLearn() {
        for (JsonNode c : F.get("approximate_mode"))
            assertThat(Splits.approximateMode(
                            ints(c.get("counts")),
                            c.get("draws").asInt(),
                            new NumpyRandomState(c.get("seed").asLong())::permutation))
                    .as("%s", c)
                    .containsExactly(ints(c.get("mode")));
    }

    @Test
    void trainTestSplitGivesScikitLearnsRows() {
        for (JsonNode c : F.get("train_test_split")) {
            int n = c.get("n").asInt();
            long seed = c.get("seed").asLong();
            JsonNode size = c.get("test_size");
            IndexSplit s = size.isInt()
                    ? Splits.trainTestIndices(n, size.asInt(), seed, null)
                    : Splits.trainTestIndices(n, size.asDouble(), seed, null);
            assertThat(s.train()).as("train %s", c).containsExactly(ints(c.get("train")));
            assertThat(s.test()).as("test n=%d size=%s seed=%d", n, size, seed).containsExactly(ints(c.get("test")));
        }
    }

    @Test
    void stratifiedTrainTestSplitGivesScikitLearnsRows() {
        for (JsonNode c : F.get("stratified_train_test_split")) {
            int[] y = ints(c.get("y"));
            long seed = c.get("seed").asLong();
            JsonNode size = c.get("test_size");
            float[][] x = new float[y.length][1];
            for (int i = 0; i < x.length; i++) x[i][0] = i;
            ArraySplit s = size.isInt()
                    ? Splits.trainTestSplit(x, y, size.asInt(), seed, true)
                    : Splits.trainTestSplit(x, y, size.asDouble(), seed, true);
            String what = "y=" + c.get("y") + " size=" + size + " seed=" + seed;
            assertThat(s.indices().train()).as("train %s", what).containsExactly(ints(c.get("train")));
            assertThat(s.indices().test()).as("test %s", what).containsExactly(ints(c.get("test")));
            assertThat(s.xTest()[0][0]).isEqualTo((float) s.indices().test()[0]);
            assertThat(s.yTest()[0]).isEqualTo(y[s.indices().test()[0]]);
        }
    }

    @Test
    void theTensorFormDrawsTheSameRowsAsTheArrayForm() {
        JsonNode c = F.get("stratified_train_test_split").get(4);
        int[] y = ints(c.get("y"));
        float[] yf = new float[y.length];
        for (int i = 0; i < y.length; i++) yf[i] = y[i];
        TrainTestSplit t = Splits.trainTestSplit(
                Tensor.arange(y.length),
                new Tensor(yf, y.length),
                c.get("test_size").asDouble(),
                c.get("seed").asLong(),
                true);
        assertThat(t.indices().train()).containsExactly(ints(c.get("train")));
        assertThat(t.indices().test()).containsExactly(ints(c.get("test")));
    }

    @Test
    void shuffledStratifiedKFoldGivesScikitLearnsFolds() {
        for (JsonNode c : F.get("stratified_kfold_shuffled")) {
            StratifiedKFold cv =
                    new StratifiedKFold(c.get("n_splits").asInt(), c.get("seed").asLong());
            List<IndexSplit> folds = cv.split(ints(c.get("y")));
            for (int k = 0; k < folds.size(); k++)
                assertThat(folds.get(k).test())
                        .as("fold %d of %s seed %s", k, c.get("y"), c.get("seed"))
                        .containsExactly(ints(c.get("test_folds").get(k)));
            // scikit-learn re-seeds on every split() call: the same folds again.
            assertThat(cv.split(ints(c.get("y"))).get(0).test())
                    .containsExactly(folds.get(0).test());
        }
    }

    @Test
    void shuffledKFoldGivesScikitLearnsFolds() {
        for (JsonNode c : F.get("kfold_shuffled")) {
            KFold cv = new KFold(c.get("n_splits").asInt(), c.get("seed").asLong());
            List<IndexSplit> folds = cv.split(c.get("n").asInt());
            for (int k = 0; k < folds.size(); k++)
                assertThat(folds.get(k).test())
                        .as("fold %d of n=%s seed %s", k, c.get("n"), c.get("seed"))
                        .containsExactly(ints(c.get("test_folds").get(k)));
            assertThat(cv.split(c.get("n").asInt()).get(0).test())
                    .containsExactly(folds.get(0).test());
        }
    }

    @Test
    void seedsAndCountsOutsideScikitLearnsRangesAreRefused() {
        assertThatThrownBy(() -> new KFold(3, -5))
                .hasMessageContaining("KFold: seed must be between 0 and 2^32 - 1")
                .hasMessageContaining("got -5");
        assertThatThrownBy(() -> new StratifiedKFold(3, 1L << 33)).hasMessageContaining("StratifiedKFold: seed");
        assertThatThrownBy(() -> Splits.trainTestIndices(10, 10, 0, null))
                .hasMessageContaining("testCount must be positive and smaller than the number of samples 10, got 10");
        assertThatThrownBy(() -> Splits.trainTestSplit(new float[4][1], new int[4], 0.5, -1, false))
                .hasMessageContaining("trainTestIndices: seed must be between 0 and 2^32 - 1");
    }

    static int[] ints(JsonNode a) {
        int[] out = new int[a.size()];
        for (int i = 0; i < out.length; i++) out[i] = a.get(i).asInt();
        return out;
    }
}
